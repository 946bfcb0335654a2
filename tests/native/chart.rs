//! The timeline chart's geometry: scale, ticks, visible rows.

use chrono::NaiveDate;
use planwright::chart::{ticks, RowWindow, TickLevel, TimeScale, Zoom};

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

#[test]
fn a_day_is_pixels_per_day_wide_and_x_round_trips() {
    let scale = TimeScale::new(date(2027, 1, 4), Zoom::Day);
    assert_eq!(scale.x(date(2027, 1, 4)), 0.0);
    assert_eq!(scale.x(date(2027, 1, 5)), Zoom::Day.pixels_per_day());
    assert_eq!(scale.x(date(2027, 1, 1)), -3.0 * Zoom::Day.pixels_per_day());
    for offset in -40..400 {
        let day = planwright::schedule::add_days(date(2027, 1, 4), offset);
        assert_eq!(scale.date_at(scale.x(day)), day);
        assert_eq!(scale.date_at(scale.x(day) + scale.pixels_per_day - 0.01), day);
    }
}

#[test]
fn a_one_day_task_is_one_day_wide() {
    let scale = TimeScale::new(date(2027, 1, 4), Zoom::Week);
    assert_eq!(scale.width(date(2027, 1, 6), date(2027, 1, 6)), Zoom::Week.pixels_per_day());
    assert_eq!(scale.width(date(2027, 1, 4), date(2027, 1, 8)), 5.0 * Zoom::Week.pixels_per_day());
}

#[test]
fn fit_picks_the_closest_zoom_that_shows_everything() {
    assert_eq!(Zoom::to_fit(20, 1000.0), Zoom::Day);
    assert_eq!(Zoom::to_fit(60, 1000.0), Zoom::Week);
    assert_eq!(Zoom::to_fit(250, 1000.0), Zoom::Month);
    assert_eq!(Zoom::to_fit(700, 1000.0), Zoom::Quarter);
    assert_eq!(Zoom::to_fit(100_000, 1000.0), Zoom::Quarter);
}

#[test]
fn week_zoom_has_months_above_mondays() {
    let scale = TimeScale::new(date(2027, 1, 4), Zoom::Week);
    let all = ticks(&scale, Zoom::Week, date(2027, 1, 20), date(2027, 2, 10));
    let majors: Vec<_> = all.iter().filter(|tick| tick.level == TickLevel::Major).collect();
    let minors: Vec<_> = all.iter().filter(|tick| tick.level == TickLevel::Minor).collect();
    assert_eq!(majors.iter().map(|tick| tick.label.as_str()).collect::<Vec<_>>(), ["Jan 2027", "Feb 2027"]);
    assert_eq!(majors[0].x, scale.x(date(2027, 1, 1)));
    assert_eq!(majors[0].width, 31.0 * scale.pixels_per_day);
    assert_eq!(
        minors.iter().map(|tick| tick.start).collect::<Vec<_>>(),
        [date(2027, 1, 18), date(2027, 1, 25), date(2027, 2, 1), date(2027, 2, 8)]
    );
    assert!(minors.iter().all(|tick| tick.width == 7.0 * scale.pixels_per_day));
}

#[test]
fn quarters_and_years_cross_the_new_year() {
    let scale = TimeScale::new(date(2027, 1, 4), Zoom::Quarter);
    let all = ticks(&scale, Zoom::Quarter, date(2027, 11, 1), date(2028, 2, 1));
    let labels: Vec<_> = all.iter().map(|tick| (tick.level, tick.label.as_str())).collect();
    assert_eq!(
        labels,
        [(TickLevel::Major, "2027"), (TickLevel::Major, "2028"), (TickLevel::Minor, "Q4"), (TickLevel::Minor, "Q1")]
    );
}

#[test]
fn ticks_cover_only_the_range_asked_for() {
    let scale = TimeScale::new(date(2027, 1, 4), Zoom::Day);
    let minors = ticks(&scale, Zoom::Day, date(2027, 3, 1), date(2027, 3, 31))
        .into_iter()
        .filter(|tick| tick.level == TickLevel::Minor)
        .count();
    assert_eq!(minors, 31);
}

