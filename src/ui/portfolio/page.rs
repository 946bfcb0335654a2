//! The portfolio page: the plans to see together (chosen among those kept in this
//! browser, the choice kept there too), then a row per plan, every milestone on one
//! time axis, and the people Responsible for too much at once across the plans.

use std::sync::Arc;

use leptos::prelude::*;

use super::chart::SharedTimeline;
use super::files::{OpenedFiles, PlanFiles};
use super::workload::WeeklyWorkload;
use super::{use_portfolio, PortfolioView};
use crate::model::Plan;
use crate::model::TaskId;
use crate::portfolio::file::{self as portfolio_file, PlanRef, PortfolioFile};
use crate::portfolio::{
    propose_person_links, MemberId, OverviewRun, PersonLinkProposal, PlanRow, PlanSource, Portfolio, PortfolioOverview,
    TimelineMilestone,
};
use crate::ui::state::{use_plan, Page, PlanContext};

/// A computed overview with the storage id of each member (in member order).
#[derive(Clone)]
pub(super) struct Computed {
    pub(super) portfolio: Arc<Portfolio>,
    pub(super) overview: Arc<PortfolioOverview>,
    stored_ids: Arc<Vec<String>>,
    /// Stored plans that could not be read, each with why.
    unreadable: Vec<String>,
}

/// The plans kept in this browser, read: (storage id, plan), and what could not be read.
#[derive(Clone, Default)]
struct StoredPlans {
    plans: Vec<(String, Plan)>,
    unreadable: Vec<String>,
}

#[component]
pub fn PortfolioPage() -> impl IntoView {
    let context = use_plan();
    let view = use_portfolio();
    let (kept, kept_problem) = kept_portfolio(context);
    let file = RwSignal::new(kept);
    let notice = RwSignal::new(kept_problem);
    let stored = RwSignal::new(StoredPlans::default());
    let opened: OpenedFiles = RwSignal::new(Vec::new());
    Effect::new(move |_| stored.set(read_stored_plans(context, &context.session.plans.get())));
    let computed = RwSignal::new(None::<Computed>);
    // Each change computes anew; a computation overtaken by a newer one is dropped.
    let generation = StoredValue::new(0_u64);
    Effect::new(move |_| {
        let file = file.get();
        let _ = context.with_store(|store| store.set_portfolio_text(&portfolio_file::to_json(&file)));
        generation.update_value(|count| *count += 1);
        let files = opened.get();
        stored.with(|stored| compute(&file, stored, files, generation, computed));
    });
    view! {
        <section class="portfolio" aria-labelledby="portfolio-title">
            <div class="portfolio__head">
                <h1 id="portfolio-title" class="portfolio__title">"Portfolio"</h1>
                <PortfolioFileActions file=file notice=notice/>
                <button type="button" class="button" data-testid="close-portfolio" on:click=move |_| view.set_open(false)>
                    "Back to the plans"
                </button>
            </div>
            {move || notice.get().map(|text| view! { <p class="banner banner--error" role="alert" data-testid="portfolio-notice">{text}</p> })}
            <PlanChooser file=file stored=stored notice=notice/>
            <PlanFiles file=file opened=opened notice=notice/>
            {move || match computed.get() {
                None => view! { <p class="part-loading" role="status">"Computing the portfolio…"</p> }.into_any(),
                Some(computed) => view! { <Overview computed=computed file=file/> }.into_any(),
            }}
        </section>
    }
}

/// The portfolio kept in this browser, or an empty one with why the kept one was not used.
fn kept_portfolio(context: PlanContext) -> (PortfolioFile, Option<String>) {
    let Some(text) = context.with_store(|store| store.portfolio_text()).flatten() else {
        return (PortfolioFile::default(), None);
    };
    match portfolio_file::parse(&text) {
        Ok(file) => (file, None),
        Err(error) => (
            PortfolioFile::default(),
            Some(format!("The portfolio kept in this browser could not be read, so it starts empty: {error}.")),
        ),
    }
}

fn read_stored_plans(context: PlanContext, metas: &[crate::storage::PlanMeta]) -> StoredPlans {
    let mut stored = StoredPlans::default();
    for meta in metas {
        match context.read_stored_plan(&meta.id) {
            Ok(plan) => stored.plans.push((meta.id.clone(), plan)),
            Err(problems) => stored.unreadable.push(format!("\"{}\": {}", meta.name, problems.join("; "))),
        }
    }
    stored
}

