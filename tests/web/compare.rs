//! Compare with a file or a stored plan, and take changes.

use planwright::file;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::support::*;

/// The example program as a colleague sent it back: T3 renamed, T9 five days longer
/// (on the critical path), a task T41 added with a link T41 → T28, R2 more likely;
/// saved twice, last on 2027-02-01.
fn example_copy_with_edits() -> planwright::model::Plan {
    use planwright::model::{Dependency, DependencyKind, Task, TaskId};
    let mut plan = file::parse(EXAMPLE_PLAN).unwrap();
    let t3 = plan.task_index("T3").unwrap();
    plan.tasks[t3].name = "Target architecture, API contracts and SLAs".into();
    let t9 = plan.task_index("T9").unwrap();
    plan.tasks[t9].duration = 25;
    let mut added = Task::new(TaskId::new("T41"), "Vendor security questionnaire");
    added.parent = Some(TaskId::new("T27"));
    added.duration = 4;
    plan.tasks.push(added);
    plan.dependencies.push(Dependency {
        predecessor: TaskId::new("T41"),
        successor: TaskId::new("T28"),
        kind: DependencyKind::FS,
        lag: 0,
    });
    plan.risks.iter_mut().find(|risk| risk.id.as_str() == "R2").unwrap().probability = 4;
    plan.stamp_revision(chrono::NaiveDate::from_ymd_opt(2027, 1, 20).unwrap());
    plan.stamp_revision(chrono::NaiveDate::from_ymd_opt(2027, 2, 1).unwrap());
    plan
}

/// The example with only T9's new duration.
fn example_with_longer_t9() -> planwright::model::Plan {
    let mut plan = file::parse(EXAMPLE_PLAN).unwrap();
    let t9 = plan.task_index("T9").unwrap();
    plan.tasks[t9].duration = 25;
    plan
}

/// The compare view's entry whose text contains `words`: its change number.
fn compare_entry(root: &web_sys::HtmlElement, words: &str) -> String {
    let entries = find_all(root, "[data-testid=compare-entry]");
    let found: Vec<String> = entries
        .iter()
        .filter(|entry| entry.text_content().unwrap_or_default().contains(words))
        .filter_map(|entry| entry.get_attribute("data-change"))
        .collect();
    assert_eq!(found.len(), 1, "one entry mentions {words:?}");
    found[0].clone()
}

/// Opens the compare view and compares the open plan with a file.
async fn compare_with(root: &web_sys::HtmlElement, name: &str, text: &str, entries: usize) {
    click(root, "[data-testid=compare]");
    wait_for("the compare view", || find(root, "[data-testid=compare-input]").is_some()).await;
    choose_compare_file(root, name, text);
    wait_for("the differences", || find_all(root, "[data-testid=compare-entry]").len() == entries).await;
}

/// Waits until the plan is saved and the stored plan (the only one) meets `condition`.
async fn wait_for_stored(
    root: &web_sys::HtmlElement,
    what: &str,
    condition: impl Fn(&planwright::model::Plan) -> bool,
) {
    wait_for(what, || {
        text(root, "[data-testid=save-state]") == "Saved"
            && storage()
                .get_item(&stored_plan_keys()[0])
                .ok()
                .flatten()
                .and_then(|text| file::parse(&text).ok())
                .is_some_and(|plan| condition(&plan))
    })
    .await;
}

