//! "Compare with a file": the open plan (ours) beside another copy of it (theirs: a plan
//! file, or another plan kept in this browser). The differences are listed grouped as
//! added, removed and changed, each by kind of item; the chosen ones are merged into a
//! preview (the schedule consequence, or why they cannot be taken together) and taken
//! through the one door as one undo step. The logic is `crate::diff`; this module only
//! shows it and keeps the choice.

use leptos::prelude::*;

use super::files::PlanFilePicker;
use super::plan_reader::{self, ReadFailure};
use super::state::{use_plan, Notice, Page, PlanContext};
use crate::diff::{
    self, ChangeId, ChangeKind, DiffEntry, Item, Merge, MergeError, Origin, PlanDiff, PlanStamp, Selection,
};
use crate::model::{Plan, TaskId};

/// The plan compared with, and where it came from.
#[derive(Clone, Debug, PartialEq)]
struct Theirs {
    /// What the messages call it: the file's name, or `the stored plan "…"`.
    source: String,
    plan: Plan,
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
        move || (context.plan_id.get(), context.page.get()),
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
    fn show(&self, context: PlanContext) {
        context.flush();
        self.opened_on.set_value((context.plan_id.get_untracked(), context.page.get_untracked()));
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
    }

    /// Compares the open plan with `theirs` (again), choosing nothing.
    fn compare(&self, context: PlanContext, theirs: Theirs) {
        let diff = context.plan.with_untracked(|ours| diff::diff(ours, &theirs.plan));
        self.theirs.set(Some(theirs));
        self.diff.set(Some(diff));
        self.selection.set(Selection::none());
    }

    fn compare_again(&self, context: PlanContext) {
        if let Some(theirs) = self.theirs.get_untracked() {
            self.compare(context, theirs);
        }
    }
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
                context.notice.set(None);
                state.compare(context, Theirs { source: name, plan });
            }
            Err(ReadFailure::Refused(problems)) => context
                .notice
                .set(Some(Notice::error(format!("{name} was not compared. Nothing was changed."), problems))),
            Err(ReadFailure::Unreadable(error)) => context.notice.set(Some(Notice::error(
                format!("{name} was not compared: {error}. Nothing was changed."),
                Vec::new(),
            ))),
        }
    });
}