/// Opens the portfolio's plans among the stored ones and the opened files, and computes the overview a step at
/// a time, between frames, so no step keeps the page busy long; the result lands in
/// `computed`.
fn compute(
    file: &PortfolioFile,
    stored: &StoredPlans,
    files: Vec<(String, Plan)>,
    generation: StoredValue<u64>,
    computed: RwSignal<Option<Computed>>,
) {
    let mine = generation.get_value();
    // Only the plans the portfolio lists are copied into it (the others stay unread).
    let listed = |plan: &Plan| plan.id.as_ref().is_some_and(|id| file.plans.iter().any(|listed| listed.id == *id));
    let plans: Vec<Plan> = stored.plans.iter().filter(|(_, plan)| listed(plan)).map(|(_, plan)| plan.clone()).collect();
    let portfolio = Portfolio::open(file, plans, files);
    let stored_ids: Vec<String> = portfolio
        .member_ids()
        .map(|member| {
            let member = portfolio.member(member);
            if matches!(member.source, PlanSource::File(_)) {
                return String::new();
            }
            let found = stored.plans.iter().find(|(_, plan)| plan.id.as_ref() == Some(member.id()));
            found.map(|(storage_id, _)| storage_id.clone()).unwrap_or_default()
        })
        .collect();
    let unreadable = stored.unreadable.clone();
    let today = crate::storage::today();
    leptos::task::spawn_local(async move {
        // The overview starts in a task of its own, not in the one that changed the plans.
        crate::ui::services::next_task().await;
        if generation.try_get_value() != Some(mine) {
            return;
        }
        let mut run = OverviewRun::new(&portfolio, today);
        while !run.step() {
            crate::ui::services::next_task().await;
            if generation.try_get_value() != Some(mine) {
                return;
            }
        }
        let overview = run.finish();
        let result = Computed {
            portfolio: Arc::new(portfolio),
            overview: Arc::new(overview),
            stored_ids: Arc::new(stored_ids),
            unreadable,
        };
        if generation.try_get_value() == Some(mine) {
            let _ = computed.try_set(Some(result));
        }
    });
}

