//! The rules of a working session that need no browser: the address of each view
//! (`address`), what undo and redo may do (`history`), what the header says of saving
//! (`save`), the save and two-tab protocol as a pure state machine (`save_protocol`), how
//! long a message stays (`notice`), the colour theme chosen (`theme`), and where a new plan
//! starts. The
//! browser half that follows them is in `ui` (state, shell, address bar, typing).

pub mod address;
pub mod history;
mod notice;
mod save;
pub mod save_protocol;
mod theme;

pub use address::{Address, Page};
pub use notice::{Notice, INFO_SHOWN_MS};
pub use save::{save_label, SaveLabel, SaveState};
pub use theme::Theme;

use chrono::NaiveDate;

use crate::model::Plan;
use crate::schedule::WorkingCalendar;

/// The name of a plan made with "New plan".
pub const NEW_PLAN_NAME: &str = "Untitled plan";

/// A plan made with "New plan" on `today`: it starts on the first working day of its
/// calendar on or after today (a plan made on a Saturday starts on Monday).
pub fn new_plan(today: NaiveDate) -> Plan {
    let mut plan = Plan::new(NEW_PLAN_NAME, today);
    plan.start = WorkingCalendar::new(&plan.calendar, today).date_of(0);
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn a_new_plan_starts_on_the_first_working_day_on_or_after_today() {
        // 2027-01-02 is a Saturday, 2027-01-04 the Monday after; 2027-01-06 a Wednesday.
        assert_eq!(new_plan(date(2027, 1, 2)).start, date(2027, 1, 4));
        assert_eq!(new_plan(date(2027, 1, 3)).start, date(2027, 1, 4));
        assert_eq!(new_plan(date(2027, 1, 6)).start, date(2027, 1, 6));
        assert_eq!(new_plan(date(2027, 1, 6)).name, NEW_PLAN_NAME);
    }
}
