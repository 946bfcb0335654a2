//! Links between tasks by name: the task picker (a combobox that suggests tasks by a few
//! letters of their name or id) and the timeline's dependencies card, which lists the
//! links with their tasks' names and adds new ones. Both are in a part fetched on demand
//! (`dependencies_card`, `task_details` in `timeline/mod.rs`).

use leptos::prelude::*;

use super::task_actions::dispatch_here;
use crate::model::predecessors::task_suggestions;
use crate::model::validate::MAX_WORKING_DAYS;
use crate::model::{Command, Dependency, DependencyKind, Plan, TaskId};
use crate::ui::state::{use_plan, PlanContext};
use crate::ui::widgets::{counted, parse_number, refused, unique_id, CommitInput, FieldRefusal};

/// The most links the dependencies table draws at once (filter by task for others).
const LINKS_SHOWN: usize = 100;
/// The most tasks a picker suggests at once.
const SUGGESTIONS_SHOWN: usize = 8;

/// "T3 Target architecture": a task as a picker and the links table name it.
pub fn task_label(plan: &Plan, id: &TaskId) -> String {
    match plan.task(id.as_str()) {
        Some(task) => format!("{id} {}", task.name),
        None => id.to_string(),
    }
}

/// What a task picker holds: the text typed and the task it names, if any.
#[derive(Clone, Copy)]
pub struct PickedTask {
    pub text: RwSignal<String>,
    /// The task picked from the suggestions (or whose id was typed whole).
    pub task: RwSignal<Option<TaskId>>,
}

impl PickedTask {
    /// An empty picker.
    pub fn new() -> Self {
        PickedTask { text: RwSignal::new(String::new()), task: RwSignal::new(None) }
    }

    /// Empties the picker (after the link it named was added).
    pub fn clear(&self) {
        self.text.set(String::new());
        self.task.set(None);
    }

    /// The task it names, or why it names none.
    pub fn chosen(&self, plan: &Plan, what: &str) -> Result<TaskId, String> {
        if let Some(task) = self.task.get_untracked().filter(|task| plan.task(task.as_str()).is_some()) {
            return Ok(task);
        }
        let typed = self.text.get_untracked();
        let typed = typed.trim();
        if typed.is_empty() {
            return Err(format!("choose the {what}: type a few letters of its name or id and pick it"));
        }
        let by_id = plan.tasks.iter().find(|task| task.id.as_str().eq_ignore_ascii_case(typed));
        by_id.map(|task| task.id.clone()).ok_or_else(|| {
            format!("no task is called \"{typed}\": type a few letters of the {what}'s name or id and pick one")
        })
    }
}

/// A picker's suggestions while they are open, and the one ↑ ↓ have reached.
#[derive(Clone, Copy)]
struct Suggesting {
    picked: PickedTask,
    open: RwSignal<bool>,
    active: RwSignal<usize>,
    /// The tasks suggested, by id and name, best first (none while closed).
    tasks: Memo<Vec<(TaskId, String)>>,
}

impl Suggesting {
    fn new(context: PlanContext, picked: PickedTask, leave_out: Signal<Option<TaskId>>) -> Self {
        let open = RwSignal::new(false);
        let tasks = Memo::new(move |_| {
            if !open.get() {
                return Vec::new();
            }
            let (query, leave_out) = (picked.text.get(), leave_out.get());
            context.document.plan.with(|plan| {
                task_suggestions(plan, &query, leave_out.as_ref(), SUGGESTIONS_SHOWN)
                    .into_iter()
                    .map(|index| (plan.tasks[index].id.clone(), plan.tasks[index].name.clone()))
                    .collect()
            })
        });
        Suggesting { picked, open, active: RwSignal::new(0), tasks }
    }

    /// Whether the list shows (open, and something matches).
    fn showing(&self) -> bool {
        self.open.get() && self.tasks.with(|tasks| !tasks.is_empty())
    }

    /// Takes the suggestion `at` into the field, and closes the list.
    fn pick(&self, at: usize) {
        if let Some((id, name)) = self.tasks.with_untracked(|tasks| tasks.get(at).cloned()) {
            self.picked.text.set(format!("{id} {name}"));
            self.picked.task.set(Some(id));
        }
        self.open.set(false);
    }

    /// What was typed: the list opens on what it now matches.
    fn typed(&self, text: String) {
        self.picked.text.set(text);
        self.picked.task.set(None);
        self.active.set(0);
        self.open.set(true);
    }

