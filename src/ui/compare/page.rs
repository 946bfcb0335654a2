//! "Compare with a file": the open plan (ours) beside another copy of it (theirs: a plan
//! file, or another plan kept in this browser). The differences are listed grouped as
//! added, removed and changed, each by kind of item, and each marked yours, theirs or
//! both when the copies' common version is known (the version of this plan kept when it
//! was last exported or imported, or a file the user names as the version they sent).
//! The chosen ones are merged into a preview (the schedule consequence, or why they
//! cannot be taken together) and taken through the one door as one undo step. The logic
//! is `crate::diff`; this module only shows it and keeps the choice.

use leptos::prelude::*;

use crate::diff::{
    self, ChangeId, ChangeKind, DiffEntry, Item, Merge, MergeError, Origin, PlanDiff, PlanStamp, Selection,
};
use crate::file;
use crate::model::{Plan, TaskId};
use crate::storage::LocalStore;
use crate::ui::services::files::PlanFilePicker;
use crate::ui::services::plan_reader::{self, ReadFailure};
use crate::ui::state::{use_plan, Notice, Page, PlanContext};

/// The plan compared with, and where it came from.
#[derive(Clone, Debug, PartialEq)]
struct Theirs {
    /// What the messages call it: the file's name, or `the stored plan "…"`.
    source: String,
    plan: Plan,
}

/// Which copy whose change is whose is measured against, as the user left it.
#[derive(Clone, Debug, PartialEq)]
enum CommonChoice {
    /// The version of this plan kept when it was last exported or imported.
    Kept,
    /// A plan file the user named as the version they sent.
    File { name: String, plan: Box<Plan> },
    /// None: the user chose to compare without one.
    Without,
}

/// Where a common version came from.
#[derive(Clone, Debug, PartialEq)]
enum CommonSource {
    /// Kept when this plan was last exported or imported.
    Kept,
    /// A file the user named, by its name.
    File(String),
}

impl CommonSource {
    /// As the object of a sentence: "the version kept when …", "sent.plan.json".
    fn words(&self) -> &str {
        match self {
            CommonSource::Kept => "the version kept when this plan was last exported or imported",
            CommonSource::File(name) => name,
        }
    }

    /// As the subject of a sentence: "The version kept when …", "sent.plan.json".
    fn subject(&self) -> String {
        match self {
            CommonSource::Kept => capitalized(self.words()),
            CommonSource::File(name) => name.clone(),
        }
    }
}

/// What the comparison on screen was measured against.
#[derive(Clone, Debug, PartialEq)]
enum CommonStatus {
    /// A common version, so each change is marked yours, theirs or both.
    Used { source: CommonSource },
    /// No version of this plan is kept.
    NoneKept,
    /// The copy cannot be the one both were made from.
    NotCommon { source: CommonSource, reason: String },
    /// The kept version could not be read.
    Unreadable(String),
    /// The user chose to compare without one.
    Declined,
}

/// What the chosen changes would do, as the preview shows it.
#[derive(Clone, Debug, PartialEq)]
enum Preview {
    /// Nothing chosen yet.
    Nothing,
    /// The plan was edited since it was compared (an undo, another tab): compare again.
    Stale,
    Merged(Box<Merge>),
    Refused(MergeError),
}

/// Whether the compare view is open, provided once by `provide_compare`: all the main
/// module holds of it.
#[derive(Clone, Copy)]
pub struct CompareView {
    /// Whether the compare view replaces the open view.
    open: RwSignal<bool>,
    /// The open plan and view when the compare view was opened.
    opened_on: StoredValue<(Option<String>, Page)>,
}

/// The compare view's state while it is shown, made by `ComparePage` (a part) each time
/// the view is drawn: the comparison's types stay out of the main wasm.
#[derive(Clone, Copy)]
struct CompareState {
    view: CompareView,
    theirs: RwSignal<Option<Theirs>>,
    /// Ours against theirs, computed when theirs was chosen (not live: a `ChangeId`
    /// names an entry of this one comparison).
    diff: RwSignal<Option<PlanDiff>>,
    selection: RwSignal<Selection>,
    /// The common version to measure against.
    common: RwSignal<CommonChoice>,
    /// What `diff` was measured against.
    common_status: RwSignal<CommonStatus>,
    /// Why the file last named as the version sent was not used, with every problem.
    common_refusal: RwSignal<Option<(String, Vec<String>)>>,
}

/// Creates the compare view's state and provides it as context. The view closes when
/// another plan or another view is chosen.
pub fn provide_compare(context: PlanContext) -> CompareView {
    let view = CompareView { open: RwSignal::new(false), opened_on: StoredValue::new((None, Page::Timeline)) };
    provide_context(view);
    // Effects run a moment after the change that wakes them: a plan switch just before
    // "Compare…" must not close the view it opened. Another plan or view closes it, and
    // so does a click on the tab of the open view (the same values set again).
    Effect::watch(
        move || (context.document.plan_id.get(), context.view.page.get()),
        move |now, before, _| {
            if before == Some(now) || view.opened_on.with_value(|opened| opened != now) {
                view.close();
            }
        },
        false,
    );
    view
}

fn use_compare() -> CompareState {
    expect_context::<CompareState>()
}

impl CompareView {
    pub fn is_open(&self) -> bool {
        self.open.get()
    }

    /// Opens the view on the choice of a plan to compare with. Edits waiting to be saved
    /// are saved first, so the plan compared is the plan as saved.
    pub(in crate::ui) fn show(&self, context: PlanContext) {
        context.flush();
        self.opened_on.set_value((context.document.plan_id.get_untracked(), context.view.page.get_untracked()));
        self.open.set(true);
    }

    fn close(&self) {
        self.open.set(false);
    }
}

impl CompareState {
    /// Back to the choice of a plan to compare with, nothing compared.
    fn show(&self, context: PlanContext) {
        self.forget();
        self.view.show(context);
    }

    fn close(&self) {
        self.forget();
        self.view.close();
    }

    fn forget(&self) {
        self.theirs.set(None);
        self.diff.set(None);
        self.selection.set(Selection::none());
        self.common.set(CommonChoice::Kept);
        self.common_status.set(CommonStatus::NoneKept);
        self.common_refusal.set(None);
    }

