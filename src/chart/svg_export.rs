//! The timeline as a standalone SVG file, to attach to a document or print: the task
//! names in outline order, bars with their progress, milestones as diamonds, summaries
//! as brackets, deadlines, the latest baseline as thin bars, dependency lines, a
//! two-level date header (months over weeks for plans up to about a year), shaded
//! non-working days, a today line and a legend.
//!
//! The geometry is the chart's own (`TimeScale`, `bar`, `link_points`, `link_path`,
//! `ticks`), so the file looks like the app. It reads in black and white too: the
//! critical path is red *and* hatched (bars, diamonds, and a hatched mark beside the
//! name of every critical task), critical links are thicker, progress is a dark fill,
//! the baseline a thin outlined bar. Coordinates are whole pixels and every text is
//! escaped for XML, so the same plan, schedule and day give the same bytes.

use chrono::NaiveDate;

use super::bars::{bar, link_path, link_points, Bar, BarKind};
use super::scale::{TimeScale, Zoom};
use super::ticks::{ticks, TickLevel};
use crate::model::outline::outline;
use crate::model::{DependencyKind, Plan};
use crate::schedule::{add_days, Schedule};

/// Height of one task row.
const ROW_HEIGHT: f64 = 28.0;
/// Width of the names column.
const LABEL_WIDTH: i64 = 320;
/// The plan's name and dates above the chart.
const TITLE_HEIGHT: i64 = 48;
/// One row of the date header (there are two).
const HEADER_ROW_HEIGHT: i64 = 22;
/// The today label and the legend below the chart.
const LEGEND_HEIGHT: i64 = 56;
/// Days shown before the plan's start and after its finish.
const DAYS_BEFORE: i64 = 7;
const DAYS_AFTER: i64 = 14;

