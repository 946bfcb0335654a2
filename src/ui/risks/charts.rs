//! The risk register's pictures: the heat map (which filters the table and shows where
//! risks were on an earlier day), the open exposure over time, and one risk's score
//! over time. Shapes come from `model::risk` and `chart::step_chart`.

use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::chart::step_chart;
use crate::model::dates::format_iso_date as date_to_iso;
use crate::model::risk::{self, HeatMap, RegisterFilter, RiskBand, RiskMove, IMPACT_LEVELS, PROBABILITY_LEVELS};
use crate::model::RiskAssessment;
use crate::ui::state::use_plan;

/// The side of one heat-map cell in pixels (style/part-risks.css: `.heat__cells`).
const CELL: f64 = 48.0;

/// The earlier day the heat map compares with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CompareWith {
    LastBaseline,
    DaysAgo(i64),
    Nothing,
}

impl CompareWith {
    fn value(self) -> String {
        match self {
            Self::LastBaseline => "baseline".into(),
            Self::DaysAgo(days) => format!("days:{days}"),
            Self::Nothing => "none".into(),
        }
    }

    fn from_value(value: &str) -> Self {
        match value {
            "baseline" => Self::LastBaseline,
            "none" => Self::Nothing,
            other => {
                other.strip_prefix("days:").and_then(|days| days.parse().ok()).map_or(Self::Nothing, Self::DaysAgo)
            }
        }
    }
}

/// Where a (probability, impact) cell's centre is on the heat map's overlay.
fn cell_centre((probability, impact): (u8, u8)) -> (f64, f64) {
    ((f64::from(impact) - 0.5) * CELL, (5.5 - f64::from(probability)) * CELL)
}

/// Places for up to nine ghosts in one cell, so they do not cover each other.
const GHOST_OFFSETS: [(f64, f64); 9] = [
    (-13.0, -13.0),
    (13.0, -13.0),
    (-13.0, 13.0),
    (13.0, 13.0),
    (0.0, -15.0),
    (0.0, 15.0),
    (-15.0, 0.0),
    (15.0, 0.0),
    (0.0, 0.0),
];

/// The heat map's cells: the register's filter they set, the open risks' counts, and the
/// cell that takes Tab (a roving tab stop, (probability, impact)).
#[derive(Clone, Copy)]
struct HeatCells {
    filter: RwSignal<RegisterFilter>,
    counts: Memo<HeatMap>,
    tab_stop: RwSignal<(u8, u8)>,
    grid: NodeRef<leptos::html::Div>,
}

