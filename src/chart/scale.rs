//! Calendar days to pixels and back. The axis runs in calendar days (weekends and
//! holidays take room and are shaded), so a bar's length shows elapsed time.

use chrono::NaiveDate;

use crate::schedule::add_days;

/// How much time a screen width shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Zoom {
    Day,
    Week,
    Month,
    Quarter,
}

impl Zoom {
    pub const ALL: [Zoom; 4] = [Zoom::Day, Zoom::Week, Zoom::Month, Zoom::Quarter];

    /// Pixels for one calendar day.
    pub fn pixels_per_day(self) -> f64 {
        match self {
            Zoom::Day => 32.0,
            Zoom::Week => 12.0,
            Zoom::Month => 3.5,
            Zoom::Quarter => 1.25,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Zoom::Day => "Day",
            Zoom::Week => "Week",
            Zoom::Month => "Month",
            Zoom::Quarter => "Quarter",
        }
    }

    /// The zoom that shows `days` calendar days in `width` pixels, or the widest.
    pub fn to_fit(days: i64, width: f64) -> Zoom {
        Zoom::ALL.into_iter().find(|zoom| days as f64 * zoom.pixels_per_day() <= width).unwrap_or(Zoom::Quarter)
    }
}

/// The scale at which a plan from `start` to `finish` (its last day of work) fills
/// `width` pixels, with a day to spare on each side, and the zoom whose ticks suit it.
/// The chart scrolls to `start` less that day: the plan's dates fill its width.
pub fn fit_plan(start: NaiveDate, finish: NaiveDate, width: f64) -> (f64, Zoom) {
    let days = (finish - start).num_days().max(0) + 1 + 2;
    let pixels_per_day = (width / days as f64).clamp(0.2, Zoom::Day.pixels_per_day());
    (pixels_per_day, Zoom::to_fit(days, width))
}

/// Maps dates to x positions: `origin` sits at x = 0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeScale {
    pub origin: NaiveDate,
    pub pixels_per_day: f64,
}

impl TimeScale {
    pub fn new(origin: NaiveDate, zoom: Zoom) -> Self {
        Self { origin, pixels_per_day: zoom.pixels_per_day() }
    }

    /// The left edge of a day.
    pub fn x(&self, date: NaiveDate) -> f64 {
        (date - self.origin).num_days() as f64 * self.pixels_per_day
    }

    /// The right edge of a day (where a task finishing that day ends).
    pub fn x_end(&self, date: NaiveDate) -> f64 {
        self.x(date) + self.pixels_per_day
    }

    /// The day under an x position.
    pub fn date_at(&self, x: f64) -> NaiveDate {
        add_days(self.origin, (x / self.pixels_per_day).floor() as i64)
    }

    /// Width of the span from `start` to the end of `finish`.
    pub fn width(&self, start: NaiveDate, finish: NaiveDate) -> f64 {
        (self.x_end(finish) - self.x(start)).max(0.0)
    }
}