const STYLE: &str = "\
text { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; font-size: 12px; fill: #111827; }
.title { font-size: 18px; font-weight: 700; }
.subtitle { fill: #374151; }
.tick { fill: #374151; }
.tick--major { font-weight: 700; }
.grid { stroke: #e5e7eb; stroke-width: 1; }
.grid--major { stroke: #9ca3af; }
.stripe { fill: #f9fafb; }
.rest { fill: #f3f4f6; }
.divider { stroke: #6b7280; stroke-width: 1; }
.wbs { fill: #6b7280; }
.name--summary { font-weight: 700; }
.bar { fill: #dbe4f5; stroke: #1f2937; stroke-width: 1; }
.bar--critical { fill: url(#critical-hatch); stroke: #b91c1c; stroke-width: 2; }
.progress { fill: #1f2937; }
.progress--critical { fill: #7f1d1d; }
.milestone { fill: #1f2937; stroke: #1f2937; stroke-width: 1; }
.milestone--critical { fill: url(#critical-hatch); stroke: #b91c1c; stroke-width: 2; }
.summary { fill: #111827; }
.summary--critical { fill: #b91c1c; }
.baseline { fill: #ffffff; stroke: #4b5563; stroke-width: 1; }
.deadline { fill: #ffffff; stroke: #111827; stroke-width: 1; }
.deadline--missed { fill: #111827; }
.critical-mark { fill: url(#critical-hatch); stroke: #b91c1c; stroke-width: 1; }
.link { fill: none; stroke: #6b7280; stroke-width: 1; }
.link--critical { stroke: #b91c1c; stroke-width: 2; }
.today { stroke: #111827; stroke-width: 1.5; stroke-dasharray: 5 3; }
";

/// The plan's timeline as an SVG document, with a today line on `today` (when it falls
/// inside the chart) and the latest baseline (if any). `schedule` must be the schedule
/// of this same plan.
pub fn timeline_svg(plan: &Plan, schedule: &Schedule, today: NaiveDate) -> String {
    let first = (0..plan.tasks.len()).map(|index| schedule.start_date(index)).min().unwrap_or(plan.start);
    let last = if plan.tasks.is_empty() { first } else { schedule.finish_date_of_plan().max(first) };
    let dates = ChartDates { first, last, origin: add_days(first, -DAYS_BEFORE), end: add_days(last, DAYS_AFTER) };
    timeline_svg_of(plan, schedule, today, &dates, outline(plan), false)
}

/// The timeline from `from` to `to` (inclusive; the two in either order), for printing a
/// period: only the tasks at work in it (a summary, while any of its tasks is), their bars
/// cut at its edges, at the zoom that suits its length (week, month or quarter), and never
/// narrower than its legend. The same drawing as [`timeline_svg`].
pub fn timeline_svg_between(
    plan: &Plan,
    schedule: &Schedule,
    today: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
) -> String {
    let (from, to) = (from.min(to), from.max(to));
    let rows = outline(plan).into_iter().filter(|row| at_work(schedule, row.index, from, to)).collect();
    let dates = ChartDates { first: from, last: to, origin: from, end: to };
    timeline_svg_of(plan, schedule, today, &dates, rows, true)
}

/// Whether task `index` is at work on any day from `from` to `to` (inclusive).
pub fn at_work(schedule: &Schedule, index: usize, from: NaiveDate, to: NaiveDate) -> bool {
    schedule.start_date(index) <= to && schedule.finish_date(index) >= from
}

/// The dates a timeline drawing covers: `first` to `last` said in its subtitle, `origin` to
/// `end` on its axis.
struct ChartDates {
    first: NaiveDate,
    last: NaiveDate,
    origin: NaiveDate,
    end: NaiveDate,
}

/// The narrowest a period's drawing is: its legend's width.
const PERIOD_MIN_WIDTH: i64 = 980;

fn timeline_svg_of(
    plan: &Plan,
    schedule: &Schedule,
    today: NaiveDate,
    dates: &ChartDates,
    rows: Vec<crate::model::outline::OutlineRow>,
    clip: bool,
) -> String {
    let ChartDates { first, last, origin, end } = *dates;
    let zoom = match (end - origin).num_days() {
        ..=400 => Zoom::Week,
        401..=1500 => Zoom::Month,
        _ => Zoom::Quarter,
    };
    let scale = TimeScale::new(origin, zoom);
    let chart_width = px(scale.x_end(end));
    let body_top = TITLE_HEIGHT + 2 * HEADER_ROW_HEIGHT;
    let body_height = rows.len() as i64 * ROW_HEIGHT as i64;
    // A short period's drawing keeps room for its subtitle and legend.
    let width = if clip { (LABEL_WIDTH + chart_width).max(PERIOD_MIN_WIDTH) } else { LABEL_WIDTH + chart_width };
    let height = body_top + body_height + LEGEND_HEIGHT;
    let bars: Vec<Bar> =
        rows.iter().enumerate().map(|(row, outline_row)| bar(schedule, &scale, row, outline_row)).collect();
    // Each task's row, for the tasks drawn.
    let row_of = {
        let mut row_of = vec![None; plan.tasks.len()];
        for (row, outline_row) in rows.iter().enumerate() {
            row_of[outline_row.index] = Some(row);
        }
        row_of
    };

    let mut svg = String::new();
    svg.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\">\n"
    ));
    svg.push_str(&format!("<title>{}: timeline</title>\n", xml_text(&plan.name)));
    svg.push_str(&format!("<style>\n{STYLE}</style>\n"));
    svg.push_str(
        "<defs>\n\
         <pattern id=\"critical-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" \
         patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fecaca\"/>\
         <line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#b91c1c\" stroke-width=\"3\"/></pattern>\n\
         <marker id=\"arrow\" viewBox=\"0 0 6 6\" refX=\"6\" refY=\"3\" markerWidth=\"6\" markerHeight=\"6\" \
         orient=\"auto\"><path d=\"M0 0L6 3L0 6Z\" fill=\"#374151\"/></marker>\n\
         </defs>\n",
    );
    svg.push_str(&format!("<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n"));

    // Title.
    svg.push_str(&format!("<text class=\"title\" x=\"12\" y=\"24\">{}</text>\n", xml_text(&plan.name)));
    svg.push_str(&format!(
        "<text class=\"subtitle\" x=\"12\" y=\"41\">{first} to {last}, as of {today}. Critical path: red and \
         hatched.</text>\n"
    ));

    // Date header, grid, non-working days and row stripes, under the bars.
    svg.push_str(&format!("<g transform=\"translate({LABEL_WIDTH} {TITLE_HEIGHT})\">\n"));
    for tick in ticks(&scale, zoom, origin, end) {
        let major = tick.level == TickLevel::Major;
        let (row_top, class) = if major { (0, "tick tick--major") } else { (HEADER_ROW_HEIGHT, "tick") };
        let x = px(tick.x);
        if x > 0 {
            let grid = if major { "grid grid--major" } else { "grid" };
            let bottom = 2 * HEADER_ROW_HEIGHT + body_height;
            svg.push_str(&format!("<line class=\"{grid}\" x1=\"{x}\" y1=\"{row_top}\" x2=\"{x}\" y2=\"{bottom}\"/>\n"));
        }
        // A label only where its interval shows enough of itself to hold it (the first
        // interval may begin before the chart does).
        let shown_width = x + px(tick.width) - x.max(0);
        if shown_width >= 8 + 7 * tick.label.chars().count() as i64 {
            svg.push_str(&format!(
                "<text class=\"{class}\" x=\"{}\" y=\"{}\">{}</text>\n",
                x.max(0) + 4,
                row_top + 16,
                xml_text(&tick.label)
            ));
        }
    }
    svg.push_str("</g>\n");

    if clip {
        // A period's drawing: what lies outside its dates is cut off.
        svg.push_str(&format!(
            "<clipPath id=\"period\"><rect x=\"0\" y=\"{}\" width=\"{chart_width}\" height=\"{}\"/></clipPath>\n",
            -HEADER_ROW_HEIGHT,
            body_height + 2 * HEADER_ROW_HEIGHT
        ));
        svg.push_str(&format!("<g transform=\"translate({LABEL_WIDTH} {body_top})\" clip-path=\"url(#period)\">\n"));
    } else {
        svg.push_str(&format!("<g transform=\"translate({LABEL_WIDTH} {body_top})\">\n"));
    }
    for row in (1..rows.len()).step_by(2) {
        svg.push_str(&format!(
            "<rect class=\"stripe\" x=\"0\" y=\"{}\" width=\"{chart_width}\" height=\"{}\"/>\n",
            row as i64 * ROW_HEIGHT as i64,
            ROW_HEIGHT as i64
        ));
    }
    if zoom == Zoom::Week {
        let mut day = origin;
        while day <= end {
            if !schedule.calendar.is_working_day(day) {
                svg.push_str(&format!(
                    "<rect class=\"rest\" x=\"{}\" y=\"0\" width=\"{}\" height=\"{body_height}\"/>\n",
                    px(scale.x(day)),
                    px(scale.pixels_per_day)
                ));
            }
            day = add_days(day, 1);
        }
    }

    // Baseline bars, then the tasks, then the links over them.
    if let Some(baseline) = plan.baselines.last() {
        for entry in &baseline.tasks {
            let Some(row) = plan.task_index(entry.task.as_str()).and_then(|index| row_of[index]) else { continue };
            let top = row as i64 * ROW_HEIGHT as i64;
            svg.push_str(&format!(
                "<rect class=\"baseline\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"3\"/>\n",
                px(scale.x(entry.start)),
                top + 23,
                px(scale.width(entry.start, entry.finish)).max(2)
            ));
        }
    }
    for (row, bar) in bars.iter().enumerate() {
        push_bar(&mut svg, bar, row);
        if let Some(deadline) = plan.tasks[bar.task].deadline {
            let (x, top) = (px(scale.x_end(deadline)), row as i64 * ROW_HEIGHT as i64);
            let class = if bar.deadline_missed { "deadline deadline--missed" } else { "deadline" };
            svg.push_str(&format!(
                "<path class=\"{class}\" d=\"M{} {}H{}L{x} {}Z\"><title>Deadline {deadline}</title></path>\n",
                x - 4,
                top + 1,
                x + 4,
                top + 7
            ));
        }
    }
    for dependency in &plan.dependencies {
        let row = |id: &crate::model::TaskId| plan.task_index(id.as_str()).and_then(|index| row_of[index]);
        let (Some(from), Some(to)) = (row(&dependency.predecessor), row(&dependency.successor)) else {
            continue;
        };
        let (from, to) = (&bars[from], &bars[to]);
        let (start, end) = link_points(dependency.kind, from, to, ROW_HEIGHT);
        let into_end = matches!(dependency.kind, DependencyKind::FF | DependencyKind::SF);
        let class = if from.critical && to.critical { "link link--critical" } else { "link" };
        svg.push_str(&format!(
            "<path class=\"{class}\" d=\"{}\" marker-end=\"url(#arrow)\"/>\n",
            link_path(start, end, into_end)
        ));
    }
    if today >= origin && today <= end {
        let x = px(scale.x(today));
        // Labelled below the rows, where no date label is.
        svg.push_str(&format!(
            "<line class=\"today\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\"/>\n",
            -HEADER_ROW_HEIGHT,
            body_height + 16
        ));
        svg.push_str(&format!(
            "<text class=\"tick\" x=\"{}\" y=\"{}\">Today {today}</text>\n",
            x + 4,
            body_height + 14
        ));
    }
    svg.push_str("</g>\n");

    // Names, over a plain column.
    svg.push_str(&format!(
        "<rect x=\"0\" y=\"{TITLE_HEIGHT}\" width=\"{LABEL_WIDTH}\" height=\"{}\" fill=\"#ffffff\"/>\n",
        2 * HEADER_ROW_HEIGHT + body_height
    ));
    svg.push_str(&format!(
        "<text class=\"tick tick--major\" x=\"12\" y=\"{}\">Task</text>\n",
        TITLE_HEIGHT + HEADER_ROW_HEIGHT + 16
    ));
    svg.push_str(&format!("<g transform=\"translate(0 {body_top})\">\n"));
    for row in (1..rows.len()).step_by(2) {
        svg.push_str(&format!(
            "<rect class=\"stripe\" x=\"0\" y=\"{}\" width=\"{LABEL_WIDTH}\" height=\"{}\"/>\n",
            row as i64 * ROW_HEIGHT as i64,
            ROW_HEIGHT as i64
        ));
    }
    for (row, outline_row) in rows.iter().enumerate() {
        let task = &plan.tasks[outline_row.index];
        let top = row as i64 * ROW_HEIGHT as i64;
        if bars[row].critical {
            svg.push_str(&format!(
                "<rect class=\"critical-mark\" x=\"3\" y=\"{}\" width=\"6\" height=\"12\"/>\n",
                top + 8
            ));
        }
        let indent = 14 + 12 * outline_row.depth.min(8) as i64;
        let room = ((LABEL_WIDTH - indent - 8) / 7) as usize;
        let label = format!("{} {}", outline_row.wbs, one_line(&task.name));
        let class = if outline_row.has_children { "name name--summary" } else { "name" };
        let (shown, full) = truncate(&label, room);
        svg.push_str(&format!("<text class=\"{class}\" x=\"{indent}\" y=\"{}\">", top + 18));
        if let Some(full) = full {
            svg.push_str(&format!("<title>{}</title>", xml_text(&full)));
        }
        svg.push_str(&format!("{}</text>\n", xml_text(&shown)));
    }
    svg.push_str("</g>\n");
    svg.push_str(&format!(
        "<line class=\"divider\" x1=\"{LABEL_WIDTH}\" y1=\"{TITLE_HEIGHT}\" x2=\"{LABEL_WIDTH}\" y2=\"{}\"/>\n",
        body_top + body_height
    ));
    svg.push_str(&format!("<line class=\"divider\" x1=\"0\" y1=\"{body_top}\" x2=\"{width}\" y2=\"{body_top}\"/>\n"));

    push_legend(&mut svg, body_top + body_height + 24, !plan.baselines.is_empty());
    svg.push_str("</svg>\n");
    svg
}

/// One task's shape, in chart-body coordinates.
fn push_bar(svg: &mut String, bar: &Bar, row: usize) {
    let top = row as i64 * ROW_HEIGHT as i64;
    let x = px(bar.x);
    match bar.kind {
        BarKind::Task => {
            let width = px(bar.width).max(2);
            let class = if bar.critical { "bar bar--critical" } else { "bar" };
            svg.push_str(&format!(
                "<rect class=\"{class}\" x=\"{x}\" y=\"{}\" width=\"{width}\" height=\"14\"/>\n",
                top + 7
            ));
            let done = px(bar.width * bar.progress.clamp(0.0, 100.0) / 100.0);
            if done > 0 {
                let class = if bar.critical { "progress progress--critical" } else { "progress" };
                svg.push_str(&format!(
                    "<rect class=\"{class}\" x=\"{x}\" y=\"{}\" width=\"{done}\" height=\"6\"/>\n",
                    top + 11
                ));
            }
        }
        BarKind::Milestone => {
            let class = if bar.critical { "milestone milestone--critical" } else { "milestone" };
            let middle = top + ROW_HEIGHT as i64 / 2;
            svg.push_str(&format!(
                "<path class=\"{class}\" d=\"M{x} {}L{} {middle}L{x} {}L{} {middle}Z\"/>\n",
                middle - 7,
                x + 7,
                middle + 7,
                x - 7
            ));
        }
        BarKind::Summary => {
            let width = px(bar.width).max(2);
            let class = if bar.critical { "summary summary--critical" } else { "summary" };
            let (left, right, bar_top) = (x, x + width, top + 8);
            svg.push_str(&format!(
                "<path class=\"{class}\" d=\"M{left} {bar_top}H{right}V{}L{} {}H{} L{left} {}Z\"/>\n",
                bar_top + 11,
                right - 5,
                bar_top + 5,
                left + 5,
                bar_top + 11
            ));
        }
    }
}

/// The legend: one sample of each mark, in local coordinates, with its meaning.
fn push_legend(svg: &mut String, top: i64, has_baseline: bool) {
    let mut items: Vec<(&str, &str, i64)> = vec![
        (
            "<rect class=\"bar\" x=\"0\" y=\"3\" width=\"28\" height=\"14\"/>\
             <rect class=\"progress\" x=\"0\" y=\"7\" width=\"12\" height=\"6\"/>",
            "Task (dark part: done)",
            150,
        ),
        ("<rect class=\"bar bar--critical\" x=\"0\" y=\"3\" width=\"28\" height=\"14\"/>", "Critical path", 90),
        ("<path class=\"milestone\" d=\"M14 3L21 10L14 17L7 10Z\"/>", "Milestone", 70),
        ("<path class=\"summary\" d=\"M0 4H28V15L23 9H5L0 15Z\"/>", "Summary", 65),
    ];
    if has_baseline {
        items.push(("<rect class=\"baseline\" x=\"0\" y=\"9\" width=\"28\" height=\"3\"/>", "Baseline", 65));
    }
    items.push((
        "<path class=\"deadline\" d=\"M6 4H14L10 10Z\"/><path class=\"deadline deadline--missed\" d=\"M18 4H26L22 10Z\"/>",
        "Deadline (filled: missed)",
        160,
    ));
    items.push(("<line class=\"today\" x1=\"14\" y1=\"0\" x2=\"14\" y2=\"20\"/>", "Today", 50));
    svg.push_str(&format!("<g transform=\"translate(12 {top})\">\n"));
    let mut x = 0;
    for (shape, label, width) in items {
        svg.push_str(&format!("<g transform=\"translate({x} 0)\">{shape}<text x=\"34\" y=\"14\">{label}</text></g>\n"));
        x += 34 + width;
    }
    svg.push_str("</g>\n");
}

/// Whole pixels: the same bytes on every platform.
fn px(value: f64) -> i64 {
    value.round() as i64
}

/// A name on one line: line breaks and tabs as spaces.
fn one_line(text: &str) -> String {
    text.chars().map(|character| if character.is_control() { ' ' } else { character }).collect()
}

/// The text cut to `room` characters with an ellipsis, and the whole text when cut.
fn truncate(text: &str, room: usize) -> (String, Option<String>) {
    if text.chars().count() <= room.max(2) {
        (text.to_string(), None)
    } else {
        let mut shown: String = text.chars().take(room.max(2) - 1).collect();
        shown.push('…');
        (shown, Some(text.to_string()))
    }
}

/// Text for XML content or an attribute: `&`, `<`, `>`, `"` and `'` as entities, and
/// characters XML 1.0 cannot hold (control characters other than tab and line
/// breaks, U+FFFE, U+FFFF) left out.
pub fn xml_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\t' | '\n' | '\r' => escaped.push(character),
            '\u{FFFE}' | '\u{FFFF}' => {}
            character if character.is_control() && (character as u32) < 0x20 => {}
            character => escaped.push(character),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            xml_text("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;"
        );
        assert_eq!(xml_text("bell\u{7}\u{FFFF}ok"), "bellok");
    }

    #[test]
    fn long_names_are_cut_with_an_ellipsis_and_kept_whole_for_the_tooltip() {
        assert_eq!(truncate("short", 10), ("short".to_string(), None));
        assert_eq!(truncate("a longer name", 6), ("a lon…".to_string(), Some("a longer name".to_string())));
    }
}