#[wasm_bindgen_test]
async fn compare_with_a_file_lists_the_differences_and_takes_one_then_all_as_one_undo_step() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    wait_for("the first save", || text(&wrapper, "[data-testid=save-state]") == "Saved").await;
    let theirs = example_copy_with_edits();
    compare_with(&wrapper, "theirs.plan.json", &file::to_json(&theirs), 5).await;

    // Which copy is which.
    assert_eq!(text(&wrapper, "[data-testid=stamp-ours-revision]"), "0");
    assert_eq!(text(&wrapper, "[data-testid=stamp-theirs-revision]"), "2");
    let their_stamp = text(&wrapper, "[data-testid=stamp-theirs]");
    assert!(their_stamp.contains("theirs.plan.json") && their_stamp.contains("2027-02-01"), "{their_stamp}");
    assert!(text(&wrapper, "[data-testid=stamp-ours]").contains("never saved with a date"));

    // Grouped: added, removed, changed, each by kind of item.
    let added = text(&wrapper, "[data-testid=compare-added]");
    assert!(added.contains("T41 added: \"Vendor security questionnaire\", 4 working days, under T27"), "{added}");
    assert!(added.contains("link T41 → T28 added (FS)"), "{added}");
    assert!(find(&wrapper, "[data-testid=compare-added] [data-section=Tasks]").is_some());
    assert!(find(&wrapper, "[data-testid=compare-added] [data-section=Links]").is_some());
    assert!(text(&wrapper, "[data-testid=compare-removed]").contains("Nothing removed."));
    assert!(find(&wrapper, "[data-testid=compare-changed] [data-section=Tasks]").is_some());
    assert!(find(&wrapper, "[data-testid=compare-changed] [data-section=Risks]").is_some());
    let duration = compare_entry(&wrapper, "T9 “Card authorisation API” duration");
    assert_eq!(text(&wrapper, &format!("[data-testid=keep-ours-{duration}]")), "20 working days");
    assert_eq!(text(&wrapper, &format!("[data-testid=take-theirs-{duration}]")), "25 working days");
    let probability = compare_entry(&wrapper, "probability");
    assert_eq!(text(&wrapper, &format!("[data-testid=take-theirs-{probability}]")), "4");
    compare_entry(&wrapper, "\"Target architecture, API contracts and SLAs\"");

    // One change: the preview shows what it does to the schedule.
    assert!(find(&wrapper, "[data-testid=compare-take]").unwrap().has_attribute("disabled"), "nothing chosen yet");
    click(&wrapper, &format!("[data-testid=take-theirs-{duration}]"));
    wait_for("the consequence", || find(&wrapper, "[data-testid=compare-consequence]").is_some()).await;
    let consequence = text(&wrapper, "[data-testid=compare-consequence]");
    assert!(consequence.contains("T14 \"Feature complete\" moves 5 working days later"), "{consequence}");
    assert!(consequence.contains("The plan finishes 1 working day later"), "{consequence}");
    assert_eq!(text(&wrapper, "[data-testid=compare-count]"), "1 of 5 changes chosen");
    assert_eq!(text(&wrapper, "[data-testid=compare-take]"), "Take 1 change");
    click(&wrapper, "[data-testid=compare-take]");
    wait_for("the notice", || text(&wrapper, "[data-testid=notice]").contains("Took 1 change from theirs.plan.json"))
        .await;
    assert!(text(&wrapper, "[data-testid=notice]").contains("Undo (Ctrl+Z) takes them back."));
    assert!(find(&wrapper, "[data-testid=compare-view]").is_none(), "back to the plan");
    let one = example_with_longer_t9();
    wait_for_stored(&wrapper, "exactly that change stored", |stored| planwright::diff::diff(stored, &one).is_empty())
        .await;

    // Then all the others at once.
    compare_with(&wrapper, "theirs.plan.json", &file::to_json(&theirs), 4).await;
    click(&wrapper, "[data-testid=compare-select-all]");
    wait_for("the preview", || find(&wrapper, "[data-testid=compare-summary]").is_some()).await;
    assert_eq!(text(&wrapper, "[data-testid=compare-take]"), "Take 4 changes");
    click(&wrapper, "[data-testid=compare-take]");
    wait_for("the notice", || text(&wrapper, "[data-testid=notice]").contains("Took 4 changes")).await;
    wait_for_stored(&wrapper, "theirs stored", |stored| planwright::diff::diff(stored, &theirs).is_empty()).await;

    // One undo takes all four back.
    click(&wrapper, "[data-testid=undo]");
    wait_for_stored(&wrapper, "the one change left", |stored| planwright::diff::diff(stored, &one).is_empty()).await;
}