#[test]
fn the_row_window_is_the_same_size_for_a_small_and_a_huge_list() {
    let small = RowWindow::visible(10_000, 32.0, 0.0, 640.0, 5);
    let scrolled = RowWindow::visible(10_000, 32.0, 32.0 * 5_000.0, 640.0, 5);
    assert_eq!(small, RowWindow { first: 0, end: 26 });
    assert_eq!(scrolled, RowWindow { first: 4_995, end: 5_026 });
    assert_eq!(RowWindow::visible(10_000, 32.0, 32.0 * 9_990.0, 640.0, 5).end, 10_000);
    assert_eq!(RowWindow::visible(3, 32.0, 0.0, 640.0, 5), RowWindow { first: 0, end: 3 });
    assert!(RowWindow::visible(0, 32.0, 0.0, 640.0, 5).is_empty());
}

mod drag {
    use super::date;
    use planwright::chart::{bar, drag_edit, BarKind, DragEdit, DragMode, TimeScale, Zoom};
    use planwright::model::outline::outline;
    use planwright::model::{Dependency, DependencyKind, Plan, Task, TaskId, TaskKind};
    use planwright::schedule::{compute, Schedule};

    /// A plan starting Monday 2027-01-04 with one 5-day task, one milestone and a summary.
    fn plan() -> Plan {
        let mut plan = Plan::new("Drag", date(2027, 1, 4));
        let mut task = Task::new(TaskId("T1".into()), "Build");
        task.duration = 5;
        plan.tasks.push(task);
        let mut milestone = Task::new(TaskId("T2".into()), "Launch");
        milestone.kind = TaskKind::Milestone;
        milestone.duration = 0;
        plan.tasks.push(milestone);
        plan.tasks.push(Task::new(TaskId("T3".into()), "Stream"));
        let mut child = Task::new(TaskId("T4".into()), "Part");
        child.parent = Some(TaskId("T3".into()));
        plan.tasks.push(child);
        plan
    }

    fn setup(zoom: Zoom) -> (Plan, Schedule, TimeScale) {
        let plan = plan();
        let schedule = compute(&plan).unwrap();
        (plan, schedule, TimeScale::new(date(2027, 1, 4), zoom))
    }

    fn edit(mode: DragMode, task: usize, dx: f64, zoom: Zoom) -> Option<DragEdit> {
        let (plan, schedule, scale) = setup(zoom);
        let rows = outline(&plan);
        let row = rows.iter().position(|row| row.index == task).unwrap();
        let drawn = bar(&schedule, &scale, row, &rows[row]);
        drag_edit(mode, &drawn, schedule.tasks[task].early_start, dx, &scale, &schedule.calendar)
    }

    #[test]
    fn moving_a_bar_by_whole_days_sets_not_before_on_that_day() {
        let day = Zoom::Day.pixels_per_day();
        assert_eq!(edit(DragMode::Move, 0, 2.0 * day, Zoom::Day), Some(DragEdit::StartNoEarlierThan(date(2027, 1, 6))));
        // Less than half a day stays; more than half a day goes to the next day.
        assert_eq!(edit(DragMode::Move, 0, 0.4 * day, Zoom::Day), Some(DragEdit::StartNoEarlierThan(date(2027, 1, 4))));
        assert_eq!(edit(DragMode::Move, 0, 0.6 * day, Zoom::Day), Some(DragEdit::StartNoEarlierThan(date(2027, 1, 5))));
    }

    #[test]
    fn a_bar_dropped_on_a_weekend_starts_the_next_monday() {
        let day = Zoom::Week.pixels_per_day();
        // Monday + 5 days is Saturday 2027-01-09.
        assert_eq!(
            edit(DragMode::Move, 0, 5.0 * day, Zoom::Week),
            Some(DragEdit::StartNoEarlierThan(date(2027, 1, 11)))
        );
    }

    #[test]
    fn pulling_the_end_counts_working_days_and_never_goes_below_one() {
        let day = Zoom::Day.pixels_per_day();
        // Mon..Fri is 5; pulled to the next Tuesday is 7 working days (the weekend is free).
        assert_eq!(edit(DragMode::Resize, 0, 4.0 * day, Zoom::Day), Some(DragEdit::Duration(7)));
        // Pulled onto Saturday: still 5 working days.
        assert_eq!(edit(DragMode::Resize, 0, 1.0 * day, Zoom::Day), Some(DragEdit::Duration(5)));
        assert_eq!(edit(DragMode::Resize, 0, -2.0 * day, Zoom::Day), Some(DragEdit::Duration(3)));
        assert_eq!(edit(DragMode::Resize, 0, -50.0 * day, Zoom::Day), Some(DragEdit::Duration(1)));
    }

