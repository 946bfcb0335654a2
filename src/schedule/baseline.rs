//! Baselines: the schedule's dates kept at one moment, and how far each task has
//! moved since.

use crate::model::{Baseline, BaselineId, BaselineTask, Plan};

use super::{Schedule, WorkingCalendar};

/// A baseline of every task's current start, finish and planned cost.
pub fn take_baseline(
    plan: &Plan,
    schedule: &Schedule,
    id: BaselineId,
    name: String,
    taken: chrono::NaiveDate,
) -> Baseline {
    let costs = crate::model::budget::planned_costs(plan);
    let tasks = plan
        .tasks
        .iter()
        .enumerate()
        .map(|(index, task)| BaselineTask {
            task: task.id.clone(),
            start: schedule.start_date(index),
            finish: schedule.finish_date(index),
            cost: Some(costs[index]).filter(|cost| !cost.is_zero()),
        })
        .collect();
    Baseline { id, name, taken, tasks }
}

/// For each task (in plan order), working days its finish moved since the baseline:
/// positive is late, negative early; `None` for a task the baseline does not have.
pub fn finish_variance(plan: &Plan, schedule: &Schedule, baseline: &Baseline) -> Vec<Option<i64>> {
    let finishes: crate::model::hashing::IdMap<&str, chrono::NaiveDate> =
        baseline.tasks.iter().map(|entry| (entry.task.as_str(), entry.finish)).collect();
    plan.tasks
        .iter()
        .enumerate()
        .map(|(index, task)| {
            finishes
                .get(task.id.as_str())
                .map(|&finish| finish_moved(&schedule.calendar, finish, schedule.finish_date(index)))
        })
        .collect()
}

/// Working days from a finish kept in a baseline to the finish now, in today's calendar:
/// positive is late. Each finish is the end of its day. A kept finish that is no longer
/// a working day (a weekday dropped, a holiday added since) ends with the last working
/// day before it: counting it as the next working day, as a start would be, would call a
/// task that moved from Friday to Monday "on time" once Fridays are off.
pub fn finish_moved(calendar: &WorkingCalendar, baseline_finish: chrono::NaiveDate, finish: chrono::NaiveDate) -> i64 {
    let end_of_day = |date: chrono::NaiveDate| match date.succ_opt() {
        Some(next) => calendar.index_of(next) - 1,
        None => calendar.index_of(date),
    };
    end_of_day(finish) - end_of_day(baseline_finish)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Calendar;
    use chrono::{NaiveDate, Weekday};

    fn date(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, day).expect("a day of January 2027")
    }

    #[test]
    fn a_finish_that_moved_from_a_dropped_weekday_to_the_next_working_day_is_one_day_late() {
        // Fridays are off now: a five-day task from Monday 4 January ran to Friday 8 and
        // now runs to Monday 11 (Monday to Thursday, then Monday).
        let mut four_days = Calendar::default();
        four_days.working_weekdays.retain(|day| *day != Weekday::Fri);
        let calendar = WorkingCalendar::new(&four_days, date(4));
        assert_eq!(finish_moved(&calendar, date(8), date(11)), 1);
        assert_eq!(finish_moved(&calendar, date(8), date(7)), 0, "Thursday is the end of that week's work");
        assert_eq!(finish_moved(&calendar, date(11), date(7)), -1);
    }

    #[test]
    fn on_an_unchanged_calendar_it_counts_working_days_between_the_finishes() {
        let calendar = WorkingCalendar::new(&Calendar::default(), date(4));
        assert_eq!(finish_moved(&calendar, date(8), date(8)), 0);
        assert_eq!(finish_moved(&calendar, date(8), date(12)), 2, "Monday and Tuesday");
        assert_eq!(finish_moved(&calendar, date(12), date(8)), -2);
    }
}
