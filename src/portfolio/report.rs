//! The portfolio status report as Markdown, like one plan's status report: each plan's
//! status by the same rule, what drives each plan's finish across plans, the milestones
//! other plans hold, what changed in other plans and needs a refresh, who is
//! overloaded across plans, the milestones due soon and the problems. Every name goes
//! through `markdown_cell`, so no name can break the layout.

use crate::file::markdown::{markdown_cell, markdown_row};
use crate::report::{RagStatus, MILESTONE_LOOKAHEAD_DAYS, STATUS_RULE};
use crate::schedule::add_days;

use super::critical_path::{ChainOrigin, ChainStep, FinishChain};
use super::members::{MemberId, Portfolio};
use super::refresh::UncheckedReason;
use super::run::PortfolioOverview;
use super::workload::{Overload, PersonWorkload};

/// Lists longer than this show their first entries and how many more there are.
const LIST_LIMIT: usize = 25;
/// An overload names this many of its tasks, then how many more there are.
const TASKS_NAMED: usize = 6;
/// A chain's steps within one plan are shown as the first and last and how many between.
const STEPS_SHOWN_PER_PLAN: usize = 2;

/// The report of `overview`, computed from `portfolio`.
pub fn portfolio_markdown(portfolio: &Portfolio, overview: &PortfolioOverview) -> String {
    let mut text = String::from("# Portfolio status report\n\n");
    push_summary(&mut text, portfolio, overview);
    push_plans(&mut text, portfolio, overview);
    push_chains(&mut text, portfolio, overview);
    push_cross_plan_drivers(&mut text, portfolio, overview);
    push_refreshes(&mut text, portfolio, overview);
    push_overloads(&mut text, portfolio, overview);
    push_milestones(&mut text, portfolio, overview);
    push_problems(&mut text, overview);
    text.push_str(&format!("---\n\nEach plan's status follows the status report's rule. {STATUS_RULE}\n"));
    text
}

fn push_summary(text: &mut String, portfolio: &Portfolio, overview: &PortfolioOverview) {
    let count = |status: RagStatus| overview.rows.iter().filter(|row| row.status == status).count();
    let worst = overview.rows.iter().map(|row| row.status).max().unwrap_or(RagStatus::Green);
    text.push_str(&format!(
        "**Overall: {}** as of {}: {} ({} red, {} amber, {} green).\n\n",
        worst.title(),
        overview.today,
        plural(portfolio.members.len(), "plan"),
        count(RagStatus::Red),
        count(RagStatus::Amber),
        count(RagStatus::Green),
    ));
}

fn push_plans(text: &mut String, portfolio: &Portfolio, overview: &PortfolioOverview) {
    text.push_str("## Plans\n\n");
    push_table_head(
        text,
        &["Plan", "Status", "Start", "Forecast finish", "Against its baseline", "Open critical risks", "RACI errors"],
    );
    for row in &overview.rows {
        let risks: Vec<String> =
            row.critical_risks.iter().map(|risk| format!("{} \"{}\" ({})", risk.id, risk.title, risk.score)).collect();
        text.push_str(&markdown_row([
            plan_name(portfolio, row.member),
            row.status.title().to_string(),
            row.start.to_string(),
            row.finish.to_string(),
            row.finish_variance.map_or_else(|| "no baseline".to_string(), lateness),
            if risks.is_empty() { "none".to_string() } else { risks.join("; ") },
            row.raci_errors.to_string(),
        ]));
    }
    text.push('\n');
}

fn push_chains(text: &mut String, portfolio: &Portfolio, overview: &PortfolioOverview) {
    text.push_str("## What drives each plan's finish\n\n");
    if overview.chains.is_empty() {
        text.push_str("No plan has tasks yet.\n\n");
        return;
    }
    for chain in &overview.chains {
        text.push_str(&format!(
            "- **{}** finishes on {}: {}.\n",
            markdown_cell(&plan_name(portfolio, chain.member)),
            chain.finish,
            chain_words(portfolio, chain)
        ));
    }
    text.push('\n');
}