#[wasm_bindgen_test]
async fn compare_refuses_a_link_to_a_task_not_taken_and_adds_what_it_needs() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    compare_with(&wrapper, "theirs.plan.json", &file::to_json(&example_copy_with_edits()), 5).await;
    let link = compare_entry(&wrapper, "link T41 → T28 added");
    click(&wrapper, &format!("[data-testid=take-{link}]"));
    wait_for("the refusal", || find(&wrapper, "[data-testid=compare-error]").is_some()).await;
    let error = text(&wrapper, "[data-testid=compare-error]");
    assert!(error.contains("link T41 → T28") && error.contains("T41 added"), "{error}");
    assert!(find(&wrapper, "[data-testid=compare-take]").unwrap().has_attribute("disabled"));
    click(&wrapper, "[data-testid=compare-add-needed]");
    wait_for("the preview", || find(&wrapper, "[data-testid=compare-summary]").is_some()).await;
    assert!(find(&wrapper, "[data-testid=compare-error]").is_none());
    assert_eq!(text(&wrapper, "[data-testid=compare-take]"), "Take 2 changes");
    click(&wrapper, "[data-testid=compare-select-none]");
    wait_for("nothing chosen", || text(&wrapper, "[data-testid=compare-count]") == "0 of 5 changes chosen").await;
}

#[wasm_bindgen_test]
async fn compare_with_a_bad_file_says_why_and_changes_nothing() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    wait_for("the first save", || text(&wrapper, "[data-testid=save-state]") == "Saved").await;
    let stored_before = storage().get_item(&stored_plan_keys()[0]).unwrap();
    click(&wrapper, "[data-testid=compare]");
    wait_for("the compare view", || find(&wrapper, "[data-testid=compare-input]").is_some()).await;
    choose_compare_file(&wrapper, "broken.plan.json", "{\"format\": \"planwright\", \"version\": 1, \"plan\": ");
    wait_for("the refusal", || text(&wrapper, "[data-testid=notice]").contains("broken.plan.json was not compared"))
        .await;
    assert!(text(&wrapper, "[data-testid=notice]").contains("Nothing was changed."));
    assert!(find(&wrapper, "[data-testid=notice] .banner__details li").is_some(), "the problem is listed");
    assert!(find(&wrapper, "[data-testid=compare-entry]").is_none());
    click(&wrapper, "[data-testid=compare-close]");
    wait_for("the plan", || find(&wrapper, "[data-testid=task-grid]").is_some()).await;
    assert_eq!(task_count(&wrapper), 40);
    sleep(400).await;
    assert_eq!(stored_plan_keys().len(), 1, "no plan was added");
    assert_eq!(storage().get_item(&stored_plan_keys()[0]).unwrap(), stored_before);
}