    /// ↑ ↓ move through the suggestions, Enter picks one, Escape closes them; Enter with
    /// none open runs `on_enter`.
    fn key(&self, event: &web_sys::KeyboardEvent, on_enter: Callback<()>) {
        let count = self.tasks.with_untracked(Vec::len);
        let showing = self.open.get_untracked() && count > 0;
        match event.key().as_str() {
            "ArrowDown" | "ArrowUp" if showing => {
                event.prevent_default();
                let step = if event.key() == "ArrowDown" { 1 } else { count - 1 };
                self.active.update(|active| *active = (*active + step) % count);
            }
            "ArrowDown" => self.open.set(true),
            "Enter" if showing => {
                event.prevent_default();
                self.pick(self.active.get_untracked());
            }
            "Enter" => on_enter.run(()),
            "Escape" if showing => {
                // Only the suggestions close: the key goes no further.
                event.stop_propagation();
                self.open.set(false);
            }
            _ => {}
        }
    }
}

/// A combobox that suggests tasks by a few letters of their name or id: ↑ ↓ move through
/// the suggestions, Enter picks one, Escape closes them; Enter with none open runs
/// `on_enter` (adds the link).
#[component]
pub fn TaskPicker(
    /// What the picker holds.
    picked: PickedTask,
    /// The accessible name of the field.
    #[prop(into)]
    label: String,
    /// A task never suggested (the other end of the link).
    #[prop(into)]
    leave_out: Signal<Option<TaskId>>,
    /// Enter with no suggestion open: adds the link.
    on_enter: Callback<()>,
    /// The ids of messages that describe the field (a refusal), if any.
    #[prop(into)]
    described_by: Signal<Option<String>>,
    /// The `data-testid` of the input.
    #[prop(optional)]
    test_id: &'static str,
    /// The placeholder.
    #[prop(optional)]
    placeholder: &'static str,
) -> impl IntoView {
    let suggesting = Suggesting::new(use_plan(), picked, leave_out);
    let listbox_id = unique_id("tasks");
    let active_option = {
        let listbox_id = listbox_id.clone();
        move || suggesting.showing().then(|| format!("{listbox_id}-{}", suggesting.active.get()))
    };
    view! {
        <span class="task-picker">
            <input class="input task-picker__input" type="text" role="combobox" autocomplete="off" spellcheck="false"
                aria-label=label aria-autocomplete="list" aria-controls=listbox_id.clone()
                aria-expanded=move || suggesting.showing().to_string()
                aria-activedescendant=active_option aria-describedby=move || described_by.get()
                data-testid=test_id placeholder=placeholder
                prop:value=move || picked.text.get()
                on:input=move |event| suggesting.typed(event_target_value(&event))
                on:keydown=move |event| suggesting.key(&event, on_enter)
                on:blur=move |_| suggesting.open.set(false)
            />
            <SuggestionList suggesting=suggesting id=listbox_id/>
        </span>
    }
}

/// The listbox of a picker's suggestions.
#[component]
fn SuggestionList(
    /// The picker's suggestions.
    suggesting: Suggesting,
    /// The listbox's element id; option `n` is `{id}-{n}`.
    id: String,
) -> impl IntoView {
    let options = {
        let id = id.clone();
        move || {
            let tasks = suggesting.tasks.get().into_iter().enumerate();
            tasks
                .map(|(at, (task, name))| {
                    view! {
                        <li class="task-picker__option" role="option" id=format!("{id}-{at}")
                            aria-selected=move || (suggesting.active.get() == at).to_string()
                            // A press picks before the field loses the focus (which closes the list).
                            on:mousedown=move |event| {
                                event.prevent_default();
                                suggesting.pick(at);
                            }>
                            <span class="task-picker__id">{task.to_string()}</span>" "{name}
                        </li>
                    }
                })
                .collect_view()
        }
    };
    view! {
        <ul class="task-picker__list" role="listbox" id=id aria-label="Tasks matching what was typed" hidden=move || !suggesting.showing()>
            {options}
        </ul>
    }
}

/// The links shown: those of the task typed in the filter (by id or name), at most
/// `LINKS_SHOWN`, and how many there are.
fn shown_links(plan: &Plan, filter: &str) -> (Vec<Dependency>, usize) {
    let filter = filter.trim();
    let task = (!filter.is_empty()).then(|| {
        plan.tasks
            .iter()
            .find(|task| task.id.as_str().eq_ignore_ascii_case(filter))
            .map(|task| task.id.clone())
            .unwrap_or_else(|| TaskId::new(filter))
    });
    let mut matching = plan
        .dependencies
        .iter()
        .filter(|link| task.as_ref().is_none_or(|task| link.predecessor == *task || link.successor == *task));
    // Only the links shown are copied; the rest are counted.
    let shown: Vec<Dependency> = matching.by_ref().take(LINKS_SHOWN).cloned().collect();
    let total = shown.len() + matching.count();
    (shown, total)
}

/// "Showing 100 of 250 links", "1 link".
fn links_summary(shown: usize, total: usize) -> String {
    if shown < total {
        format!("Showing {shown} of {}", counted(total, "link", "links"))
    } else {
        counted(total, "link", "links")
    }
}