/// `from the plan's start: T1 "Design" → … 3 more … → T9 "Launch"`, each plan's run of
/// steps shortened, the plan named where the chain enters it.
fn chain_words(portfolio: &Portfolio, chain: &FinishChain) -> String {
    let across_plans = chain.steps.iter().any(|step| step.member != chain.member);
    let origin = match &chain.origin {
        ChainOrigin::PlanStart if across_plans => {
            format!("from the start of {}", plan_name(portfolio, chain.steps[0].member))
        }
        ChainOrigin::PlanStart => "from the plan's start".to_string(),
        ChainOrigin::Constraint(constraint) => format!("from a date constraint ({constraint})"),
        ChainOrigin::Cycle => "from a cycle of links across plans (see the problems)".to_string(),
        ChainOrigin::Outside { plan_name, task, name, finish, missing } => {
            let missing = if *missing { ", missing there" } else { "" };
            format!("from {task} \"{name}\" of {plan_name}, outside this portfolio ({finish}{missing})")
        }
    };
    let mut parts = vec![markdown_cell(&origin)];
    for run in chain.steps.chunk_by(|before, after| before.member == after.member) {
        let crossing =
            if across_plans { format!("in {}: ", plan_name(portfolio, run[0].member)) } else { String::new() };
        let shown: Vec<String> = if run.len() <= STEPS_SHOWN_PER_PLAN {
            run.iter().map(step_words).collect()
        } else {
            let between = run.len() - 2;
            vec![step_words(&run[0]), format!("… {} …", plural(between, "more task")), step_words(&run[run.len() - 1])]
        };
        parts.push(markdown_cell(&format!("{crossing}{}", shown.join(" → "))));
    }
    parts.join(" → ")
}

/// `T12 "Integrate" (2027-03-08 to 2027-03-12)`, a milestone on its one day.
fn step_words(step: &ChainStep) -> String {
    let days =
        if step.start == step.finish { step.finish.to_string() } else { format!("{} to {}", step.start, step.finish) };
    format!("{} \"{}\" ({days})", step.task, step.name)
}

fn push_cross_plan_drivers(text: &mut String, portfolio: &Portfolio, overview: &PortfolioOverview) {
    text.push_str("## Milestones other plans drive\n\n");
    if overview.cross_plan_drivers.is_empty() {
        text.push_str("No milestone waits on another plan's task.\n\n");
        return;
    }
    push_table_head(text, &["Plan", "Milestone", "Date", "Driven by", "Of plan", "Known date"]);
    let rows = overview.cross_plan_drivers.iter().map(|driver| {
        let link = &portfolio.member(driver.member).plan.external_dependencies[driver.link];
        let driving_plan = match driver.driving_member {
            Some(member) => plan_name(portfolio, member),
            None => format!("{} (not in this portfolio)", link.known.plan_name),
        };
        markdown_row([
            plan_name(portfolio, driver.member),
            format!("{} \"{}\"", driver.milestone, driver.milestone_name),
            driver.date.to_string(),
            format!("{} \"{}\"", link.predecessor, link.known.name),
            driving_plan,
            link.known.finish.to_string(),
        ])
    });
    push_limited(text, rows, overview.cross_plan_drivers.len(), "milestones");
    text.push('\n');
}

fn push_refreshes(text: &mut String, portfolio: &Portfolio, overview: &PortfolioOverview) {
    text.push_str("## Changes in other plans not yet taken\n\n");
    let mut lines = Vec::new();
    for (member, refresh) in overview.refreshes.iter().enumerate() {
        let Some(refresh) = refresh else { continue };
        let plan = plan_name(portfolio, MemberId(member));
        for change in &refresh.changes {
            lines.push(format!("- {}: {}.\n", markdown_cell(&plan), markdown_cell(&change.sentence)));
        }
        if let Some(together) = &refresh.together {
            lines.push(format!("- {}: {}.\n", markdown_cell(&plan), markdown_cell(together)));
        }
        let links = &portfolio.member(MemberId(member)).plan.external_dependencies;
        for unchecked in &refresh.unchecked {
            let link = &links[unchecked.link];
            let why = match unchecked.reason {
                UncheckedReason::PlanNotHere => "that plan is not in this portfolio".to_string(),
                UncheckedReason::SeveralPlans(count) => format!("{count} plans here have its id"),
            };
            let sentence = format!(
                "{} \"{}\" of {} cannot be checked ({why}): the plan keeps its known dates",
                link.predecessor, link.known.name, link.known.plan_name
            );
            lines.push(format!("- {}: {}.\n", markdown_cell(&plan), markdown_cell(&sentence)));
        }
    }
    if lines.is_empty() {
        text.push_str("Every plan knows the other plans' dates as they are now.\n\n");
    } else {
        let total = lines.len();
        push_limited(text, lines.into_iter(), total, "changes");
        text.push('\n');
    }
}

