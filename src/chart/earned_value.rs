//! The earned-value chart's geometry: planned value over the baseline's span as a line,
//! earned value and actual cost as points on the status date, the forecast from the
//! actual cost to the estimate at completion at the forecast finish, and the budget as
//! a level. Drawn like the risk register's exposure chart; a plain box of `WIDTH` ×
//! `HEIGHT`, y growing down.

use chrono::NaiveDate;

use crate::analysis::earned_value::{planned_value_series, Figures};
use crate::model::{Baseline, Money, Plan};
use crate::schedule::WorkingCalendar;

pub const WIDTH: f64 = 560.0;
pub const HEIGHT: f64 = 180.0;
/// Most planned-value points drawn: a long plan is sampled evenly.
const MAX_SAMPLES: i64 = 120;

/// What the budget page draws.
#[derive(Clone, Debug, PartialEq)]
pub struct EarnedValueChart {
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// The highest amount on the axis.
    pub top: Money,
    /// The planned-value line, an SVG path.
    pub planned_path: String,
    pub status_x: f64,
    pub earned: (f64, f64),
    pub actual: (f64, f64),
    /// From the actual cost on the status date to the estimate at completion on the
    /// forecast finish; `None` when the estimate cannot be made.
    pub forecast: Option<((f64, f64), (f64, f64))>,
    pub budget_y: f64,
}

/// The chart of a plan's earned value on `status_date`, or `None` when the baseline
/// holds no cost (nothing planned to draw).
pub fn earned_value_chart(
    plan: &Plan,
    calendar: &WorkingCalendar,
    baseline: &Baseline,
    figures: &Figures,
    budget: Money,
    status_date: NaiveDate,
    forecast_finish: NaiveDate,
) -> Option<EarnedValueChart> {
    let costed = baseline.tasks.iter().filter(|entry| entry.cost.is_some_and(|cost| !cost.is_zero()));
    let first = costed.clone().map(|entry| entry.start).min()?;
    let baseline_last = costed.map(|entry| entry.finish).max()?;
    let last = baseline_last.max(forecast_finish).max(status_date).max(first.succ_opt()?);
    let dates = sample_dates(first, baseline_last);
    let planned = planned_value_series(plan, calendar, baseline, &dates);
    let eac = figures.eac();
    let top = [figures.bac, budget, figures.ac, figures.ev, eac.unwrap_or_default()].into_iter().max()?.max(Money(1));
    let span = (last - first).num_days().max(1) as f64;
    let x = |date: NaiveDate| ((date - first).num_days() as f64 / span * WIDTH).clamp(0.0, WIDTH);
    let y = |amount: Money| HEIGHT - (amount.0 as f64 / top.0 as f64 * HEIGHT).clamp(0.0, HEIGHT);
    let planned_path = dates
        .iter()
        .zip(&planned)
        .enumerate()
        .map(|(index, (date, amount))| {
            format!("{}{:.1},{:.1}", if index == 0 { "M" } else { " L" }, x(*date), y(*amount))
        })
        .collect();
    let status_x = x(status_date);
    Some(EarnedValueChart {
        first,
        last,
        top,
        planned_path,
        status_x,
        earned: (status_x, y(figures.ev)),
        actual: (status_x, y(figures.ac)),
        forecast: eac.map(|eac| ((status_x, y(figures.ac)), (x(forecast_finish.max(status_date)), y(eac)))),
        budget_y: y(budget),
    })
}

/// The days planned value is drawn on: from the first to the last, at most
/// `MAX_SAMPLES` evenly spaced, the last day always included.
fn sample_dates(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    let days = (last - first).num_days().max(0);
    let step = ((days + MAX_SAMPLES - 1) / MAX_SAMPLES).max(1);
    let mut dates: Vec<NaiveDate> = (0..=days)
        .step_by(step as usize)
        .filter_map(|offset| first.checked_add_signed(chrono::Duration::days(offset)))
        .collect();
    if dates.last() != Some(&last) {
        dates.push(last);
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, month, day).unwrap()
    }

    #[test]
    fn samples_cover_the_span_and_end_on_its_last_day() {
        assert_eq!(sample_dates(day(1, 4), day(1, 6)), [day(1, 4), day(1, 5), day(1, 6)]);
        let long = sample_dates(day(1, 1), day(12, 31));
        assert!(long.len() <= MAX_SAMPLES as usize + 2, "{}", long.len());
        assert_eq!((long[0], *long.last().unwrap()), (day(1, 1), day(12, 31)));
    }
}