#[wasm_bindgen_test]
async fn compare_with_a_stored_plan_and_renumber_a_task_id_that_collides() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    // The example adds a task of its own: T41 "New task", at the top level.
    click(&wrapper, "[data-testid=add-task]");
    wait_for("the new task", || task_count(&wrapper) == 41).await;
    // Their T41 is another task, under T27 and months later.
    let mut theirs = example_copy_with_edits();
    let t41 = theirs.task_index("T41").unwrap();
    theirs.tasks[t41].start_no_earlier_than = chrono::NaiveDate::from_ymd_opt(2028, 3, 1);
    theirs.name = "Payments platform migration (Ana's copy)".into();
    choose_file(&wrapper, "ana.plan.json", &file::to_json(&theirs));
    wait_for("the second plan", || stored_plan_keys().len() == 2).await;
    // Back to the example, and compare it with the stored copy.
    let switcher: web_sys::HtmlSelectElement = find(&wrapper, "[data-testid=plan-switcher]").unwrap().unchecked_into();
    let example_id = (0..switcher.length())
        .filter_map(|index| switcher.item(index))
        .filter_map(|option| option.dyn_into::<web_sys::HtmlOptionElement>().ok())
        .find(|option| option.text() == "Payments platform migration")
        .map(|option| option.value())
        .unwrap();
    choose_option(switcher.unchecked_ref(), &example_id);
    wait_for("the example", || text(&wrapper, ".header__title") == "Payments platform migration").await;
    click(&wrapper, "[data-testid=compare]");
    wait_for("the stored plans", || find(&wrapper, "[data-testid=compare-stored]").is_some()).await;
    assert_eq!(find_all(&wrapper, "[data-testid=compare-stored]").len(), 1, "the open plan is not offered");
    assert!(text(&wrapper, "[data-testid=compare-stored]").contains("Ana's copy"));
    click(&wrapper, "[data-testid=compare-stored] button");
    wait_for("the differences", || find(&wrapper, "[data-testid=compare-entry]").is_some()).await;
    assert!(text(&wrapper, ".compare__title").contains("the stored plan \"Payments platform migration (Ana's copy)\""));
    compare_entry(&wrapper, "\"Payments platform migration (Ana's copy)\"");

    // T41 names two tasks: a warning, and renumbering theirs makes it an added task.
    wait_for("the warning", || find(&wrapper, "[data-testid=compare-collision]").is_some()).await;
    assert!(text(&wrapper, "[data-testid=compare-collision]").contains("T41 looks like two different tasks"));
    click(&wrapper, "[data-testid=compare-renumber]");
    wait_for("the renumbered task", || text(&wrapper, "[data-testid=compare-added]").contains("T42 added")).await;
    assert!(find(&wrapper, "[data-testid=compare-collision]").is_none());
    assert!(text(&wrapper, "[data-testid=compare-added]").contains("link T42 → T28 added"));
    assert!(text(&wrapper, "[data-testid=compare-removed]").contains("T41 removed: \"New task\""));
}

#[wasm_bindgen_test]
async fn a_saved_edit_stamps_the_plan_revision_and_an_undo_is_another_one() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    wait_for("the first save", || text(&wrapper, "[data-testid=save-state]") == "Saved").await;
    let imported = stored_plan();
    assert_eq!((imported.revision, imported.modified), (0, None), "an import is not an edit");
    click(&wrapper, "[data-testid=add-task]");
    let today = planwright::storage::today();
    wait_for_stored(&wrapper, "the stamped save", |stored| stored.revision == 1 && stored.modified == Some(today))
        .await;
    // A save with nothing new does not count.
    web_sys::window().unwrap().dispatch_event(&web_sys::Event::new("pagehide").unwrap()).unwrap();
    sleep(100).await;
    assert_eq!(stored_plan().revision, 1);
    click(&wrapper, "[data-testid=undo]");
    wait_for_stored(&wrapper, "the undo's save", |stored| stored.revision == 2 && stored.tasks.len() == 40).await;
    click(&wrapper, "[data-testid=redo]");
    wait_for_stored(&wrapper, "the redo's save", |stored| stored.revision == 3 && stored.tasks.len() == 41).await;
}

// ---------------------------------------------------------------- whose change is whose

/// The text of the common version kept for the open plan (the only plan), if any.
fn kept_common_version() -> Option<String> {
    let key = stored_plan_keys()[0].replace(":plan:", ":common:");
    storage().get_item(&key).unwrap()
}

/// Types into a field as a person does: its value, then `input`.
fn type_into(field: &web_sys::HtmlElement, value: &str) {
    let input: &web_sys::HtmlInputElement = field.unchecked_ref();
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
}

/// Chooses a file in the compare view's picker of the version sent, as a person would.
fn choose_common_file(root: &web_sys::HtmlElement, name: &str, text: &str) {
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&text_file(name, text)).unwrap();
    let input: web_sys::HtmlInputElement = find(root, "[data-testid=common-input]").unwrap().unchecked_into();
    input.set_files(transfer.files().as_ref());
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
}