    #[test]
    fn the_progress_handle_sets_percent_in_steps_of_five_within_bounds() {
        // The bar is 5 days at 32 px = 160 px and starts at 0% done.
        assert_eq!(edit(DragMode::Progress, 0, 80.0, Zoom::Day), Some(DragEdit::Progress(50)));
        assert_eq!(edit(DragMode::Progress, 0, 37.0, Zoom::Day), Some(DragEdit::Progress(25)));
        assert_eq!(edit(DragMode::Progress, 0, 500.0, Zoom::Day), Some(DragEdit::Progress(100)));
        assert_eq!(edit(DragMode::Progress, 0, -40.0, Zoom::Day), Some(DragEdit::Progress(0)));
    }

    #[test]
    fn summaries_do_not_drag_and_milestones_only_move() {
        let (plan, schedule, scale) = setup(Zoom::Day);
        let rows = outline(&plan);
        let kinds: Vec<BarKind> =
            rows.iter().enumerate().map(|(row, outline_row)| bar(&schedule, &scale, row, outline_row).kind).collect();
        assert!(kinds.contains(&BarKind::Summary) && kinds.contains(&BarKind::Milestone));
        assert_eq!(edit(DragMode::Move, 2, 64.0, Zoom::Day), None);
        assert_eq!(edit(DragMode::Resize, 1, 64.0, Zoom::Day), None);
        assert_eq!(edit(DragMode::Progress, 1, 64.0, Zoom::Day), None);
        assert_eq!(edit(DragMode::Move, 1, 64.0, Zoom::Day), Some(DragEdit::StartNoEarlierThan(date(2027, 1, 6))));
    }

    /// T1 (Monday to Friday) then the milestone T2 after it, finish to start.
    fn milestone_after_build() -> (Plan, Schedule, TimeScale) {
        let mut plan = plan();
        plan.dependencies.push(Dependency {
            predecessor: TaskId("T1".into()),
            successor: TaskId("T2".into()),
            kind: DependencyKind::FS,
            lag: 0,
        });
        let schedule = compute(&plan).unwrap();
        (plan, schedule, TimeScale::new(date(2027, 1, 4), Zoom::Day))
    }

    #[test]
    fn a_milestone_after_finish_to_start_links_is_drawn_at_the_end_of_its_predecessors_last_day() {
        let (plan, schedule, scale) = milestone_after_build();
        let rows = outline(&plan);
        let drawn = bar(&schedule, &scale, 1, &rows[1]);
        assert_eq!((drawn.kind, drawn.at_day_end), (BarKind::Milestone, true));
        assert_eq!(drawn.x, scale.x_end(date(2027, 1, 8)), "the end of Friday, where the build ends");
        let build = bar(&schedule, &scale, 0, &rows[0]);
        assert_eq!(build.x + build.width, drawn.x);
        // A press without a move gives the milestone's own day, so it pins nothing new.
        let edit = drag_edit(DragMode::Move, &drawn, schedule.tasks[1].early_start, 0.0, &scale, &schedule.calendar);
        assert_eq!(edit, Some(DragEdit::StartNoEarlierThan(date(2027, 1, 8))));
    }
}

#[test]
fn fitting_a_plan_fills_the_width_with_its_dates_and_a_day_on_each_side() {
    use planwright::chart::fit_plan;
    // 40 calendar days of plan (4 January to 12 February), 1,000 pixels.
    let (pixels_per_day, zoom) = fit_plan(date(2027, 1, 4), date(2027, 2, 12), 1000.0);
    assert_eq!(pixels_per_day, 1000.0 / 42.0);
    assert_eq!(zoom, Zoom::Week, "the finest zoom whose days fit 42 of them in 1,000 px");
    let scale = TimeScale { origin: date(2026, 12, 28), pixels_per_day };
    let (left, right) = (scale.x(date(2027, 1, 3)), scale.x_end(date(2027, 2, 13)));
    assert!((right - left - 1000.0).abs() < 0.001, "the plan and its two spare days are the width");
    // A one-day plan is not blown up past a day's widest; a long one not below 0.2 px a day.
    assert_eq!(fit_plan(date(2027, 1, 4), date(2027, 1, 4), 1000.0).0, Zoom::Day.pixels_per_day());
    assert_eq!(fit_plan(date(2027, 1, 4), date(2127, 1, 4), 1000.0).0, 0.2);
}