/// The dependencies card: the plan's links by their tasks' names, filtered by a task, each
/// with its type, lag and Remove, and a row to add a link.
#[component]
pub fn DependenciesCard() -> impl IntoView {
    let context = use_plan();
    let filter = RwSignal::new(String::new());
    let links = Memo::new(move |_| filter.with(|filter| context.document.plan.with(|plan| shown_links(plan, filter))));
    // Keyed by its two tasks: a link whose type or lag changes keeps its row, and the
    // field being edited in it.
    let ends = move || {
        links.with(|(shown, _)| {
            shown.iter().map(|link| (link.predecessor.clone(), link.successor.clone())).collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card links-card" aria-labelledby="links-title">
            <h2 id="links-title" class="card__title">"Dependencies"</h2>
            <div class="toolbar">
                <label class="field field--inline">
                    <span class="field__label">"Links of task"</span>
                    <input class="input input--id" placeholder="T12" aria-label="Show the links of task" prop:value=move || filter.get()
                        on:input=move |event| filter.set(event_target_value(&event))/>
                </label>
                <span class="toolbar__summary" data-testid="links-summary">{move || links.with(|(shown, total)| links_summary(shown.len(), *total))}</span>
            </div>
            <table class="table links">
                <thead><tr><th scope="col">"Predecessor"</th><th scope="col">"Successor"</th><th scope="col">"Type"</th><th scope="col" title="Working days; negative is lead time">"Lag"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                <tbody>
                    <For each=ends key=|ends| ends.clone() let:ends>
                        <LinkRow predecessor=ends.0 successor=ends.1/>
                    </For>
                    <NewLinkRow/>
                </tbody>
            </table>
        </section>
    }
}

/// One link of the table: its tasks by id and name, its type and lag to change, and
/// Remove.
#[component]
fn LinkRow(
    /// The task the link waits for.
    predecessor: TaskId,
    /// The task that waits.
    successor: TaskId,
) -> impl IntoView {
    let context = use_plan();
    let link = Memo::new({
        let (predecessor, successor) = (predecessor.clone(), successor.clone());
        move |_| {
            context.document.plan.with(|plan| {
                plan.dependencies
                    .iter()
                    .find(|link| link.predecessor == predecessor && link.successor == successor)
                    .cloned()
            })
        }
    });
    let name = |id: &TaskId| {
        let id = id.clone();
        move || context.document.plan.with(|plan| task_label(plan, &id))
    };
    let remove_label = format!("Remove the link {predecessor} → {successor}");
    let lag =
        Signal::derive(move || link.with(|link| link.as_ref().map(|link| link.lag.to_string()).unwrap_or_default()));
    view! {
        <tr>
            <td class="links__task">{name(&predecessor)}</td>
            <td class="links__task">{name(&successor)}</td>
            <td><LinkKindSelect link=link/></td>
            <td>
                <CommitInput label="Lag" kind="number" class="input--number" value=lag
                    // `CommitInput` shows beside the field the refusal the door writes.
                    on_commit=Callback::new(move |text: String| match parse_lag(&text) {
                        Ok(days) => changed(link, &|dependency| dependency.lag = days)
                            .is_some_and(|command| context.dispatch(command).is_ok()),
                        Err(message) => { context.refuse(message); false }
                    })/>
            </td>
            <td><button type="button" class="button button--quiet" aria-label=remove_label on:click={
                let (predecessor, successor) = (predecessor.clone(), successor.clone());
                move |_| {
                    let _ = context.dispatch(Command::RemoveDependency { predecessor: predecessor.clone(), successor: successor.clone() });
                }
            }>"Remove"</button></td>
        </tr>
    }
}

/// The command that changes a link as `change` does, while the link exists.
fn changed(link: Memo<Option<Dependency>>, change: &dyn Fn(&mut Dependency)) -> Option<Command> {
    link.get_untracked().map(|mut dependency| {
        change(&mut dependency);
        Command::UpdateDependency(dependency)
    })
}

/// A link's type, to change; a refusal is said under it.
#[component]
fn LinkKindSelect(
    /// The link, while it exists.
    link: Memo<Option<Dependency>>,
) -> impl IntoView {
    let context = use_plan();
    let refusal = RwSignal::new(None::<String>);
    let message_id = unique_id("refusal");
    let kind = move || link.with(|link| link.as_ref().map(|link| link.kind).unwrap_or_default());
    let described_by = {
        let message_id = message_id.clone();
        move || refusal.with(Option::is_some).then(|| message_id.clone())
    };
    view! {
        <select class="input" aria-label="Link type" aria-describedby=described_by
            prop:value=move || kind().label()
            on:change=move |event| {
                let label = event_target_value(&event);
                let new_kind = DependencyKind::ALL.into_iter().find(|kind| kind.label() == label);
                if let Some(command) = new_kind.and_then(|new_kind| changed(link, &|dependency| dependency.kind = new_kind)) {
                    refusal.set(dispatch_here(context, command).err());
                }
            }>
            {DependencyKind::ALL.into_iter().map(|option| view! { <option value=option.label()>{option.label()}</option> }).collect_view()}
        </select>
        <FieldRefusal id=message_id message=refusal/>
    }
}

/// A lag typed in working days: negative is lead time.
fn parse_lag(text: &str) -> Result<i32, String> {
    let limit = MAX_WORKING_DAYS as i32;
    parse_number::<i32>(text, "the lag", -limit, limit)
}

/// The table's last row: a new link, its two tasks picked by name, its type and lag;
/// Enter in any of its fields adds it. A refusal shows under the row and the fields keep
/// what was typed; an added link empties them.
#[component]
fn NewLinkRow() -> impl IntoView {
    let context = use_plan();
    let (from, to) = (PickedTask::new(), PickedTask::new());
    let kind = RwSignal::new(DependencyKind::FS);
    let lag = RwSignal::new(String::from("0"));
    let refusal = RwSignal::new(None::<String>);
    let message_id = unique_id("refusal");
    let described_by = {
        let message_id = message_id.clone();
        Signal::derive(move || refusal.with(Option::is_some).then(|| message_id.clone()))
    };
    let row = NodeRef::<leptos::html::Tr>::new();
    let add = Callback::new(move |()| {
        refusal.set(add_link(context, from, to, kind.get_untracked(), &lag.get_untracked()).err());
        if refusal.with_untracked(Option::is_none) {
            from.clear();
            to.clear();
            kind.set(DependencyKind::FS);
            lag.set("0".to_string());
            form_emptied(row.get_untracked());
        }
    });
    let enter = move |event: web_sys::KeyboardEvent| {
        if event.key() == "Enter" {
            event.prevent_default();
            add.run(());
        }
    };
    view! {
        <tr class="table__new-row" node_ref=row>
            <td>
                <TaskPicker picked=from label="New link: predecessor" leave_out=to.task test_id="link-from" placeholder="Name or id" on_enter=add described_by=described_by/>
                <FieldRefusal id=message_id message=refusal/>
            </td>
            <td><TaskPicker picked=to label="New link: successor" leave_out=from.task test_id="link-to" placeholder="Name or id" on_enter=add described_by=described_by/></td>
            <td><select class="input" aria-label="New link: type" aria-describedby=move || described_by.get() data-testid="link-type"
                prop:value=move || kind.get().label()
                on:change=move |event| {
                    let label = event_target_value(&event);
                    if let Some(new_kind) = DependencyKind::ALL.into_iter().find(|kind| kind.label() == label) { kind.set(new_kind) }
                }
                on:keydown=enter>{DependencyKind::ALL.into_iter().map(|option| view! { <option value=option.label()>{option.label()}</option> }).collect_view()}</select></td>
            <td><input type="text" inputmode="numeric" class="input input--number" aria-label="New link: lag in working days" data-testid="link-lag"
                aria-describedby=move || described_by.get() prop:value=move || lag.get()
                on:input=move |event| lag.set(event_target_value(&event)) on:keydown=enter/></td>
            <td><button type="button" class="button" data-testid="add-link" on:click=move |_| add.run(())>"Add link"</button></td>
        </tr>
    }
}

/// Says that the focused field of a form the app just emptied (a link added) no longer
/// holds text in progress: a `change` from it, as a field fires when its text is taken.
/// The header's save state follows those (`typing.rs`); without it, it said "Unsaved
/// typing" until the emptied field was left.
pub fn form_emptied(form: Option<impl AsRef<web_sys::Node>>) {
    let Some(form) = form else { return };
    let inside = |focused: &web_sys::Element| form.as_ref().contains(Some(focused));
    let Some(focused) = document().active_element().filter(inside) else { return };
    if let Ok(change) = web_sys::Event::new("change") {
        // Bubbling, as a field's own `change` does, to reach the window.
        change.init_event_with_bubbles("change", true);
        let _ = focused.dispatch_event(&change);
    }
}

/// Adds the link the new row describes, or says why not.
fn add_link(
    context: PlanContext,
    from: PickedTask,
    to: PickedTask,
    kind: DependencyKind,
    lag: &str,
) -> Result<(), String> {
    let (predecessor, successor) = context
        .document
        .plan
        .with_untracked(|plan| Ok::<_, String>((from.chosen(plan, "predecessor")?, to.chosen(plan, "successor")?)))
        .map_err(refused)?;
    let lag = parse_lag(lag).map_err(refused)?;
    dispatch_here(context, Command::AddDependency(Dependency { predecessor, successor, kind, lag }))
}
