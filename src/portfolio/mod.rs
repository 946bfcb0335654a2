//! Several plans seen together: a portfolio. Pure, like the model: the UI chooses the
//! plans (kept in this browser, or read from files with the same checks as an import),
//! and everything that reads across them is decided here and tested natively.
//!
//! - **Members.** A `Portfolio` holds copies of its plans, each with where it came from
//!   (`PlanSource`), told apart by their place (`MemberId`), never merged: two plans
//!   with one id are both shown, and the problem is listed (`Portfolio::problems`).
//!   Every member has an id (`Plan::ensure_id` gives one on joining, and
//!   `Member::id_is_new` asks the caller to save it).
//! - **The portfolio file** (`file`): `{"format": "planwright-portfolio", "version": 1,
//!   "plans": [{"id": ..., "file": ...}]}`, strict like a plan file. `Portfolio::open`
//!   finds its plans among the stored plans and opened files; a plan that is not there
//!   is said, per plan, and the rest are shown.
//! - **Links across plans** (`links`): a task of one plan waiting on a task of another
//!   (`model::ExternalDependency`). A link that would close a cycle across plans is
//!   refused (`Portfolio::check_new_link`), naming tasks and plans.
//! - **Refreshing** (`refresh`): the changed dates of other plans' tasks found, turned
//!   into one command, each change explained in a sentence.
//! - **The overview** (`overview`): per plan its dates, status and problems; every
//!   milestone on one timeline; the chain that drives each plan's finish across plans
//!   (`critical_path`); each person's load across plans (`people`, `workload`); and the
//!   portfolio status report (`report`). `run::OverviewRun` computes it in steps of
//!   one plan each, so the browser never waits long on any one.

mod critical_path;
pub mod file;
mod links;
mod members;
mod overview;
mod people;
mod refresh;
mod report;
mod run;
mod workload;

pub use critical_path::{
    cross_plan_drivers, finish_chains, ChainLink, ChainOrigin, ChainStep, CrossPlanDriver, FinishChain, ScheduledMember,
};
pub use links::CrossPlanCycle;
pub use members::{Member, MemberId, PlanSource, Portfolio, PortfolioProblem, PortfolioProblemKind};
pub use overview::{plan_row, timeline_milestones, CriticalRisk, PlanRow, TimelineMilestone};
pub use people::{propose_person_links, PersonLinkProposal, PortfolioPerson};
pub use refresh::{
    known_task, refresh, ExternalChange, ExternalChangeKind, ExternalRefresh, OtherPlan, Unchecked, UncheckedReason,
};
pub use report::portfolio_markdown;
pub use run::{overview, OverviewRun, PortfolioOverview};
pub use workload::{
    member_responsibilities, monday_of, person_workload, responsible_elsewhere, responsible_elsewhere_in, workload,
    workload_of, Overload, PersonWorkload, Responsibilities, ResponsibleTask, WeekLoad, Workload,
};
