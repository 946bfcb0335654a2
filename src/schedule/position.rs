//! Moments of the schedule as half-day positions: the start of working day `d` is
//! position `2d`, its end `2d + 1`.
//!
//! Working-day numbers with exclusive finishes cannot tell the end of Friday from the
//! start of Monday: both are the boundary between the two days. MS Project does tell
//! them apart, and shows them on different days: a milestone after finish-to-start
//! links sits at the end of its predecessors' last day (Friday), one after a
//! start-to-start link at the start of its predecessor's first day. Positions keep that
//! difference while working time is still counted in whole days: the end of day `d` and
//! the start of day `d + 1` fall on the same boundary (`boundary`), zero working days
//! apart.
//!
//! A task that takes time starts at the start of a day and finishes at the end of one;
//! a task that takes no time (a milestone) sits at a start or an end of a day.

/// A start and a finish (or lower or upper bounds on them), as positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Span {
    pub start: i64,
    pub finish: i64,
}

pub(super) const fn start_of(day: i64) -> i64 {
    2 * day
}

pub(super) const fn end_of(day: i64) -> i64 {
    2 * day + 1
}

/// The boundary between working days a position falls on, as a working-day number:
/// the end of day `d` and the start of day `d + 1` are both boundary `d + 1`.
pub(super) const fn boundary(position: i64) -> i64 {
    (position + 1) >> 1
}

/// The working day a position is on (and is shown on).
pub(super) const fn day(position: i64) -> i64 {
    position >> 1
}

/// A lag of `working_days` as a move in positions.
pub(super) const fn lag(working_days: i32) -> i64 {
    2 * working_days as i64
}

/// The earliest start and finish of a task of `duration` working days whose start and
/// finish may be no earlier than `bounds`: a task that takes time as early as the bounds
/// allow in working time, from the start of a day to the end of one; a task that takes
/// no time at the latest of its bounds, wherever that is.
pub(super) fn earliest(bounds: Span, duration: i64) -> Span {
    if duration == 0 {
        let at = bounds.start.max(bounds.finish);
        return Span { start: at, finish: at };
    }
    let first_day = boundary(bounds.start).max(boundary(bounds.finish) - duration);
    Span { start: start_of(first_day), finish: end_of(first_day + duration - 1) }
}

/// The latest start and finish of a task of `duration` working days whose start and
/// finish may be no later than `limits`: the mirror of `earliest`.
pub(super) fn latest(limits: Span, duration: i64) -> Span {
    if duration == 0 {
        let at = limits.start.min(limits.finish);
        return Span { start: at, finish: at };
    }
    let finish_boundary = boundary(limits.finish).min(boundary(limits.start).saturating_add(duration));
    Span { start: start_of(finish_boundary - duration), finish: end_of(finish_boundary - 1) }
}

/// Working days from position `from` to position `to`, whole days only: from the end
/// of a day to the start of the next is none.
pub(super) const fn working_days_between(from: i64, to: i64) -> i64 {
    boundary(to) - boundary(from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_end_of_a_day_and_the_start_of_the_next_are_one_boundary_on_two_days() {
        assert_eq!((boundary(end_of(4)), boundary(start_of(5))), (5, 5));
        assert_eq!((day(end_of(4)), day(start_of(5))), (4, 5));
        assert_eq!(working_days_between(end_of(4), start_of(5)), 0);
        assert_eq!(working_days_between(start_of(4), end_of(4)), 1);
        // Before the plan's start too.
        assert_eq!((boundary(end_of(-1)), day(end_of(-1)), day(start_of(-1))), (0, -1, -1));
    }

    #[test]
    fn a_task_that_takes_time_starts_at_a_start_of_day_and_ends_at_an_end_of_day() {
        let after_friday = Span { start: end_of(4), finish: i64::MIN / 4 };
        assert_eq!(earliest(after_friday, 3), Span { start: start_of(5), finish: end_of(7) });
        // A finish no earlier than the start of day 5 is met by finishing at the end of day 4.
        let finishing = Span { start: 0, finish: start_of(5) };
        assert_eq!(earliest(finishing, 2), Span { start: start_of(3), finish: end_of(4) });
        let limits = Span { start: i64::MAX / 4, finish: start_of(10) };
        assert_eq!(latest(limits, 2), Span { start: start_of(8), finish: end_of(9) });
    }

    #[test]
    fn a_task_that_takes_no_time_sits_on_the_latest_bound_and_the_earliest_limit() {
        let bounds = Span { start: end_of(4), finish: start_of(2) };
        assert_eq!(earliest(bounds, 0), Span { start: end_of(4), finish: end_of(4) });
        let limits = Span { start: start_of(7), finish: end_of(6) };
        assert_eq!(latest(limits, 0), Span { start: end_of(6), finish: end_of(6) });
    }
}