/// Whose the entry whose text contains `words` is marked (`yours`, `theirs`, `both`),
/// or "" when it carries no mark.
fn whose_entry(root: &web_sys::HtmlElement, words: &str) -> String {
    let change = compare_entry(root, words);
    let entry = find(root, &format!("[data-testid=compare-entry][data-change='{change}']")).unwrap();
    entry.get_attribute("data-whose").unwrap_or_default()
}

/// Gives this browser's name for saved copies in the compare view, then closes it.
async fn give_author_name(root: &web_sys::HtmlElement, name: &str) {
    click(root, "[data-testid=compare]");
    wait_for("the compare view", || find(root, "[data-testid=author-name]").is_some()).await;
    type_into(&find(root, "[data-testid=author-name]").unwrap(), name);
    click(root, "[data-testid=author-save]");
    wait_for("the name kept", || text(root, "[data-testid=author-hint]").contains(&format!("saved by {name}"))).await;
    click(root, "[data-testid=compare-close]");
    wait_for("the plan", || find(root, "[data-testid=task-grid]").is_some()).await;
}

/// B's copy of what A sent: T9 25 days (A changes it too), R2 more likely, a task T41
/// and its link added; saved twice by Ben.
fn bens_copy(sent: &planwright::model::Plan) -> planwright::model::Plan {
    use planwright::model::{Dependency, DependencyKind, Task, TaskId};
    let mut plan = sent.clone();
    let t9 = plan.task_index("T9").unwrap();
    plan.tasks[t9].duration = 25;
    plan.risks.iter_mut().find(|risk| risk.id.as_str() == "R2").unwrap().probability = 4;
    let mut added = Task::new(TaskId::new("T41"), "Vendor security questionnaire");
    added.parent = Some(TaskId::new("T27"));
    added.duration = 4;
    plan.tasks.push(added);
    let link =
        Dependency { predecessor: TaskId::new("T41"), successor: TaskId::new("T28"), kind: DependencyKind::FS, lag: 0 };
    plan.dependencies.push(link);
    for day in [3, 4] {
        plan.stamp_revision(chrono::NaiveDate::from_ymd_opt(2027, 2, day).unwrap());
    }
    plan.saved_by = Some("Ben".into());
    plan
}