fn compare_with_stored(context: PlanContext, state: CompareState, id: &str, name: &str) {
    match context.read_stored_plan(id) {
        Ok(plan) => {
            context.notice.set(None);
            state.compare(context, Theirs { source: format!("the stored plan \"{name}\""), plan });
        }
        Err(problems) => context.notice.set(Some(Notice::error(
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

/// The choice of what to compare with: a file, or another plan in this browser.
#[component]
fn ChooseTheirs() -> impl IntoView {
    let context = use_plan();
    let state = use_compare();
    let ours = move || context.plan.with(|plan| plan.name.clone());
    let others = move || {
        let open = context.plan_id.get();
        context
            .plans
            .with(|plans| plans.iter().filter(|meta| Some(&meta.id) != open.as_ref()).cloned().collect::<Vec<_>>())
    };
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
                {move || {
                    let others = others();
                    if others.is_empty() {
                        view! { <p class="compare__none">"No other plan is kept in this browser."</p> }.into_any()
                    } else {
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
                        }.into_any()
                    }
                }}
            </div>
        </section>
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
    Baselines,
}

impl Section {
    const ALL: [Section; 8] = [
        Section::Plan,
        Section::Calendar,
        Section::People,
        Section::Tasks,
        Section::Links,
        Section::Raci,
        Section::Risks,
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
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
        }
    }
}

fn changes(count: usize) -> String {
    if count == 1 {
        "1 change".into()
    } else {
        format!("{count} changes")
    }
}

/// Both stamps, the collisions, the lists and the preview.
#[component]
fn Comparison() -> impl IntoView {
    let context = use_plan();
    let state = use_compare();
    let Some(diff) = state.diff.get_untracked() else { return ().into_any() };
    let source = state.theirs.with_untracked(|theirs| theirs.as_ref().map(|theirs| theirs.source.clone()));
    let source = source.unwrap_or_default();
    let preview = Memo::new(move |_| {
        let selection = state.selection.get();
        context.plan.with(|ours| {
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
    let ours = context.plan.get_untracked();
    let total = diff.entries.len();
    let all = Selection::all(&diff);
    let groups = [ChangeKind::Added, ChangeKind::Removed, ChangeKind::Changed]
        .into_iter()
        .map(|kind| view! { <ChangeGroup diff=diff.clone() ours=ours.clone() kind=kind preview=preview/> })
        .collect_view();
    let collisions = diff
        .collisions
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
        .collect_view();
    view! {
        <div class="compare__stamps">
            <StampCard side="ours" title="This plan".to_string() stamp=diff.ours.clone()/>
            <span class="compare__versus" aria-hidden="true">"⇄"</span>
            <StampCard side="theirs" title=source.clone() stamp=diff.theirs.clone()/>
        </div>
        {collisions}
        <div class="compare__body">
            <div class="compare__lists">
                {if diff.is_empty() {
                    view! {
                        <p class="card empty" data-testid="compare-same">"The two plans are the same (their revision and date aside): there is nothing to take."</p>
                    }.into_any()
                } else {
                    view! {
                        <div class="toolbar" role="toolbar" aria-label="Choose changes">
                            <button type="button" class="button" data-testid="compare-select-all" on:click=move |_| state.selection.set(all.clone())>"Select all"</button>
                            <button type="button" class="button" data-testid="compare-select-none" on:click=move |_| state.selection.set(Selection::none())>"Select none"</button>
                            <span class="toolbar__summary" data-testid="compare-count">
                                {move || format!("{} of {} chosen", state.selection.with(Selection::len), changes(total))}
                            </span>
                        </div>
                        {groups}
                    }.into_any()
                }}
            </div>
            <PreviewPanel preview=preview source=source/>
        </div>
    }
    .into_any()
}

/// Which copy is which: name, revision and last modified date, as the file records them.
#[component]
fn StampCard(
    /// "ours" or "theirs".
    side: &'static str,
    /// Where this copy is: "This plan", or the file's name.
    title: String,
    /// The copy's stamp.
    stamp: PlanStamp,
) -> impl IntoView {
    let modified = stamp.modified.map_or_else(|| "never saved with a date".to_string(), |date| date.to_string());
    view! {
        <section class=format!("card compare__stamp compare__stamp--{side}") data-testid=format!("stamp-{side}")>
            <p class="compare__side"><span class="compare__side-label">{if side == "ours" { "Ours" } else { "Theirs" }}</span>" · "{title}</p>
            <p class="compare__plan-name">{stamp.name.clone()}</p>
            <dl class="compare__facts">
                <dt>"Revision"</dt><dd data-testid=format!("stamp-{side}-revision")>{stamp.revision}</dd>
                <dt>"Last modified"</dt><dd>{modified}</dd>
            </dl>
        </section>
    }
}

/// Gives theirs' colliding task a free id and compares again, so it shows as added.
fn renumber(context: PlanContext, state: CompareState, id: &TaskId) {
    let Some(mut theirs) = state.theirs.get_untracked() else { return };
    let free = context.plan.with_untracked(|ours| diff::free_task_id(ours, &theirs.plan));
    match diff::renumber_task(&theirs.plan, id, free.clone()) {
        Ok(plan) => {
            theirs.plan = plan;
            state.compare(context, theirs);
            context.notice.set(Some(Notice::info(format!(
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
                view! {
                    <table class="table compare__changed">
                        <colgroup><col class="compare__take-col"/><col class="compare__what-col"/><col/><col/></colgroup>
                        <thead><tr>
                            <th scope="col" class="compare__take-col">"Take"</th>
                            <th scope="col">"What"</th>
                            <th scope="col">"Ours (this plan)"</th>
                            <th scope="col">"Theirs"</th>
                        </tr></thead>
                        <tbody>
                            {rows.iter().map(|entry| view! { <ChangedRow entry=(*entry).clone() ours=ours.clone() collides=collides(&diff, entry) preview=preview/> }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
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

/// What three-way comparison says about an entry (nothing without a common ancestor).
fn origin_note(origin: &Origin) -> Option<String> {
    match origin {
        Origin::Differs => None,
        Origin::Theirs => Some("Only theirs changed this.".into()),
        Origin::Conflict { ours: Some(ours) } => {
            Some(format!("Both changed this. Ours since the common copy: {ours}."))
        }
        Origin::Conflict { ours: None } => Some("Both added this, differently.".into()),
    }
}

/// An added or removed item: a checkbox and the sentence.
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
    let (blocked, needed) = marks(preview, id);
    let sentence = entry.to_string();
    view! {
        <li
            class="compare__entry"
            class:compare__entry--blocked=move || blocked.get()
            class:compare__entry--needed=move || needed.get()
            data-testid="compare-entry"
            data-change=id.0.to_string()
            data-kind=slug
        >
            <label class="compare__take">
                <input
                    type="checkbox"
                    data-testid=format!("take-{}", id.0)
                    prop:checked=move || state.selection.with(|selection| selection.contains(id))
                    on:change=move |event| set_taken(state, id, event_target_checked(&event))
                />
                <span class="compare__text">{sentence}</span>
            </label>
            {collides.then(|| view! { <span class="compare__warning" title="This id names two different tasks: see the warning above">"⚠ another task of the same id"</span> })}
            {origin_note(&entry.origin).map(|note| view! { <span class="compare__origin">{note}</span> })}
        </li>
    }
}

/// A changed field: ours and theirs side by side; the value that will be in the plan is
/// marked, and a click on either value chooses it.
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
    let (blocked, needed) = marks(preview, id);
    let sentence = entry.to_string();
    let (ours_value, theirs_value) = entry.change.sides().unwrap_or_default();
    let field = entry.change.field_label().unwrap_or_default();
    let taken = move || state.selection.with(|selection| selection.contains(id));
    view! {
        <tr
            class="compare__entry"
            class:compare__entry--blocked=move || blocked.get()
            class:compare__entry--needed=move || needed.get()
            class:compare__entry--conflict=entry.is_conflict()
            data-testid="compare-entry"
            data-change=id.0.to_string()
            data-kind="changed"
            title=sentence.clone()
        >
            <td class="compare__take-col">
                <input
                    type="checkbox"
                    aria-label=format!("Take: {sentence}")
                    data-testid=format!("take-{}", id.0)
                    prop:checked=taken
                    on:change=move |event| set_taken(state, id, event_target_checked(&event))
                />
            </td>
            <td class="compare__what">
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
                    class:compare__value--chosen=move || !taken()
                    aria-pressed=move || (!taken()).to_string()
                    data-testid=format!("keep-ours-{}", id.0)
                    on:click=move |_| set_taken(state, id, false)
                >{ours_value}</button>
            </td>
            <td>
                <button
                    type="button"
                    class="compare__value"
                    class:compare__value--chosen=taken
                    aria-pressed=move || taken().to_string()
                    data-testid=format!("take-theirs-{}", id.0)
                    on:click=move |_| set_taken(state, id, true)
                >{theirs_value}</button>
            </td>
        </tr>
    }
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
    let source = StoredValue::new(source);
    let body = move || {
        match preview.get() {
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
        Preview::Refused(error) => {
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
        Preview::Merged(merge) => {
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
    }
    };
    let take = move |_| take_chosen(context, state, &source.get_value());
    view! {
        <aside class="card compare__preview" aria-label="Preview of the chosen changes" data-testid="compare-preview">
            <h3 class="card__title">"Preview"</h3>
            {body}
            <button
                type="button"
                class="button button--primary compare__take-button"
                data-testid="compare-take"
                disabled=move || chosen() == 0 || preview.with(|preview| matches!(preview, Preview::Refused(_)))
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
    let merged = context.plan.with_untracked(|ours| {
        state.diff.with_untracked(|diff| {
            diff.as_ref().map(|diff| diff::merge(ours, diff, &selection).ok().filter(|merge| merge.is_for(ours)))
        })
    });
    let Some(merged) = merged else { return };
    let Some(merge) = merged else {
        let stale = context.plan.with_untracked(|ours| {
            state.diff.with_untracked(|diff| diff.as_ref().is_some_and(|diff| !diff.is_for(ours)))
        });
        if stale {
            state.compare_again(context);
            context.notice.set(Some(Notice::error(
                "This plan changed since the comparison, so nothing was taken. It has been compared again: choose the changes again.",
                Vec::new(),
            )));
        }
        return;
    };
    // A refusal is shown by `dispatch`, and the choice stays on screen.
    if context.dispatch(merge.command).is_ok() {
        context.notice.set(Some(Notice::info(format!(
            "Took {} from {source}. Undo (Ctrl+Z) takes them back.",
            changes(selection.len())
        ))));
        state.close();
    }
}
