//! The timeline chart's geometry: scale, ticks, visible rows.
#![cfg(not(target_arch = "wasm32"))]

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
