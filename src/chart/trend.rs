//! Small step charts over dates, drawn by the risk register: the plan's open exposure
//! over time and one risk's score over time. A value holds until the next point, so
//! the line is a staircase: across to the next date, then up or down to its value.

use chrono::NaiveDate;

/// The geometry of a step chart in a `width` × `height` box, y growing downwards.
#[derive(Clone, Debug, PartialEq)]
pub struct StepChart {
    /// An SVG path: the staircase from the first point to the right edge.
    pub path: String,
    /// Where each point sits, in the order given.
    pub dots: Vec<(f64, f64)>,
}

/// The step chart of `points` (dates oldest first, values from 0 to `top`). The dates
/// span the width; one date alone, or all on one day, draws a level line across. A
/// value above `top` is drawn at the top.
pub fn step_chart(points: &[(NaiveDate, f64)], width: f64, height: f64, top: f64) -> StepChart {
    let (Some(&(first, _)), Some(&(last, _))) = (points.first(), points.last()) else {
        return StepChart { path: String::new(), dots: Vec::new() };
    };
    let span = (last - first).num_days() as f64;
    let x = |date: NaiveDate| if span > 0.0 { (date - first).num_days() as f64 / span * width } else { 0.0 };
    let y = |value: f64| height - (value.clamp(0.0, top.max(1.0)) / top.max(1.0)) * height;
    let dots: Vec<(f64, f64)> = points.iter().map(|&(date, value)| (x(date), y(value))).collect();
    let mut path = format!("M{} {}", round(dots[0].0), round(dots[0].1));
    for &(dot_x, dot_y) in &dots[1..] {
        path.push_str(&format!("H{}V{}", round(dot_x), round(dot_y)));
    }
    path.push_str(&format!("H{}", round(width)));
    StepChart { path, dots }
}

/// Two decimals are plenty for a path and keep it short.
fn round(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(number: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, number).unwrap()
    }

    #[test]
    fn values_hold_until_the_next_date_and_the_line_runs_to_the_right_edge() {
        let chart = step_chart(&[(day(1), 10.0), (day(5), 20.0), (day(11), 0.0)], 100.0, 50.0, 20.0);
        assert_eq!(chart.path, "M0 25H40V0H100V50H100");
        assert_eq!(chart.dots, [(0.0, 25.0), (40.0, 0.0), (100.0, 50.0)]);
    }

    #[test]
    fn one_day_draws_a_level_line_and_values_above_the_top_are_clamped() {
        let chart = step_chart(&[(day(3), 30.0)], 80.0, 40.0, 25.0);
        assert_eq!(chart.path, "M0 0H80");
        assert_eq!(step_chart(&[], 80.0, 40.0, 25.0).path, "");
    }
}