impl HeatCells {
    fn focus_cell(self, cell: (u8, u8)) {
        self.tab_stop.set(cell);
        let selector = format!("[data-heat-cell='{}-{}']", cell.0, cell.1);
        if let Some(element) = self.grid.get_untracked().and_then(|grid| grid.query_selector(&selector).ok().flatten())
        {
            let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    }

    fn on_key(self, event: web_sys::KeyboardEvent, (probability, impact): (u8, u8)) {
        let next = match event.key().as_str() {
            "ArrowUp" => (probability.saturating_add(1).min(5), impact),
            "ArrowDown" => (probability.saturating_sub(1).max(1), impact),
            "ArrowLeft" => (probability, impact.saturating_sub(1).max(1)),
            "ArrowRight" => (probability, impact.saturating_add(1).min(5)),
            "Home" => (probability, 1),
            "End" => (probability, 5),
            "Escape" => {
                self.filter.update(|filter| filter.cell = None);
                return;
            }
            _ => return,
        };
        event.prevent_default();
        self.focus_cell(next);
    }

    /// One cell: its open risks' count, a button that filters the register to it.
    fn cell(self, probability: u8, impact: u8) -> impl IntoView {
        let HeatCells { filter, counts, tab_stop, .. } = self;
        let band = RiskBand::of_score(risk::score(probability, impact));
        let count = move || counts.with(|counts| counts.count(probability, impact));
        let chosen = move || filter.with(|filter| filter.cell == Some((probability, impact)));
        let label = move || {
            let count = count();
            format!(
                "Probability {probability} ({}), impact {impact} ({}): score {}, {}; {count} open risk{}",
                PROBABILITY_LEVELS[usize::from(probability) - 1].name,
                IMPACT_LEVELS[usize::from(impact) - 1].name,
                risk::score(probability, impact),
                band.label(),
                if count == 1 { "" } else { "s" },
            )
        };
        view! {
            <button
                type="button"
                class=move || format!("heat__cell heat__cell--{}{}{}", band.label(),
                    if chosen() { " heat__cell--chosen" } else { "" },
                    if count() == 0 { " heat__cell--empty" } else { "" })
                data-heat-cell=format!("{probability}-{impact}")
                tabindex=move || if tab_stop.get() == (probability, impact) { "0" } else { "-1" }
                aria-pressed=move || chosen().to_string()
                aria-label=label
                title=label
                on:click=move |_| {
                    tab_stop.set((probability, impact));
                    filter.update(|filter| {
                        filter.cell = if filter.cell == Some((probability, impact)) { None } else { Some((probability, impact)) };
                    });
                }
                on:keydown=move |event| self.on_key(event, (probability, impact))
            >
                {move || match count() { 0 => String::new(), count => count.to_string() }}
            </button>
        }
    }
}

/// Where each risk that moved was on the earlier day (a ghost, placed apart from the
/// others in its cell) and an arrow to where it is now.
fn ghosts(moves: &[RiskMove]) -> impl IntoView {
    let mut ghosts_in_cell = std::collections::HashMap::<(u8, u8), usize>::new();
    moves
        .iter()
        .filter_map(|moved| {
            let then = moved.then?;
            let slot = ghosts_in_cell.entry(then).or_default();
            let (dx, dy) = GHOST_OFFSETS[*slot % GHOST_OFFSETS.len()];
            *slot += 1;
            let (x, y) = cell_centre(then);
            let (x, y) = (x + dx, y + dy);
            let title = match moved.now {
                Some(now) => {
                    format!("{} was at probability {} × impact {}; now {} × {}", moved.risk, then.0, then.1, now.0, now.1)
                }
                None => format!("{} was at probability {} × impact {}; no longer open", moved.risk, then.0, then.1),
            };
            let arrow = moved.now.map(|now| {
                let (to_x, to_y) = cell_centre(now);
                // Stop short of the target's centre, where its count is.
                let (run, rise) = (to_x - x, to_y - y);
                let length = run.hypot(rise).max(1.0);
                let shorten = (length - 14.0).max(0.0) / length;
                view! {
                    <line class="heat__arrow" x1=x y1=y x2=x + run * shorten y2=y + rise * shorten marker-end="url(#heat-arrow)"></line>
                }
            });
            Some(view! {
                <g class="heat__ghost" data-ghost-of=moved.risk.to_string()>
                    <title>{title}</title>
                    {arrow}
                    <circle cx=x cy=y r="9"></circle>
                    <text x=x y=y + 3.0>{moved.risk.to_string()}</text>
                </g>
            })
        })
        .collect_view()
}

/// The 5 × 5 heat map of open risks. A click (or Enter) on a cell filters the table to
/// it, again to clear; arrows move between cells.
#[component]
pub fn RiskHeatMap(
    /// The register's filter: a cell sets its `cell`.
    filter: RwSignal<RegisterFilter>,
    /// Today, for "days ago".
    today: NaiveDate,
) -> impl IntoView {
    let context = use_plan();
    let counts = Memo::new(move |_| context.document.plan.with(HeatMap::of));
    let last_baseline = Memo::new(move |_| context.document.plan.with(risk::last_baseline_date));
    let compare = RwSignal::new(if last_baseline.get_untracked().is_some() {
        CompareWith::LastBaseline
    } else {
        CompareWith::DaysAgo(30)
    });
    let since = Memo::new(move |_| match compare.get() {
        CompareWith::LastBaseline => last_baseline.get(),
        CompareWith::DaysAgo(days) => Some(today - Duration::days(days)),
        CompareWith::Nothing => None,
    });
    let moves = Memo::new(move |_| match since.get() {
        Some(since) => context.document.plan.with(|plan| risk::moves_since(plan, since)),
        None => Vec::new(),
    });
    let grid = NodeRef::<leptos::html::Div>::new();
    let heat_cells = HeatCells { filter, counts, tab_stop: RwSignal::new((5u8, 5u8)), grid };
    let cells = (1..=5u8).rev().flat_map(|probability| (1..=5u8).map(move |impact| (probability, impact)));
    view! {
        <section class="card heat" aria-label="Heat map of open risks" data-testid="risk-heat-map">
            <div class="heat__head">
                <h2 class="card__title">"Heat map"</h2>
                <label class="field field--inline">
                    <span class="field__label">"Moves since"</span>
                    <select class="input" data-testid="heat-compare" prop:value=move || compare.get().value()
                        on:change=move |event| compare.set(CompareWith::from_value(&event_target_value(&event)))>
                        {move || last_baseline.get().map(|date| view! {
                            <option value="baseline">{format!("last baseline ({})", date_to_iso(date))}</option>
                        })}
                        <option value="days:7">"7 days ago"</option>
                        <option value="days:30">"30 days ago"</option>
                        <option value="days:90">"90 days ago"</option>
                        <option value="none">"hide moves"</option>
                    </select>
                </label>
            </div>
            <div class="heat__body">
                <span class="heat__axis heat__axis--y">"Probability →"</span>
                <div class="heat__rows">
                    {(1..=5u8).rev().map(|probability| view! {
                        <span class="heat__label" title=PROBABILITY_LEVELS[usize::from(probability) - 1].meaning>
                            {format!("{probability} {}", PROBABILITY_LEVELS[usize::from(probability) - 1].name)}
                        </span>
                    }).collect_view()}
                </div>
                <div class="heat__cells" node_ref=grid role="group" aria-label="Probability by impact; a cell filters the register">
                    {cells.map(|(probability, impact)| heat_cells.cell(probability, impact)).collect_view()}
                    <svg class="heat__overlay" viewBox="0 0 240 240" width="240" height="240" aria-hidden="true">
                        <defs>
                            <marker id="heat-arrow" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
                                <path d="M0 0L6 3L0 6z"></path>
                            </marker>
                        </defs>
                        {move || moves.with(|moves| ghosts(moves))}
                    </svg>
                </div>
                <div class="heat__columns">
                    {(1..=5u8).map(|impact| view! {
                        <span class="heat__label" title=IMPACT_LEVELS[usize::from(impact) - 1].meaning>
                            {format!("{impact} {}", IMPACT_LEVELS[usize::from(impact) - 1].name)}
                        </span>
                    }).collect_view()}
                </div>
                <span class="heat__axis heat__axis--x">"Impact →"</span>
            </div>
            <HeatLegend since=since/>
            <p class="heat__hint">{move || counts.with(|counts| format!("{} open risks. Click a cell to filter the register; arrows move, Escape clears.", counts.total()))}</p>
        </section>
    }
}

/// The heat map's bands with their scores, and what its ghosts and arrows show.
#[component]
fn HeatLegend(since: Memo<Option<NaiveDate>>) -> impl IntoView {
    let since_text = move || match since.get() {
        Some(date) => format!("◌ where a risk was on {} → where it is now", date_to_iso(date)),
        None => "Choose a day to see how risks moved since".into(),
    };
    view! {
        <ul class="heat__legend" aria-label="Bands">
            {RiskBand::ALL.into_iter().rev().map(|band| {
                let scores = band.scores();
                view! {
                    <li><span class=format!("heat__swatch heat__cell--{}", band.label())></span>
                        {format!("{} {}–{}", band.label(), scores.start(), scores.end())}</li>
                }
            }).collect_view()}
            <li class="heat__since">{since_text}</li>
        </ul>
    }
}

/// The sum of the open risks' scores over time, with today's figure.
#[component]
pub fn ExposureTrend(today: NaiveDate) -> impl IntoView {
    let context = use_plan();
    let series = Memo::new(move |_| context.document.plan.with(|plan| risk::exposure_series(plan, today)));
    const WIDTH: f64 = 360.0;
    const HEIGHT: f64 = 110.0;
    let chart = move || {
        series.with(|series| {
            let top = series.iter().map(|point| point.exposure).max().unwrap_or(0).max(1);
            let points: Vec<(NaiveDate, f64)> =
                series.iter().map(|point| (point.date, f64::from(point.exposure))).collect();
            let chart = step_chart(&points, WIDTH, HEIGHT, f64::from(top));
            let dots = series
                .iter()
                .zip(chart.dots)
                .map(|(point, (x, y))| {
                    view! {
                        <circle class="trend__dot" cx=x cy=y r="3">
                            <title>{format!("{}: exposure {}, {} open", date_to_iso(point.date), point.exposure, point.open_risks)}</title>
                        </circle>
                    }
                })
                .collect_view();
            let first = series.first().map(|point| date_to_iso(point.date)).unwrap_or_default();
            let last = series.last().map(|point| date_to_iso(point.date)).unwrap_or_default();
            let label = format!("Open exposure from {first} to {last}, highest {top}");
            view! {
                <svg class="trend__chart" viewBox=format!("-34 -8 {} {}", WIDTH + 44.0, HEIGHT + 28.0) role="img"
                    aria-label=label>
                    <line class="trend__axis" x1="0" y1=HEIGHT x2=WIDTH y2=HEIGHT></line>
                    <line class="trend__grid" x1="0" y1="0" x2=WIDTH y2="0"></line>
                    <text class="trend__tick" x="-6" y="4" text-anchor="end">{top}</text>
                    <text class="trend__tick" x="-6" y=HEIGHT + 4.0 text-anchor="end">"0"</text>
                    <text class="trend__tick" x="0" y=HEIGHT + 16.0>{first}</text>
                    <text class="trend__tick" x=WIDTH y=HEIGHT + 16.0 text-anchor="end">{last}</text>
                    <path class="trend__line" d=chart.path></path>
                    {dots}
                </svg>
            }
        })
    };
    let summary = move || {
        series.with(|series| match (series.first(), series.last()) {
            (Some(first), Some(last)) if series.len() > 1 => {
                let change = i64::from(last.exposure) - i64::from(first.exposure);
                format!(
                    "{} now from {} open risks ({}{change} since {})",
                    last.exposure,
                    last.open_risks,
                    if change > 0 { "+" } else { "" },
                    date_to_iso(first.date)
                )
            }
            (_, Some(last)) => {
                format!("{} now from {} open risks; no changes recorded yet", last.exposure, last.open_risks)
            }
            _ => "No risks yet".into(),
        })
    };
    view! {
        <section class="card trend" aria-label="Open exposure over time" data-testid="risk-exposure">
            <h2 class="card__title">"Open exposure"</h2>
            <p class="trend__summary" data-testid="risk-exposure-summary">{summary}</p>
            {chart}
            <p class="heat__hint">"Sum of the scores of open and monitoring risks, from each risk's recorded history."</p>
        </section>
    }
}

/// One risk's score over time, on the band colours.
#[component]
pub fn ScoreHistory(
    /// The risk's score history (`risk::score_history`).
    #[prop(into)]
    history: Signal<Vec<RiskAssessment>>,
) -> impl IntoView {
    const WIDTH: f64 = 300.0;
    const HEIGHT: f64 = 60.0;
    let band_y = |score: f64| HEIGHT - score / 25.0 * HEIGHT;
    // Band stripes: critical from 20 (drawn from 17, above the highest high score).
    let stripes = [(RiskBand::Critical, 17.0, 25.0), (RiskBand::High, 9.5, 17.0), (RiskBand::Medium, 4.5, 9.5), (RiskBand::Low, 0.0, 4.5)]
        .map(|(band, low, high)| {
            view! { <rect class=format!("sparkline__band sparkline__band--{}", band.label()) x="0" y=band_y(high) width=WIDTH height=band_y(low) - band_y(high)></rect> }
        });
    let chart = move || {
        history.with(|history| {
            let points: Vec<(NaiveDate, f64)> =
                history.iter().map(|entry| (entry.date, f64::from(entry.score()))).collect();
            let chart = step_chart(&points, WIDTH, HEIGHT, 25.0);
            let dots = history
                .iter()
                .zip(chart.dots)
                .map(|(entry, (x, y))| {
                    view! {
                        <circle class="trend__dot" cx=x cy=y r="3">
                            <title>{format!("{}: {} × {} = {} ({})", date_to_iso(entry.date), entry.probability, entry.impact, entry.score(), entry.status.label())}</title>
                        </circle>
                    }
                })
                .collect_view();
            view! { <path class="trend__line" d=chart.path></path>{dots} }
        })
    };
    let text = move || {
        history.with(|history| {
            history
                .iter()
                .map(|entry| format!("{} {}", date_to_iso(entry.date), entry.score()))
                .collect::<Vec<_>>()
                .join(" → ")
        })
    };
    view! {
        <figure class="sparkline" data-testid="risk-score-history">
            <svg viewBox=format!("-4 -4 {} {}", WIDTH + 8.0, HEIGHT + 8.0) role="img" aria-label=move || format!("Score over time: {}", text())>
                {stripes}
                {chart}
            </svg>
            <figcaption class="sparkline__text">{text}</figcaption>
        </figure>
    }
}