#[wasm_bindgen_test]
async fn a_sends_the_plan_both_edit_and_a_keeps_their_own_edit_takes_bens_and_decides_the_conflict() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    wait_for("the first save", || text(&wrapper, "[data-testid=save-state]") == "Saved").await;
    assert_eq!(kept_common_version().map(|text| file::parse(&text).unwrap()), Some(stored_plan()), "kept at import");
    give_author_name(&wrapper, "Ana").await;

    // A edits, then sends the plan: the copy sent is kept as the common version.
    change_input(&grid_field(&wrapper, "Duration of T2"), "9");
    wait_for_stored(&wrapper, "A's first edit", |stored| stored.saved_by.as_deref() == Some("Ana")).await;
    click(&wrapper, "[data-testid=export]");
    wait_for("the copy sent kept", || {
        kept_common_version().is_some_and(|text| file::parse(&text).unwrap().task("T2").unwrap().duration == 9)
    })
    .await;
    let sent = file::parse(&kept_common_version().unwrap()).unwrap();
    assert_eq!(sent, stored_plan(), "the plan as exported");

    // Both edit: A changes T12 alone, and T9 as B does.
    change_input(&grid_field(&wrapper, "Duration of T12"), "8");
    change_input(&grid_field(&wrapper, "Duration of T9"), "22");
    wait_for_stored(&wrapper, "A's edits", |stored| stored.task("T9").unwrap().duration == 22).await;
    compare_with(&wrapper, "ben.plan.json", &file::to_json(&bens_copy(&sent)), 5).await;

    // Two copies told apart, and each change marked whose it is.
    assert_eq!(text(&wrapper, "[data-testid=stamp-ours-saved-by]"), "Ana");
    assert_eq!(text(&wrapper, "[data-testid=stamp-theirs-saved-by]"), "Ben");
    assert_eq!(text(&wrapper, "[data-testid=stamp-ours-since]"), "2 changes");
    assert_eq!(text(&wrapper, "[data-testid=stamp-theirs-since]"), "4 changes");
    assert_eq!(
        find(&wrapper, "[data-testid=compare-common]").unwrap().get_attribute("data-common").as_deref(),
        Some("used")
    );
    assert_eq!(whose_entry(&wrapper, "T12 “Idempotency and retry handling” duration"), "yours");
    assert_eq!(whose_entry(&wrapper, "T9 “Card authorisation API” duration"), "both");
    assert_eq!(whose_entry(&wrapper, "probability"), "theirs");
    assert_eq!(whose_entry(&wrapper, "T41 added"), "theirs");
    assert_eq!(whose_entry(&wrapper, "link T41 → T28 added"), "theirs");
    assert_eq!(text(&wrapper, "[data-testid=compare-whose-counts]"), "1 yours · 3 theirs · 1 both");

    // Select all takes Ben's three, leaves A's own edit, and the conflict waits for a choice.
    click(&wrapper, "[data-testid=compare-select-all]");
    wait_for("the choice", || text(&wrapper, "[data-testid=compare-count]") == "3 of 5 changes chosen").await;
    let yours = compare_entry(&wrapper, "T12 “Idempotency and retry handling” duration");
    let yours_box: web_sys::HtmlInputElement =
        find(&wrapper, &format!("[data-testid=take-{yours}]")).unwrap().unchecked_into();
    assert!(!yours_box.checked(), "A's own edit is not taken back");
    let conflict = compare_entry(&wrapper, "T9 “Card authorisation API” duration");
    let conflict_box: web_sys::HtmlInputElement =
        find(&wrapper, &format!("[data-testid=take-{conflict}]")).unwrap().unchecked_into();
    assert!(conflict_box.indeterminate(), "no choice yet");
    assert!(text(&wrapper, "[data-testid=compare-undecided]").contains("Choose yours or theirs for 1 conflict"));
    assert!(find(&wrapper, "[data-testid=compare-take]").unwrap().has_attribute("disabled"));
    let ours_value = find(&wrapper, &format!("[data-testid=keep-ours-{conflict}]")).unwrap();
    assert_eq!(ours_value.get_attribute("aria-pressed").as_deref(), Some("false"), "neither side chosen");

    // A keeps their own 22 days: now the three changes can be taken.
    ours_value.click();
    wait_for("the choice made", || find(&wrapper, "[data-testid=compare-undecided]").is_none()).await;
    assert!(!conflict_box.indeterminate());
    assert_eq!(text(&wrapper, "[data-testid=compare-take]"), "Take 3 changes");
    click(&wrapper, "[data-testid=compare-take]");
    wait_for("the notice", || text(&wrapper, "[data-testid=notice]").contains("Took 3 changes from ben.plan.json"))
        .await;
    wait_for_stored(&wrapper, "the merge", |stored| {
        stored.task("T41").is_some()
            && stored.task("T12").unwrap().duration == 8
            && stored.task("T9").unwrap().duration == 22
            && stored.task("T2").unwrap().duration == 9
            && stored.risk("R2").unwrap().probability == 4
    })
    .await;
}