fn push_overloads(text: &mut String, portfolio: &Portfolio, overview: &PortfolioOverview) {
    let threshold = overview.workload.threshold;
    text.push_str(&format!("## People Responsible for more than {} at once\n\n", plural(threshold as usize, "task")));
    let periods = overview
        .workload
        .people
        .iter()
        .flat_map(|person| person.overloads.iter().map(move |overload| (person, overload)));
    let total = periods.clone().count();
    if total == 0 {
        text.push_str("Nobody.\n\n");
        return;
    }
    let lines = periods.map(|(person, overload)| overload_line(portfolio, person, overload));
    push_limited(text, lines, total, "periods");
    text.push('\n');
}

/// `- **Maya Okafor**: 3 at once from … to …, in Platform, Payments: T1 "Build" (Platform), …`
fn overload_line(portfolio: &Portfolio, person: &PersonWorkload, overload: &Overload) -> String {
    let plans: Vec<String> = overload.members.iter().map(|&member| plan_name(portfolio, member)).collect();
    let mut tasks: Vec<String> = overload
        .tasks
        .iter()
        .take(TASKS_NAMED)
        .map(|&task| {
            let task = &person.tasks[task];
            format!("{} \"{}\" ({})", task.task, task.name, plan_name(portfolio, task.member))
        })
        .collect();
    if overload.tasks.len() > TASKS_NAMED {
        tasks.push(format!("and {} more", overload.tasks.len() - TASKS_NAMED));
    }
    format!(
        "- **{}**: {} at once from {} to {}, in {}: {}.\n",
        markdown_cell(&person.person.name),
        overload.concurrent,
        overload.first_day,
        overload.last_day,
        markdown_cell(&plans.join(", ")),
        markdown_cell(&tasks.join(", ")),
    )
}

fn push_milestones(text: &mut String, portfolio: &Portfolio, overview: &PortfolioOverview) {
    let lookahead_end = add_days(overview.today, MILESTONE_LOOKAHEAD_DAYS);
    text.push_str(&format!("## Milestones due by {lookahead_end}\n\n"));
    let due: Vec<_> = overview
        .milestones
        .iter()
        .filter(|milestone| milestone.date >= overview.today && milestone.date <= lookahead_end)
        .collect();
    if due.is_empty() {
        text.push_str(&format!("No milestone is due in the next {MILESTONE_LOOKAHEAD_DAYS} days.\n\n"));
        return;
    }
    push_table_head(text, &["Date", "Plan", "ID", "Milestone", "Note"]);
    let rows = due.iter().map(|milestone| {
        let notes: Vec<&str> = [
            (milestone.done, "done"),
            (milestone.deadline_missed, "misses its deadline"),
            (milestone.critical, "critical path"),
        ]
        .into_iter()
        .filter_map(|(applies, note)| applies.then_some(note))
        .collect();
        markdown_row([
            milestone.date.to_string(),
            plan_name(portfolio, milestone.member),
            milestone.task.to_string(),
            milestone.name.clone(),
            notes.join("; "),
        ])
    });
    push_limited(text, rows, due.len(), "milestones");
    text.push('\n');
}

fn push_problems(text: &mut String, overview: &PortfolioOverview) {
    text.push_str("## Problems\n\n");
    if overview.problems.is_empty() {
        text.push_str("None.\n\n");
        return;
    }
    for problem in &overview.problems {
        text.push_str(&format!("- {}.\n", markdown_cell(&problem.message)));
    }
    text.push('\n');
}

/// The plan's name as the portfolio labels it, without the quotes.
fn plan_name(portfolio: &Portfolio, member: MemberId) -> String {
    let label = portfolio.label(member);
    match label.strip_prefix('"').and_then(|rest| rest.split_once('"')) {
        Some((name, rest)) => format!("{name}{rest}"),
        None => label,
    }
}

fn push_table_head(text: &mut String, headings: &[&str]) {
    text.push_str(&markdown_row(headings.iter().copied()));
    text.push_str(&markdown_row(headings.iter().map(|_| "---")));
}

fn push_limited(text: &mut String, lines: impl Iterator<Item = String>, total: usize, what: &str) {
    for line in lines.take(LIST_LIMIT) {
        text.push_str(&line);
    }
    if total > LIST_LIMIT {
        text.push_str(&format!("\n… and {} more {what}.\n", total - LIST_LIMIT));
    }
}

fn lateness(variance: i64) -> String {
    match variance {
        0 => "on its baseline".to_string(),
        late if late > 0 => format!("{} late", plural(late as usize, "working day")),
        early => format!("{} early", plural(early.unsigned_abs() as usize, "working day")),
    }
}

fn plural(number: usize, what: &str) -> String {
    if number == 1 {
        format!("1 {what}")
    } else {
        format!("{number} {what}s")
    }
}