    /// Compares the open plan with `theirs` (again), against the common version when
    /// one fits, choosing nothing.
    fn compare(&self, context: PlanContext, theirs: Theirs) {
        let (diff, status) = context.document.plan.with_untracked(|ours| {
            let (base, status) = self.common_version(context, ours, &theirs.plan);
            (diff::diff3(base.as_ref(), ours, &theirs.plan), status)
        });
        self.theirs.set(Some(theirs));
        self.common_status.set(status);
        self.diff.set(Some(diff));
        self.selection.set(Selection::none());
    }

    fn compare_again(&self, context: PlanContext) {
        if let Some(theirs) = self.theirs.get_untracked() {
            self.compare(context, theirs);
        }
    }

    /// The common version as chosen, if it can be the one `ours` and `theirs` were made from.
    fn common_version(&self, context: PlanContext, ours: &Plan, theirs: &Plan) -> (Option<Plan>, CommonStatus) {
        let (plan, source) = match self.common.get_untracked() {
            CommonChoice::Without => return (None, CommonStatus::Declined),
            CommonChoice::File { name, plan } => (*plan, CommonSource::File(name)),
            CommonChoice::Kept => match read_kept_common_version(context) {
                Ok(Some(plan)) => (plan, CommonSource::Kept),
                Ok(None) => return (None, CommonStatus::NoneKept),
                Err(why) => return (None, CommonStatus::Unreadable(why)),
            },
        };
        match diff::check_common_version(&plan, ours, theirs) {
            Ok(()) => (Some(plan), CommonStatus::Used { source }),
            Err(reason) => (None, CommonStatus::NotCommon { source, reason: reason.to_string() }),
        }
    }

    /// Measures against another common version (or none) and compares again.
    fn use_common(&self, context: PlanContext, choice: CommonChoice) {
        self.common_refusal.set(None);
        self.common.set(choice);
        self.compare_again(context);
    }
}

/// The open plan's kept common version, read as every plan is (`file::parse`).
fn read_kept_common_version(context: PlanContext) -> Result<Option<Plan>, String> {
    let Some(id) = context.document.plan_id.get_untracked() else { return Ok(None) };
    let text = context.with_store(|store| store.load_common_version(&id)).unwrap_or(Ok(None));
    let text = text.map_err(|error| error.to_string())?;
    text.map(|text| file::parse(&text).map_err(|error| error.to_string())).transpose()
}

/// "Compare…" in the header: opens the compare view.
#[component]
pub fn CompareButton() -> impl IntoView {
    let context = use_plan();
    let state = expect_context::<CompareView>();
    view! {
        <button
            type="button"
            class="button"
            data-testid="compare"
            title="Compare this plan with another copy of it (a plan file or a plan in this browser) and take changes from it"
            on:click=move |_| state.show(context)
        >"Compare…"</button>
    }
}

/// Reads a chosen file and compares the open plan with it; a file that is not a good
/// plan is refused with every problem, and nothing changes.
fn compare_with_file(context: PlanContext, state: CompareState, file: web_sys::File) {
    let name = file.name();
    leptos::task::spawn_local(async move {
        match plan_reader::read_plan_file(context, &file).await {
            Ok(plan) => {
                context.session.notice.set(None);
                state.compare(context, Theirs { source: name, plan });
            }
            Err(ReadFailure::Refused(problems)) => context
                .session
                .notice
                .set(Some(Notice::error(format!("{name} was not compared. Nothing was changed."), problems))),
            Err(ReadFailure::Unreadable(error)) => context.session.notice.set(Some(Notice::error(
                format!("{name} was not compared: {error}. Nothing was changed."),
                Vec::new(),
            ))),
        }
    });
}

/// Reads a file the user names as the version they sent and compares again against it;
/// when it fits, it is kept as this plan's common version from now on. A bad file is
/// refused beside the button, with every problem.
fn compare_against_file(context: PlanContext, state: CompareState, file: web_sys::File) {
    let name = file.name();
    leptos::task::spawn_local(async move {
        let refused = |why: String, problems| state.common_refusal.set(Some((why, problems)));
        match plan_reader::read_plan_file(context, &file).await {
            Ok(plan) => {
                context.session.notice.set(None);
                let text = file::to_json_compact(&plan);
                state.use_common(context, CommonChoice::File { name, plan: Box::new(plan) });
                if matches!(state.common_status.get_untracked(), CommonStatus::Used { .. }) {
                    context.remember_common_version(&text);
                }
            }
            Err(ReadFailure::Refused(problems)) => {
                refused(format!("{name} was not used as the version you sent:"), problems)
            }
            Err(ReadFailure::Unreadable(error)) => {
                refused(format!("{name} was not used as the version you sent: {error}."), Vec::new())
            }
        }
    });
}

fn compare_with_stored(context: PlanContext, state: CompareState, id: &str, name: &str) {
    match context.read_stored_plan(id) {
        Ok(plan) => {
            context.session.notice.set(None);
            state.compare(context, Theirs { source: format!("the stored plan \"{name}\""), plan });
        }
        Err(problems) => context.session.notice.set(Some(Notice::error(
            format!("The stored plan \"{name}\" could not be read to compare. Nothing was changed."),
            problems,
        ))),
    }
}

/// The compare view, in place of the open view.
#[component]
pub fn ComparePage() -> impl IntoView {
    let context = use_plan();
    let state = CompareState {
        view: expect_context::<CompareView>(),
        theirs: RwSignal::new(None),
        diff: RwSignal::new(None),
        selection: RwSignal::new(Selection::none()),
        common: RwSignal::new(CommonChoice::Kept),
        common_status: RwSignal::new(CommonStatus::NoneKept),
        common_refusal: RwSignal::new(None),
    };
    provide_context(state);
    let heading = move || match state.theirs.with(|theirs| theirs.as_ref().map(|theirs| theirs.source.clone())) {
        Some(source) => format!("Compare with {source}"),
        None => "Compare with another copy".to_string(),
    };
    view! {
        <div class="page compare" data-testid="compare-view">
            <div class="toolbar">
                <h2 class="compare__title">{heading}</h2>
                <Show when=move || state.theirs.with(Option::is_some)>
                    <button type="button" class="button" data-testid="compare-other" on:click=move |_| state.show(context)>"Compare with another…"</button>
                </Show>
                <button type="button" class="button button--quiet compare__close" data-testid="compare-close" on:click=move |_| state.close()>"Close"</button>
            </div>
            {move || if state.diff.with(Option::is_some) {
                view! { <Comparison/> }.into_any()
            } else {
                view! { <ChooseTheirs/> }.into_any()
            }}
        </div>
    }
}