/// A checkbox per plan kept in this browser. A plan that joins for the first time is given
/// its own id, saved with it, by which the portfolio (and its file) names it.
#[component]
fn PlanChooser(
    file: RwSignal<PortfolioFile>,
    stored: RwSignal<StoredPlans>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let context = use_plan();
    let toggle = move |storage_id: String, on: bool| {
        let Some(mut plan) = stored.with_untracked(|stored| {
            stored.plans.iter().find(|(id, _)| *id == storage_id).map(|(_, plan)| plan.clone())
        }) else {
            return;
        };
        if plan.id.is_none() {
            plan.ensure_id();
            let text = crate::file::to_json_compact(&plan);
            let saved = context.with_store(|store| store.save_plan_again(&storage_id, &plan.name, &text));
            if !matches!(saved, Some(Ok(_))) {
                notice.set(Some(format!(
                    "\"{}\" could not be given its portfolio id: this browser's storage refused it.",
                    plan.name
                )));
                return;
            }
            context.refresh_plan_list();
        }
        let id = plan.id.clone().expect("given above");
        file.update(|file| {
            file.plans.retain(|reference| reference.id != id);
            if on {
                file.plans.push(PlanRef { id, file: None });
            }
        });
    };
    view! {
        <fieldset class="card portfolio__chooser">
            <legend>"Plans in this portfolio"</legend>
            {move || stored.get().plans.into_iter().map(|(storage_id, plan)| {
                let checked = plan.id.as_ref().is_some_and(|id| file.with(|file| file.plans.iter().any(|reference| reference.id == *id)));
                view! {
                    <label class="portfolio__choice">
                        <input
                            type="checkbox"
                            data-portfolio-plan=storage_id.clone()
                            prop:checked=checked
                            on:change=move |event| toggle(storage_id.clone(), event_target_checked(&event))
                        />
                        {plan.name}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// Export and import of the portfolio file (plans by id and file name, people links).
#[component]
fn PortfolioFileActions(file: RwSignal<PortfolioFile>, notice: RwSignal<Option<String>>) -> impl IntoView {
    let export = move |_| {
        let text = file.with_untracked(portfolio_file::to_json);
        if let Err(error) = crate::ui::services::files::download("planwright.portfolio.json", &text, "application/json")
        {
            notice.set(Some(format!(
                "The browser could not download the file ({}).",
                crate::storage::describe_js_error(&error)
            )));
        }
    };
    let import = move |chosen: web_sys::File| {
        let name = chosen.name();
        leptos::task::spawn_local(async move {
            let text = match crate::ui::services::files::read_text(&chosen).await {
                Ok(text) => text,
                Err(error) => return notice.set(Some(format!("{name} could not be read: {error}."))),
            };
            match portfolio_file::parse(&text) {
                Ok(read) => {
                    notice.set(None);
                    file.set(read);
                }
                Err(error) => {
                    notice.set(Some(format!("{name} was not opened, and the portfolio is unchanged: {error}.")))
                }
            }
        });
    };
    view! {
        <div class="portfolio__file">
            <button type="button" class="button" data-testid="export-portfolio" on:click=export>"Export portfolio file"</button>
            <crate::ui::services::files::PlanFilePicker
                label="Import portfolio file…"
                input_label="Portfolio file to open"
                input_testid="import-portfolio"
                on_file=import
            />
        </div>
    }
}

#[component]
fn Overview(computed: Computed, file: RwSignal<PortfolioFile>) -> impl IntoView {
    if computed.portfolio.members.is_empty() && computed.unreadable.is_empty() {
        return view! { <p class="portfolio__empty">"Choose two or more plans to see them together."</p> }.into_any();
    }
    let problems: Vec<String> = computed
        .unreadable
        .iter()
        .map(|problem| format!("A plan could not be read: {problem}"))
        .chain(computed.overview.problems.iter().map(|problem| problem.message.clone()))
        .collect();
    view! {
        {(!problems.is_empty()).then(|| view! {
            <ul class="banner banner--warning portfolio__problems" data-testid="portfolio-problems">
                {problems.into_iter().map(|problem| view! { <li>{problem}</li> }).collect_view()}
            </ul>
        })}
        <StatusReport computed=computed.clone()/>
        <PlanTable computed=computed.clone()/>
        <InTurn stage=1 computed=computed.clone() file=file/>
    }
    .into_any()
}

/// The overview's later sections, each drawn in a task of its own after the one before
/// (a portfolio of 20 big plans has hundreds of milestones and people: drawn at once,
/// they held the page well over 100 ms).
#[component]
fn InTurn(stage: u8, computed: Computed, file: RwSignal<PortfolioFile>) -> impl IntoView {
    let shown = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        crate::ui::services::next_task().await;
        let _ = shown.try_set(true);
    });
    move || {
        shown.get().then(|| {
            let computed = computed.clone();
            match stage {
                1 => view! { <SharedTimeline computed=computed.clone()/><InTurn stage=2 computed=computed file=file/> }
                    .into_any(),
                2 => view! { <Milestones computed=computed.clone()/><InTurn stage=3 computed=computed file=file/> }
                    .into_any(),
                3 => view! { <Overloads computed=computed.clone()/><InTurn stage=4 computed=computed file=file/> }
                    .into_any(),
                4 => view! { <WeeklyWorkload computed=computed.clone()/><InTurn stage=5 computed=computed file=file/> }
                    .into_any(),
                _ => view! { <PeopleToJoin computed=computed file=file/> }.into_any(),
            }
        })
    }
}

/// "Download status report": the portfolio's status report in Markdown (each plan's
/// dates and status, the chains that drive a finish across plans, overloads).
#[component]
fn StatusReport(computed: Computed) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let download = move |_| {
        let text = crate::portfolio::portfolio_markdown(&computed.portfolio, &computed.overview);
        let name = format!("portfolio-status-{}.md", computed.overview.today);
        match crate::ui::services::files::download(&name, &text, "text/markdown") {
            Ok(()) => problem.set(None),
            Err(error) => problem.set(Some(format!(
                "The browser could not download the report ({}).",
                crate::storage::describe_js_error(&error)
            ))),
        }
    };
    view! {
        <div class="portfolio__report">
            <button type="button" class="button" data-testid="portfolio-report" on:click=download>
                "Download status report (Markdown)"
            </button>
            {move || problem.get().map(|text| view! { <p class="banner banner--error" role="alert">{text}</p> })}
        </div>
    }
}

/// Whether a member is a plan kept in this browser (one opened from its file cannot be
/// opened on the timeline until it is kept).
pub(super) fn is_stored(computed: &Computed, member: MemberId) -> bool {
    computed.stored_ids.get(member.0).is_some_and(|id| !id.is_empty())
}

/// Opens a member's plan, on the timeline, with `task` selected if given.
pub(super) fn open_member(
    context: PlanContext,
    view: PortfolioView,
    computed: &Computed,
    member: MemberId,
    task: Option<TaskId>,
) {
    let Some(id) = computed.stored_ids.get(member.0) else { return };
    context.open_stored(id);
    if context.document.plan_id.get_untracked().as_deref() == Some(id.as_str()) {
        view.set_open(false);
        context.view.page.set(Page::Timeline);
        context.view.selected_task.set(task);
    }
}

#[component]
fn PlanTable(computed: Computed) -> impl IntoView {
    let (context, portfolio_view) = (use_plan(), use_portfolio());
    let rows = computed.overview.rows.clone();
    view! {
        <section class="card portfolio__plans" aria-labelledby="portfolio-plans-title">
            <h2 id="portfolio-plans-title">"Plans"</h2>
            <table class="table" data-testid="portfolio-table">
                <thead>
                    <tr>
                        <th scope="col">"Plan"</th>
                        <th scope="col">"Start"</th>
                        <th scope="col">"Forecast finish"</th>
                        <th scope="col">"Against the baseline"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Critical risks"</th>
                        <th scope="col">"RACI errors"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let computed = computed.clone();
                        let member = row.member;
                        let risk_titles: Vec<String> =
                            row.critical_risks.iter().map(|risk| format!("{} {} ({})", risk.id, risk.title, risk.score)).collect();
                        view! {
                            <tr data-testid="portfolio-row">
                                <th scope="row">
                                    {if is_stored(&computed, member) {
                                        view! {
                                            <button type="button" class="link-button" on:click=move |_| open_member(context, portfolio_view, &computed, member, None)>
                                                {row.label.clone()}
                                            </button>
                                        }.into_any()
                                    } else {
                                        view! { <span title="Opened from its file: keep it in this browser to open it">{row.label.clone()}</span> }.into_any()
                                    }}
                                </th>
                                <td>{row.start.to_string()}</td>
                                <td>{row.finish.to_string()}</td>
                                <td>{variance_text(&row)}</td>
                                <td>
                                    <span class=format!("portfolio__status portfolio__status--{}", row.status.label())>{row.status.title()}</span>
                                </td>
                                <td title=risk_titles.join("\n")>
                                    {row.critical_risks.len()}
                                </td>
                                <td>{row.raci_errors}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// "3 working days late", "on time", "2 working days early", or "no baseline".
fn variance_text(row: &PlanRow) -> String {
    let days = |count: i64| if count == 1 { "1 working day".to_string() } else { format!("{count} working days") };
    match row.finish_variance {
        None => "no baseline".into(),
        Some(0) => "on time".into(),
        Some(late) if late > 0 => format!("{} late", days(late)),
        Some(early) => format!("{} early", days(-early)),
    }
}

/// Every milestone of every plan by date, in words (the shared timeline above draws them).
#[component]
fn Milestones(computed: Computed) -> impl IntoView {
    let (context, portfolio_view) = (use_plan(), use_portfolio());
    let milestones = computed.overview.milestones.clone();
    if milestones.is_empty() {
        return view! { <p class="portfolio__empty">"No milestones in these plans."</p> }.into_any();
    }
    let total = milestones.len();
    let shown = RwSignal::new(MILESTONE_ROWS.min(total));
    let milestones = StoredValue::new(milestones);
    view! {
        <section class="card portfolio__milestones" aria-labelledby="portfolio-milestones-title">
            <h2 id="portfolio-milestones-title">"Milestones by date"</h2>
            <table class="table" data-testid="portfolio-milestones">
                <thead>
                    <tr>
                        <th scope="col">"Date"</th>
                        <th scope="col">"Plan"</th>
                        <th scope="col">"Milestone"</th>
                        <th scope="col">"State"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || milestones.with_value(|all| all[..shown.get()].to_vec()).into_iter().map(|milestone| {
                        let computed = computed.clone();
                        let label = computed.portfolio.label(milestone.member);
                        let (member, task) = (milestone.member, milestone.task.clone());
                        view! {
                            <tr data-testid="portfolio-milestone">
                                <td>{milestone.date.to_string()}</td>
                                <td>{label}</td>
                                <td>
                                    {if is_stored(&computed, member) {
                                        view! {
                                            <button type="button" class="link-button" on:click=move |_| open_member(context, portfolio_view, &computed, member, Some(task.clone()))>
                                                {milestone.name.clone()}
                                            </button>
                                        }.into_any()
                                    } else {
                                        view! { <span>{milestone.name.clone()}</span> }.into_any()
                                    }}
                                </td>
                                <td>{milestone_state(&milestone)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {move || (shown.get() < total).then(|| view! {
                <button type="button" class="button" data-testid="portfolio-more-milestones"
                    on:click=move |_| shown.update(|count| *count = (*count + MILESTONE_ROWS).min(total))>
                    {format!("Show {} more ({} of {total} shown)", MILESTONE_ROWS.min(total - shown.get()), shown.get())}
                </button>
            })}
        </section>
    }
    .into_any()
}

/// Milestones listed at first, and added by each "Show more".
const MILESTONE_ROWS: usize = 100;

/// "done", "deadline missed", "critical", or nothing.
fn milestone_state(milestone: &TimelineMilestone) -> &'static str {
    if milestone.done {
        "done"
    } else if milestone.deadline_missed {
        "deadline missed"
    } else if milestone.critical {
        "critical"
    } else {
        ""
    }
}

/// People Responsible for more tasks at once than the threshold, across the plans.
#[component]
fn Overloads(computed: Computed) -> impl IntoView {
    let workload = &computed.overview.workload;
    let lines: Vec<String> = workload
        .people
        .iter()
        .flat_map(|person| {
            person.overloads.iter().map(|overload| {
                let plans: Vec<String> =
                    overload.members.iter().map(|member| computed.portfolio.label(*member)).collect();
                let tasks: Vec<String> = overload
                    .tasks
                    .iter()
                    .map(|&task| format!("{} {}", person.tasks[task].task, person.tasks[task].name))
                    .collect();
                format!(
                    "{}: {} tasks at once from {} to {}, in {}: {}",
                    person.person.name,
                    overload.concurrent,
                    overload.first_day,
                    overload.last_day,
                    plans.join(", "),
                    tasks.join("; ")
                )
            })
        })
        .collect();
    let threshold = workload.threshold;
    view! {
        <section class="card portfolio__people" aria-labelledby="portfolio-people-title">
            <h2 id="portfolio-people-title">"People across the plans"</h2>
            {if lines.is_empty() {
                view! { <p>{format!("Nobody is Responsible for more than {threshold} tasks at once.")}</p> }.into_any()
            } else {
                view! {
                    <ul data-testid="portfolio-overloads">{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// People of several plans who may be one person (same e-mail, or same name), each with
/// "Same person", which joins them in the portfolio (its workload then counts them as one).
#[component]
fn PeopleToJoin(computed: Computed, file: RwSignal<PortfolioFile>) -> impl IntoView {
    let proposals = propose_person_links(&computed.portfolio);
    if proposals.is_empty() {
        return ().into_any();
    }
    let refusal = RwSignal::new(None::<String>);
    let join = move |portfolio: &Portfolio, proposal: PersonLinkProposal| {
        let mut joined = portfolio.clone();
        match joined.link_people(proposal.name, proposal.people) {
            Ok(()) => file.update(|file| file.people = joined.to_file().people),
            Err(error) => refusal.set(Some(format!("Not joined: {error}."))),
        }
    };
    view! {
        <section class="card portfolio__join" aria-labelledby="portfolio-join-title">
            <h2 id="portfolio-join-title">"The same person in several plans?"</h2>
            {move || refusal.get().map(|text| view! { <p class="banner banner--error" role="alert">{text}</p> })}
            <ul>
                {proposals.into_iter().map(|proposal| {
                    let portfolio = computed.portfolio.clone();
                    let plans: Vec<String> = proposal.people.iter().map(|person| {
                        let member = computed.portfolio.only_member_with_id(&person.plan);
                        member.map(|member| computed.portfolio.label(member)).unwrap_or_else(|| person.plan.to_string())
                    }).collect();
                    let why = if proposal.same_email { "same e-mail address" } else { "same name" };
                    let text = format!("{} in {} ({why})", proposal.name, plans.join(", "));
                    view! {
                        <li data-testid="portfolio-person-proposal">
                            {text}" "
                            <button type="button" class="button button--quiet" on:click=move |_| join(&portfolio, proposal.clone())>"Same person"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}