#[wasm_bindgen_test]
async fn without_a_common_version_compare_says_so_and_takes_the_file_sent_as_one() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    wait_for("the first save", || text(&wrapper, "[data-testid=save-state]") == "Saved").await;
    // A plan kept before common versions were: none is known.
    storage().remove_item(&stored_plan_keys()[0].replace(":plan:", ":common:")).unwrap();
    change_input(&grid_field(&wrapper, "Duration of T12"), "8");
    wait_for_stored(&wrapper, "A's edit", |stored| stored.task("T12").unwrap().duration == 8).await;
    let sent = file::parse(EXAMPLE_PLAN).unwrap();
    compare_with(&wrapper, "ben.plan.json", &file::to_json(&bens_copy(&sent)), 5).await;

    // Said plainly, and nothing is marked.
    let common = text(&wrapper, "[data-testid=compare-common]");
    assert!(common.contains("Planwright cannot tell whose change is whose"), "{common}");
    assert!(common.contains("No version of this plan was kept"), "{common}");
    assert_eq!(whose_entry(&wrapper, "T12 “Idempotency and retry handling” duration"), "");
    assert!(find(&wrapper, "[data-testid=compare-whose-counts]").is_none());

    // A file that cannot be the one sent (saved more often than Ben's copy) is not used.
    let mut later = sent.clone();
    later.revision = 9;
    choose_common_file(&wrapper, "later.plan.json", &file::to_json(&later));
    wait_for("the reason", || {
        text(&wrapper, "[data-testid=common-why]").contains("later.plan.json cannot be the version")
    })
    .await;
    assert!(text(&wrapper, "[data-testid=common-why]").contains("it is revision 9 and theirs is revision 2"));
    // A file that is no plan is refused beside the button, with its problems.
    choose_common_file(&wrapper, "broken.plan.json", "{\"format\": \"planwright\"");
    wait_for("the refusal", || find(&wrapper, "[data-testid=common-refused]").is_some()).await;
    assert!(text(&wrapper, "[data-testid=common-refused]")
        .contains("broken.plan.json was not used as the version you sent"));

    // The file A sent: now each change is marked, and it is kept for next time.
    choose_common_file(&wrapper, "program.plan.json", EXAMPLE_PLAN);
    wait_for("three ways", || {
        find(&wrapper, "[data-testid=compare-common]").and_then(|panel| panel.get_attribute("data-common")).as_deref()
            == Some("used")
    })
    .await;
    assert!(find(&wrapper, "[data-testid=common-refused]").is_none());
    assert!(text(&wrapper, "[data-testid=common-source]").contains("Measured against program.plan.json (revision 0"));
    assert_eq!(whose_entry(&wrapper, "T12 “Idempotency and retry handling” duration"), "yours");
    assert_eq!(whose_entry(&wrapper, "T9 “Card authorisation API” duration"), "theirs");
    assert_eq!(kept_common_version().map(|text| file::parse(&text).unwrap()), Some(sent));

    // And back to two ways, on request.
    click(&wrapper, "[data-testid=common-without]");
    wait_for("two ways", || text(&wrapper, "[data-testid=common-why]").contains("You chose to compare without")).await;
    assert_eq!(whose_entry(&wrapper, "T12 “Idempotency and retry handling” duration"), "");
}

#[wasm_bindgen_test]
async fn a_name_the_file_could_not_hold_is_refused_beside_the_field_which_keeps_it() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    click(&wrapper, "[data-testid=compare]");
    wait_for("the compare view", || find(&wrapper, "[data-testid=author-name]").is_some()).await;
    let field = find(&wrapper, "[data-testid=author-name]").unwrap();
    let long = "A".repeat(501);
    type_into(&field, &long);
    click(&wrapper, "[data-testid=author-save]");
    wait_for("the refusal", || text(&wrapper, "[data-testid=author-hint]").contains("Not kept")).await;
    assert!(text(&wrapper, "[data-testid=author-hint]").contains("at most 500 characters"));
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(field.unchecked_ref::<web_sys::HtmlInputElement>().value(), long, "the typed text is kept");
    assert!(storage().get_item("planwright:author").unwrap().is_none());
    type_into(&field, "  Ana Souza ");
    click(&wrapper, "[data-testid=author-save]");
    wait_for("the name kept", || text(&wrapper, "[data-testid=author-hint]").contains("saved by Ana Souza")).await;
    assert_eq!(storage().get_item("planwright:author").unwrap().as_deref(), Some("Ana Souza"));
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("false"));
}