/// The choice of what to compare with: a file, or another plan in this browser; and the
/// name this browser's user signs their copies with.
#[component]
fn ChooseTheirs() -> impl IntoView {
    let context = use_plan();
    let state = use_compare();
    let ours = move || context.document.plan.with(|plan| plan.name.clone());
    view! {
        <section class="card compare__choose">
            <h3 class="card__title">{move || format!("Compare \u{201c}{}\u{201d} with…", ours())}</h3>
            <p class="page__hint">
                "Another copy of this plan: a file a colleague sent back, or a plan kept in this browser. Tasks, people, links, RACI cells and risks are matched by id. Nothing changes until you take changes."
            </p>
            <div class="compare__sources">
                <div>
                    <PlanFilePicker
                        label="A plan file…"
                        class="button--primary"
                        button_testid="compare-file"
                        input_label="Plan file to compare with"
                        input_testid="compare-input"
                        on_file=move |file| compare_with_file(context, state, file)
                    />
                </div>
                <StoredPlans/>
            </div>
            <AuthorName/>
        </section>
    }
}

/// The other plans kept in this browser, each with a button to compare with it.
#[component]
fn StoredPlans() -> impl IntoView {
    let context = use_plan();
    let state = use_compare();
    let others = move || {
        let open = context.document.plan_id.get();
        context
            .session
            .plans
            .with(|plans| plans.iter().filter(|meta| Some(&meta.id) != open.as_ref()).cloned().collect::<Vec<_>>())
    };
    move || {
        let others = others();
        if others.is_empty() {
            return view! { <p class="compare__none">"No other plan is kept in this browser."</p> }.into_any();
        }
        view! {
            <table class="table compare__stored">
                <caption>"Or a plan in this browser"</caption>
                <thead><tr><th scope="col">"Plan"</th><th scope="col">"Last saved"</th><th scope="col"><span class="visually-hidden">"Compare"</span></th></tr></thead>
                <tbody>
                    {others.into_iter().map(|meta| {
                        let saved = meta.saved.chars().take(16).collect::<String>().replace('T', " ");
                        let shown = meta.name.clone();
                        let (id, name) = (meta.id, meta.name);
                        view! {
                            <tr data-testid="compare-stored">
                                <td>{shown}</td>
                                <td>{saved}</td>
                                <td class="table__actions">
                                    <button type="button" class="button" on:click=move |_| compare_with_stored(context, state, &id, &name)>"Compare"</button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    }
}

/// The name recorded as "saved by" on the copies saved in this browser: given once, so
/// two copies of a plan can be told apart. A name the file could not hold is refused
/// beside the field, which keeps what was typed.
#[component]
fn AuthorName() -> impl IntoView {
    let context = use_plan();
    let stored = context.with_store(LocalStore::author_name).flatten();
    let typed = RwSignal::new(stored.clone().unwrap_or_default());
    let saved = RwSignal::new(stored);
    let problem = RwSignal::new(None::<String>);
    let save = move || {
        let kept = diff::author_name(&typed.get_untracked()).and_then(|name| {
            match context.with_store(|store| store.set_author_name(name.as_deref())) {
                Some(Ok(())) => Ok(name),
                Some(Err(error)) => Err(error.to_string()),
                None => Err("this browser's storage cannot be used".to_string()),
            }
        });
        match kept {
            Ok(name) => {
                problem.set(None);
                typed.set(name.clone().unwrap_or_default());
                saved.set(name);
            }
            Err(why) => problem.set(Some(format!("Not kept: {why}."))),
        }
    };
    let hint = move || {
        match (problem.get(), saved.get()) {
        (Some(problem), _) => problem,
        (None, Some(name)) => format!(
            "Copies you save or export from now on say \u{201c}saved by {name}\u{201d}, so you and a colleague can tell your copy from theirs. Kept in this browser."
        ),
        (None, None) => "Give it once: the copies you save or export then say who saved them, so you and a colleague can tell two copies apart. Kept in this browser.".to_string(),
    }
    };
    view! {
        <form class="compare__author" on:submit=move |event| {
            event.prevent_default();
            save();
        }>
            <label class="compare__author-label" for="compare-author-name">"Your name on the copies you save"</label>
            <div class="compare__author-row">
                <input
                    id="compare-author-name"
                    type="text"
                    class="input compare__author-input"
                    autocomplete="name"
                    data-testid="author-name"
                    aria-describedby="compare-author-hint"
                    aria-invalid=move || problem.with(Option::is_some).to_string()
                    prop:value=move || typed.get()
                    on:input=move |event| typed.set(event_target_value(&event))
                />
                <button type="submit" class="button" data-testid="author-save">"Save name"</button>
            </div>
            <p
                id="compare-author-hint"
                class="page__hint compare__author-hint"
                class:compare__author-hint--error=move || problem.with(Option::is_some)
                data-testid="author-hint"
            >{hint}</p>
        </form>
    }
}

/// The kinds of item, in the order the lists show them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    Plan,
    Calendar,
    People,
    Tasks,
    Links,
    Raci,
    Risks,
    Log,
    Budget,
    Baselines,
}

impl Section {
    const ALL: [Section; 10] = [
        Section::Plan,
        Section::Calendar,
        Section::People,
        Section::Tasks,
        Section::Links,
        Section::Raci,
        Section::Risks,
        Section::Log,
        Section::Budget,
        Section::Baselines,
    ];

    fn of(item: &Item) -> Self {
        match item {
            Item::Plan => Section::Plan,
            Item::Holiday(_) => Section::Calendar,
            Item::Person(_) => Section::People,
            Item::Task(_) => Section::Tasks,
            Item::Dependency { .. } | Item::ExternalDependency { .. } => Section::Links,
            Item::Raci { .. } => Section::Raci,
            Item::Risk(_) => Section::Risks,
            Item::Assumption(_) | Item::Issue(_) | Item::Decision(_) => Section::Log,
            Item::Budget | Item::DayRate(_) | Item::TaskCost(_) => Section::Budget,
            Item::Baseline(_) => Section::Baselines,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Section::Plan => "Plan",
            Section::Calendar => "Holidays",
            Section::People => "People",
            Section::Tasks => "Tasks",
            Section::Links => "Links",
            Section::Raci => "RACI",
            Section::Risks => "Risks",
            Section::Log => "Log: assumptions, issues, decisions",
            Section::Budget => "Budget",
            Section::Baselines => "Baselines",
        }
    }
}

fn group_label(kind: ChangeKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        ChangeKind::Added => ("Added", "added", "In theirs only: taking one adds it here."),
        ChangeKind::Removed => ("Removed", "removed", "In this plan only: taking one removes it here."),
        ChangeKind::Changed => ("Changed", "changed", "In both, with a different value: choose which to keep."),
    }
}

/// An item as a person reads it: its id and, from our plan, its name.
fn item_label(ours: &Plan, item: &Item) -> String {
    let named = |id: &str, name: Option<&str>| match name {
        Some(name) => format!("{id} \u{201c}{name}\u{201d}"),
        None => id.to_string(),
    };
    match item {
        Item::Plan => "The plan".into(),
        Item::Task(id) => named(id.as_str(), ours.task(id.as_str()).map(|task| task.name.as_str())),
        Item::Person(id) => named(id.as_str(), ours.person(id.as_str()).map(|person| person.name.as_str())),
        Item::Risk(id) => named(id.as_str(), ours.risk(id.as_str()).map(|risk| risk.title.as_str())),
        Item::Raci { task, person } => {
            let name = ours.person(person.as_str()).map_or(person.as_str(), |person| person.name.as_str());
            format!("{name} on {task}")
        }
        other => capitalized(&other.to_string()),
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn changes(count: usize) -> String {
    if count == 1 {
        "1 change".into()
    } else {
        format!("{count} changes")
    }
}

fn conflicts(count: usize) -> String {
    if count == 1 {
        "1 conflict".into()
    } else {
        format!("{count} conflicts")
    }
}

/// A copy's record of its last saved change in words: "revision 71, modified
/// 2027-01-20, saved by Ana".
fn stamp_words(stamp: &PlanStamp) -> String {
    let mut words = format!("revision {}", stamp.revision);
    match stamp.modified {
        Some(date) => words.push_str(&format!(", modified {date}")),
        None => words.push_str(", never saved with a date"),
    }
    if let Some(name) = &stamp.saved_by {
        words.push_str(&format!(", saved by {name}"));
    }
    words
}

/// Both stamps, whose change is whose, the collisions, the lists and the preview.
#[component]
fn Comparison() -> impl IntoView {
    let context = use_plan();
    let state = use_compare();
    let Some(diff) = state.diff.get_untracked() else { return ().into_any() };
    let source = state.theirs.with_untracked(|theirs| theirs.as_ref().map(|theirs| theirs.source.clone()));
    let source = source.unwrap_or_default();
    let preview = Memo::new(move |_| {
        let selection = state.selection.get();
        context.document.plan.with(|ours| {
            state.diff.with(|diff| match diff {
                None => Preview::Nothing,
                Some(diff) if !diff.is_for(ours) => Preview::Stale,
                Some(_) if selection.is_empty() => Preview::Nothing,
                Some(diff) => match diff::merge(ours, diff, &selection) {
                    Ok(merge) => Preview::Merged(Box::new(merge)),
                    Err(error) => Preview::Refused(error),
                },
            })
        })
    });
    let since = diff.since_base;
    view! {
        <div class="compare__stamps">
            <StampCard side="ours" title="This plan".to_string() stamp=diff.ours.clone() since_base=since.map(|since| since.ours)/>
            <span class="compare__versus" aria-hidden="true">"⇄"</span>
            <StampCard side="theirs" title=source.clone() stamp=diff.theirs.clone() since_base=since.map(|since| since.theirs)/>
        </div>
        <CommonVersionPanel base=diff.base.clone()/>
        <Collisions diff=diff.clone()/>
        <div class="compare__body">
            <div class="compare__lists">
                {if diff.is_empty() {
                    view! {
                        <p class="card empty" data-testid="compare-same">"The two plans are the same (their revision and date aside): there is nothing to take."</p>
                    }.into_any()
                } else {
                    view! { <ChangeLists diff=diff preview=preview/> }.into_any()
                }}
            </div>
            <PreviewPanel preview=preview source=source/>
        </div>
    }
    .into_any()
}

/// Which copy is which: name, revision, last modified date and who saved it, as the file
/// records them, and how many changes it made since the common version.
#[component]
fn StampCard(
    /// "ours" or "theirs".
    side: &'static str,
    /// Where this copy is: "This plan", or the file's name.
    title: String,
    /// The copy's stamp.
    stamp: PlanStamp,
    /// How many changes this copy made since the common version, when one is known.
    since_base: Option<usize>,
) -> impl IntoView {
    let modified = stamp.modified.map_or_else(|| "never saved with a date".to_string(), |date| date.to_string());
    let saved_by = stamp.saved_by.clone().unwrap_or_else(|| "not recorded".to_string());
    view! {
        <section class=format!("card compare__stamp compare__stamp--{side}") data-testid=format!("stamp-{side}")>
            <p class="compare__side"><span class="compare__side-label">{if side == "ours" { "Yours" } else { "Theirs" }}</span>" · "{title}</p>
            <p class="compare__plan-name">{stamp.name.clone()}</p>
            <dl class="compare__facts">
                <dt>"Saved by"</dt>
                <dd class="compare__fact-text" class:compare__fact-text--unknown=stamp.saved_by.is_none() data-testid=format!("stamp-{side}-saved-by")>{saved_by}</dd>
                <dt>"Revision"</dt><dd data-testid=format!("stamp-{side}-revision")>{stamp.revision}</dd>
                <dt>"Last modified"</dt><dd>{modified}</dd>
                {since_base.map(|count| view! {
                    <dt>"Since the common version"</dt>
                    <dd class="compare__fact-text" data-testid=format!("stamp-{side}-since")>{changes(count)}</dd>
                })}
            </dl>
        </section>
    }
}

/// What whose change is whose is measured against, or plainly that it cannot be told,
/// with the choice of the version sent (a file) or of comparing without one.
#[component]
fn CommonVersionPanel(
    /// The common version's stamp, when the comparison used one.
    base: Option<PlanStamp>,
) -> impl IntoView {
    let state = use_compare();
    let status = state.common_status.get_untracked();
    let refusal = move || {
        state.common_refusal.get().map(|(text, problems)| {
            view! {
                <div class="banner banner--error compare__common-refusal" role="alert" data-testid="common-refused">
                    <div class="banner__body">
                        <p class="banner__text">{text}</p>
                        <ul class="banner__details">{problems.into_iter().map(|problem| view! { <li>{problem}</li> }).collect_view()}</ul>
                    </div>
                </div>
            }
        })
    };
    match (status, base) {
        (CommonStatus::Used { source }, Some(base)) => {
            view! { <CommonVersionUsed source=source base=base/>{refusal} }.into_any()
        }
        (status, _) => view! { <CommonVersionMissing status=status/>{refusal} }.into_any(),
    }
}

/// The button that reads a file as the version the user sent.
#[component]
fn CommonFilePicker(
    /// The button's text.
    label: &'static str,
    /// Extra CSS class for the button.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let context = use_plan();
    let state = use_compare();
    view! {
        <PlanFilePicker
            label=label
            class=class
            button_testid="common-file"
            input_label="The plan file you sent: the version both copies were made from"
            input_testid="common-input"
            on_file=move |file| compare_against_file(context, state, file)
        />
    }
}

/// Three-way: what the marks mean and which copy they are measured against.
#[component]
fn CommonVersionUsed(
    /// Where the common version came from.
    source: CommonSource,
    /// Its stamp.
    base: PlanStamp,
) -> impl IntoView {
    let context = use_plan();
    let state = use_compare();
    view! {
        <section class="card compare__common" data-testid="compare-common" data-common="used" aria-labelledby="compare-common-title">
            <div class="compare__common-body">
                <h3 class="compare__common-title" id="compare-common-title">"Whose change is whose"</h3>
                <p class="compare__common-text" data-testid="common-source">{format!("Measured against {} ({}).", source.words(), stamp_words(&base))}</p>
                <p class="compare__legend">
                    <span class="compare__whose compare__whose--yours">"Yours"</span>" only you changed it: kept unless you tick it. "
                    <span class="compare__whose compare__whose--theirs">"Theirs"</span>" only they changed it: tick to take it. "
                    <span class="compare__whose compare__whose--both">"Both"</span>" you both changed it, differently: choose one."
                </p>
            </div>
            <div class="compare__common-actions">
                <CommonFilePicker label="Another file as the version you sent…"/>
                <button type="button" class="button button--quiet" data-testid="common-without" on:click=move |_| state.use_common(context, CommonChoice::Without)>"Compare without it"</button>
            </div>
        </section>
    }
}

/// Two-way: says plainly that whose change is whose cannot be told, and why, and offers
/// a file as the version sent.
#[component]
fn CommonVersionMissing(
    /// Why there is no common version.
    status: CommonStatus,
) -> impl IntoView {
    let context = use_plan();
    let state = use_compare();
    let declined = status == CommonStatus::Declined;
    let why = match status {
        CommonStatus::Used { .. } | CommonStatus::NoneKept => {
            "No version of this plan was kept when it was last exported or imported.".to_string()
        }
        CommonStatus::NotCommon { source, reason } => {
            format!("{} cannot be the version both copies were made from: {reason}.", source.subject())
        }
        CommonStatus::Unreadable(why) => format!("{} could not be read: {why}.", CommonSource::Kept.subject()),
        CommonStatus::Declined => "You chose to compare without the version you sent.".to_string(),
    };
    view! {
        <section class="banner banner--warning compare__common compare__common--missing" data-testid="compare-common" data-common="missing" aria-labelledby="compare-common-title">
            <div class="banner__body">
                <h3 class="banner__text compare__common-title" id="compare-common-title">"Planwright cannot tell whose change is whose"</h3>
                <p class="compare__common-text" data-testid="common-why">{why}</p>
                <p class="compare__common-text">"Every difference is listed as it stands, and taking one may undo a change of yours. Choose the version you sent them (the plan file you exported) to see which changes are yours and which are theirs."</p>
            </div>
            <div class="compare__common-actions">
                <CommonFilePicker label="Choose the version you sent…" class="button--primary"/>
                {declined.then(|| view! {
                    <button type="button" class="button button--quiet" data-testid="common-kept" on:click=move |_| state.use_common(context, CommonChoice::Kept)>"Use the kept version"</button>
                })}
            </div>
        </section>
    }
}

/// A warning per task id that names two different tasks, with the way out.
#[component]
fn Collisions(
    /// The comparison.
    diff: PlanDiff,
) -> impl IntoView {
    let context = use_plan();
    let state = use_compare();
    diff.collisions
        .iter()
        .map(|collision| {
            let id = collision.id.clone();
            view! {
                <div class="banner banner--warning compare__collision" data-testid="compare-collision">
                    <div class="banner__body">
                        <p class="banner__text">{format!("⚠ {collision}.")}</p>
                        <p class="banner__hint">"Taking its changes would turn this task into theirs. If they are two tasks, give theirs a new id: it then shows as an added task."</p>
                    </div>
                    <button type="button" class="button" data-testid="compare-renumber" on:click=move |_| renumber(context, state, &id)>
                        "Treat theirs as a new task (renumber)"
                    </button>
                </div>
            }
        })
        .collect_view()
}

/// How many entries are yours, theirs and both: "2 yours · 3 theirs · 1 both" (nothing
/// without a common version).
fn whose_counts(diff: &PlanDiff) -> Option<String> {
    diff.base.as_ref()?;
    let count = |wanted: fn(&Origin) -> bool| diff.entries.iter().filter(|entry| wanted(&entry.origin)).count();
    let yours = count(|origin| matches!(origin, Origin::Ours));
    let theirs = count(|origin| matches!(origin, Origin::Theirs | Origin::Differs));
    let both = count(|origin| matches!(origin, Origin::Conflict { .. }));
    Some(format!("{yours} yours · {theirs} theirs · {both} both"))
}

/// The choice toolbar and the three groups.
#[component]
fn ChangeLists(
    /// The comparison.
    diff: PlanDiff,
    /// What the chosen changes do, to mark the changes a refusal names.
    preview: Memo<Preview>,
) -> impl IntoView {
    let context = use_plan();
    let state = use_compare();
    let ours = context.document.plan.get_untracked();
    let total = diff.entries.len();
    let select_all_title = if diff.base.is_some() {
        "Take every change only they made: yours stay, and each conflict waits for your choice"
    } else {
        "Take every difference: without the version you sent, this may undo changes of yours"
    };
    let select_all = move |_| {
        state.selection.update(|selection| {
            state.diff.with_untracked(|diff| {
                if let Some(diff) = diff {
                    selection.take_offered(diff);
                }
            })
        })
    };
    let counts = whose_counts(&diff);
    let groups = [ChangeKind::Added, ChangeKind::Removed, ChangeKind::Changed]
        .into_iter()
        .map(|kind| view! { <ChangeGroup diff=diff.clone() ours=ours.clone() kind=kind preview=preview/> })
        .collect_view();
    view! {
        <div class="toolbar" role="toolbar" aria-label="Choose changes">
            <button type="button" class="button" data-testid="compare-select-all" title=select_all_title on:click=select_all>"Select all"</button>
            <button type="button" class="button" data-testid="compare-select-none" on:click=move |_| state.selection.set(Selection::none())>"Select none"</button>
            <span class="toolbar__summary" data-testid="compare-count">
                {move || format!("{} of {} chosen", state.selection.with(Selection::len), changes(total))}
            </span>
            {counts.map(|counts| view! { <span class="toolbar__summary compare__whose-counts" data-testid="compare-whose-counts">{counts}</span> })}
        </div>
        {groups}
    }
}

/// Gives theirs' colliding task a free id and compares again, so it shows as added.
fn renumber(context: PlanContext, state: CompareState, id: &TaskId) {
    let Some(mut theirs) = state.theirs.get_untracked() else { return };
    let free = context.document.plan.with_untracked(|ours| diff::free_task_id(ours, &theirs.plan));
    match diff::renumber_task(&theirs.plan, id, free.clone()) {
        Ok(plan) => {
            theirs.plan = plan;
            state.compare(context, theirs);
            context.session.notice.set(Some(Notice::info(format!(
                "Their {id} is {free} in this comparison, so it shows as an added task. Nothing was changed yet: choose the changes again."
            ))));
        }
        Err(error) => context.refuse(format!("{id} could not be renumbered: {error}")),
    }
}

/// One of the three groups (added, removed, changed), by kind of item.
#[component]
fn ChangeGroup(
    /// The comparison.
    diff: PlanDiff,
    /// Our plan as compared, for names.
    ours: Plan,
    /// Which group.
    kind: ChangeKind,
    /// What the chosen changes do, to mark the changes a refusal names.
    preview: Memo<Preview>,
) -> impl IntoView {
    let (title, slug, hint) = group_label(kind);
    let entries: Vec<&DiffEntry> = diff.of_kind(kind).collect();
    if entries.is_empty() {
        return view! {
            <section class="compare__group compare__group--empty card" data-testid=format!("compare-{slug}")>
                <h3 class="compare__group-title">{title}" "<span class="compare__count">"0"</span></h3>
                <p class="compare__none">{format!("Nothing {slug}.")}</p>
            </section>
        }
        .into_any();
    }
    let count = entries.len();
    let sections = Section::ALL
        .into_iter()
        .filter_map(|section| {
            let rows: Vec<&DiffEntry> =
                entries.iter().copied().filter(|entry| Section::of(&entry.item()) == section).collect();
            if rows.is_empty() {
                return None;
            }
            let heading = view! { <h4 class="compare__section-title">{section.label()}" "<span class="compare__count">{rows.len()}</span></h4> };
            let body = if kind == ChangeKind::Changed {
                view! { <ChangedTable rows=rows.into_iter().cloned().collect() diff=diff.clone() ours=ours.clone() preview=preview/> }.into_any()
            } else {
                view! {
                    <ul class="compare__list">
                        {rows.iter().map(|entry| view! { <ListRow entry=(*entry).clone() slug=slug collides=collides(&diff, entry) preview=preview/> }).collect_view()}
                    </ul>
                }
                .into_any()
            };
            Some(view! { <div class="compare__section" data-section=section.label()>{heading}{body}</div> })
        })
        .collect_view();
    view! {
        <section class="compare__group card" data-testid=format!("compare-{slug}")>
            <h3 class="compare__group-title">{title}" "<span class="compare__count">{count}</span></h3>
            <p class="page__hint">{hint}</p>
            {sections}
        </section>
    }
    .into_any()
}

/// The changed fields of one kind of item: ours and theirs side by side.
#[component]
fn ChangedTable(
    /// The entries, in order.
    rows: Vec<DiffEntry>,
    /// The comparison, for collisions.
    diff: PlanDiff,
    /// Our plan as compared, for names.
    ours: Plan,
    /// What the chosen changes do, to mark the changes a refusal names.
    preview: Memo<Preview>,
) -> impl IntoView {
    view! {
        <table class="table compare__changed">
            <colgroup><col class="compare__take-col"/><col class="compare__what-col"/><col/><col/></colgroup>
            <thead><tr>
                <th scope="col" class="compare__take-col">"Take"</th>
                <th scope="col">"What"</th>
                <th scope="col">"Yours (this plan)"</th>
                <th scope="col">"Theirs"</th>
            </tr></thead>
            <tbody>
                {rows.iter().map(|entry| view! { <ChangedRow entry=entry.clone() ours=ours.clone() collides=collides(&diff, entry) preview=preview/> }).collect_view()}
            </tbody>
        </table>
    }
}

/// Whether the entry is about a task whose id names two different tasks.
fn collides(diff: &PlanDiff, entry: &DiffEntry) -> bool {
    matches!(entry.item(), Item::Task(id) if diff.collision(&id).is_some())
}

/// The marks of an entry the preview refuses or needs: (named by a refusal, needed by one).
fn marks(preview: Memo<Preview>, id: ChangeId) -> (Signal<bool>, Signal<bool>) {
    let blocked = Signal::derive(move || {
        preview.with(|preview| matches!(preview, Preview::Refused(error) if error.changes.contains(&id)))
    });
    let needed = Signal::derive(move || {
        preview.with(|preview| matches!(preview, Preview::Refused(error) if error.also_needed.contains(&id)))
    });
    (blocked, needed)
}

fn set_taken(state: CompareState, id: ChangeId, take: bool) {
    state.selection.update(|selection| if take { selection.take(id) } else { selection.leave(id) });
}

/// The mark of whose a change is (nothing without a common version): its word, its
/// modifier class and what it means.
fn whose_mark(origin: &Origin) -> Option<(&'static str, &'static str, &'static str)> {
    match origin {
        Origin::Differs => None,
        Origin::Ours => Some(("Yours", "yours", "Only you changed this since the common version")),
        Origin::Theirs => Some(("Theirs", "theirs", "Only they changed this since the common version")),
        Origin::Conflict { .. } => {
            Some(("Both", "both", "You both changed this since the common version, differently"))
        }
    }
}

fn whose_badge(origin: &Origin) -> impl IntoView {
    whose_mark(origin).map(|(word, modifier, meaning)| {
        view! {
            <span class=format!("compare__whose compare__whose--{modifier}") title=meaning data-testid="whose">{word}</span>
        }
    })
}

/// What three-way comparison says about an entry (nothing without a common version).
fn origin_note(origin: &Origin) -> Option<String> {
    match origin {
        Origin::Differs | Origin::Theirs => None,
        Origin::Ours => Some("Only you changed this: kept unless you tick it, which undoes your change.".into()),
        Origin::Conflict { ours: Some(ours) } => Some(match ours.sides() {
            Some((before, _)) => format!("You both changed this: it was {before} in the common version. Choose one."),
            None => format!("You both changed this (yours: {ours}). Choose one."),
        }),
        Origin::Conflict { ours: None } => Some("You both added this, differently. Choose one.".into()),
    }
}

/// A conflict's two choices as buttons, for an added or removed item (a changed field
/// offers its two values instead).
#[component]
fn ConflictChoice(
    /// The conflict.
    id: ChangeId,
) -> impl IntoView {
    let state = use_compare();
    let keeps = move || state.selection.with(|selection| selection.keeps(id));
    let takes = move || state.selection.with(|selection| selection.contains(id));
    view! {
        <span class="compare__choice" role="group" aria-label="Choose yours or theirs">
            <button type="button" class="button compare__choice-button" class:compare__choice-button--chosen=keeps aria-pressed=move || keeps().to_string() data-testid=format!("keep-ours-{}", id.0) on:click=move |_| set_taken(state, id, false)>"Keep yours"</button>
            <button type="button" class="button compare__choice-button" class:compare__choice-button--chosen=takes aria-pressed=move || takes().to_string() data-testid=format!("take-theirs-{}", id.0) on:click=move |_| set_taken(state, id, true)>"Take theirs"</button>
        </span>
    }
}

/// An added or removed item: a checkbox and the sentence, whose it is, and for a
/// conflict the two choices.
#[component]
fn ListRow(
    /// The difference.
    entry: DiffEntry,
    /// "added" or "removed".
    slug: &'static str,
    /// Whether its task id names two different tasks.
    collides: bool,
    /// The preview, for the marks.
    preview: Memo<Preview>,
) -> impl IntoView {
    let state = use_compare();
    let id = entry.id;
    let conflict = entry.is_conflict();
    let (blocked, needed) = marks(preview, id);
    let undecided = move || conflict && !state.selection.with(|selection| selection.is_decided(id));
    let sentence = entry.to_string();
    view! {
        <li
            class="compare__entry"
            class:compare__entry--blocked=move || blocked.get()
            class:compare__entry--needed=move || needed.get()
            class:compare__entry--undecided=undecided
            data-testid="compare-entry"
            data-change=id.0.to_string()
            data-kind=slug
            data-whose=whose_mark(&entry.origin).map(|(_, modifier, _)| modifier)
        >
            <label class="compare__take">
                <input
                    type="checkbox"
                    data-testid=format!("take-{}", id.0)
                    prop:checked=move || state.selection.with(|selection| selection.contains(id))
                    prop:indeterminate=undecided
                    on:change=move |event| set_taken(state, id, event_target_checked(&event))
                />
                {whose_badge(&entry.origin)}
                <span class="compare__text">{sentence}</span>
            </label>
            {collides.then(|| view! { <span class="compare__warning" title="This id names two different tasks: see the warning above">"⚠ another task of the same id"</span> })}
            {conflict.then(|| view! { <ConflictChoice id=id/> })}
            {origin_note(&entry.origin).map(|note| view! { <span class="compare__origin">{note}</span> })}
        </li>
    }
}

/// A changed field: yours and theirs side by side; the value that will be in the plan
/// is marked, and a click on either value chooses it. A conflict marks neither until
/// the user chooses.
#[component]
fn ChangedRow(
    /// The difference.
    entry: DiffEntry,
    /// Our plan, for the item's name.
    ours: Plan,
    /// Whether its task id names two different tasks.
    collides: bool,
    /// The preview, for the marks.
    preview: Memo<Preview>,
) -> impl IntoView {
    let state = use_compare();
    let id = entry.id;
    let conflict = entry.is_conflict();
    let (blocked, needed) = marks(preview, id);
    let sentence = entry.to_string();
    let (ours_value, theirs_value) = entry.change.sides().unwrap_or_default();
    let field = entry.change.field_label().unwrap_or_default();
    let taken = move || state.selection.with(|selection| selection.contains(id));
    let undecided = move || conflict && !state.selection.with(|selection| selection.is_decided(id));
    let ours_chosen = move || !taken() && !undecided();
    view! {
        <tr
            class="compare__entry"
            class:compare__entry--blocked=move || blocked.get()
            class:compare__entry--needed=move || needed.get()
            class:compare__entry--conflict=conflict
            class:compare__entry--undecided=undecided
            data-testid="compare-entry"
            data-change=id.0.to_string()
            data-kind="changed"
            data-whose=whose_mark(&entry.origin).map(|(_, modifier, _)| modifier)
            title=sentence.clone()
        >
            <td class="compare__take-col">
                <input
                    type="checkbox"
                    aria-label=format!("Take theirs: {sentence}")
                    data-testid=format!("take-{}", id.0)
                    prop:checked=taken
                    prop:indeterminate=undecided
                    on:change=move |event| set_taken(state, id, event_target_checked(&event))
                />
            </td>
            <td class="compare__what">
                {whose_badge(&entry.origin)}
                <span class="compare__item">{item_label(&ours, &entry.item())}</span>
                " "
                <span class="compare__field">{field}</span>
                {collides.then(|| view! { <span class="compare__warning">" ⚠ another task of the same id"</span> })}
                {origin_note(&entry.origin).map(|note| view! { <span class="compare__origin">{note}</span> })}
            </td>
            <td>
                <button
                    type="button"
                    class="compare__value"
                    class:compare__value--chosen=ours_chosen
                    aria-pressed=move || ours_chosen().to_string()
                    aria-label=format!("Keep yours: {ours_value}")
                    data-testid=format!("keep-ours-{}", id.0)
                    on:click=move |_| set_taken(state, id, false)
                >{ours_value.clone()}</button>
            </td>
            <td>
                <button
                    type="button"
                    class="compare__value"
                    class:compare__value--chosen=taken
                    aria-pressed=move || taken().to_string()
                    aria-label=format!("Take theirs: {theirs_value}")
                    data-testid=format!("take-theirs-{}", id.0)
                    on:click=move |_| set_taken(state, id, true)
                >{theirs_value.clone()}</button>
            </td>
        </tr>
    }
}

/// The conflicts still waiting for a choice, and a way to reach the first.
#[component]
fn UndecidedConflicts(
    /// How many conflicts wait for a choice.
    count: Memo<usize>,
) -> impl IntoView {
    let go_to_first = move |_| {
        let first = document().query_selector(".compare__entry--undecided button, .compare__entry--undecided input");
        if let Ok(Some(first)) = first {
            first.scroll_into_view_with_bool(false);
            if let Some(first) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&first) {
                let _ = first.focus();
            }
        }
    };
    view! {
        <Show when=move || { count.get() > 0 }>
            <div class="banner banner--warning compare__undecided" role="status" data-testid="compare-undecided">
                <div class="banner__body">
                    <p class="banner__text">{move || format!("Choose yours or theirs for {} marked Both before taking changes.", conflicts(count.get()))}</p>
                </div>
                <button type="button" class="button" data-testid="compare-first-undecided" on:click=go_to_first>"Go to the first"</button>
            </div>
        </Show>
    }
}

/// What the chosen changes do to the plan, in words.
fn preview_body(preview: Preview, state: CompareState, context: PlanContext) -> AnyView {
    match preview {
        Preview::Nothing => {
            view! { <p class="compare__none">"Choose changes on the left to see what they do to the plan."</p> }
                .into_any()
        }
        Preview::Stale => view! {
            <div class="banner banner--warning" data-testid="compare-stale">
                <div class="banner__body"><p class="banner__text">"This plan changed since the comparison."</p></div>
                <button type="button" class="button" on:click=move |_| state.compare_again(context)>"Compare again"</button>
            </div>
        }
        .into_any(),
        Preview::Refused(error) => refusal_view(error, state),
        Preview::Merged(merge) => merged_view(&merge),
    }
}

fn refusal_view(error: MergeError, state: CompareState) -> AnyView {
    let needed = error.also_needed.clone();
    view! {
        <div class="banner banner--error" role="alert" data-testid="compare-error">
            <div class="banner__body"><p class="banner__text">{error.message.clone()}</p></div>
        </div>
        {(!needed.is_empty()).then(|| {
            let label = match needed.len() {
                1 => "Also take the change it needs".to_string(),
                count => format!("Also take the {count} changes it needs"),
            };
            view! {
                <button type="button" class="button" data-testid="compare-add-needed" on:click=move |_| {
                    state.selection.update(|selection| needed.iter().for_each(|id| selection.take(*id)));
                }>{label}</button>
            }
        })}
    }
    .into_any()
}

fn merged_view(merge: &Merge) -> AnyView {
    let plan = &merge.plan;
    let summary = format!(
        "With these changes the plan has {} tasks, {} people, {} links and {} risks.",
        plan.tasks.len(),
        plan.people.len(),
        plan.dependencies.len(),
        plan.risks.len()
    );
    let schedule = match &merge.schedule {
        Ok(consequence) if consequence.is_empty() => {
            view! { <p data-testid="compare-consequence">"No milestone moves, and the plan's finish stays where it is."</p> }
                .into_any()
        }
        Ok(consequence) => view! {
            <ul class="compare__moves" data-testid="compare-consequence">
                {consequence.plan_finish.map(|finish| view! { <li class="compare__move compare__move--finish">{format!("The plan finishes {finish}")}</li> })}
                {consequence.milestones.iter().map(|milestone| view! { <li class="compare__move">{milestone.to_string()}</li> }).collect_view()}
            </ul>
        }
        .into_any(),
        Err(error) => view! { <p class="banner banner--warning" data-testid="compare-consequence">{format!("The merged plan cannot be scheduled: {error}.")}</p> }
            .into_any(),
    };
    view! {
        <p class="compare__summary" data-testid="compare-summary">{summary}</p>
        <h4 class="compare__section-title">"Schedule"</h4>
        {schedule}
    }
    .into_any()
}

/// What the chosen changes do to the plan, and the button that takes them.
#[component]
fn PreviewPanel(
    /// The merge of the chosen changes.
    preview: Memo<Preview>,
    /// Where theirs came from, for the notice.
    source: String,
) -> impl IntoView {
    let context = use_plan();
    let state = use_compare();
    let chosen = move || state.selection.with(Selection::len);
    let undecided = Memo::new(move |_| {
        state.selection.with(|selection| {
            state.diff.with(|diff| diff.as_ref().map_or(0, |diff| selection.undecided_conflicts(diff).count()))
        })
    });
    let source = StoredValue::new(source);
    let take = move |_| take_chosen(context, state, &source.get_value());
    let blocked =
        move || chosen() == 0 || undecided.get() > 0 || preview.with(|preview| matches!(preview, Preview::Refused(_)));
    view! {
        <aside class="card compare__preview" aria-label="Preview of the chosen changes" data-testid="compare-preview">
            <h3 class="card__title">"Preview"</h3>
            <UndecidedConflicts count=undecided/>
            {move || preview_body(preview.get(), state, context)}
            <button
                type="button"
                class="button button--primary compare__take-button"
                data-testid="compare-take"
                disabled=blocked
                on:click=take
            >{move || match chosen() {
                0 => "Take changes".to_string(),
                count => format!("Take {}", changes(count)),
            }}</button>
            <p class="page__hint">"Taken changes are one step: Undo (Ctrl+Z) takes them all back."</p>
        </aside>
    }
}

/// Takes the chosen changes as one undo step, if the plan is still the one compared;
/// otherwise compares again and says so.
fn take_chosen(context: PlanContext, state: CompareState, source: &str) {
    let selection = state.selection.get_untracked();
    let merged = context.document.plan.with_untracked(|ours| {
        state.diff.with_untracked(|diff| {
            diff.as_ref()
                .filter(|diff| selection.undecided_conflicts(diff).next().is_none())
                .map(|diff| diff::merge(ours, diff, &selection).ok().filter(|merge| merge.is_for(ours)))
        })
    });
    let Some(merged) = merged else { return };
    let Some(merge) = merged else {
        let stale = context.document.plan.with_untracked(|ours| {
            state.diff.with_untracked(|diff| diff.as_ref().is_some_and(|diff| !diff.is_for(ours)))
        });
        if stale {
            state.compare_again(context);
            context.session.notice.set(Some(Notice::error(
                "This plan changed since the comparison, so nothing was taken. It has been compared again: choose the changes again.",
                Vec::new(),
            )));
        }
        return;
    };
    // A refusal is shown by `dispatch`, and the choice stays on screen.
    if context.dispatch(merge.command).is_ok() {
        context.session.notice.set(Some(Notice::info(format!(
            "Took {} from {source}. Undo (Ctrl+Z) takes them back.",
            changes(selection.len())
        ))));
        state.close();
    }
}
