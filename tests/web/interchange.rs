//! MS Project, Jira and Excel in the browser: an MS Project file opens on its loss
//! report and imports on "Import" only; Cancel and a refused file change nothing; a
//! Jira CSV is mapped by its preset and imports; the "More" menu's MS Project and Excel
//! exports are files that read back.

use planwright::file::mspdi;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::support::*;

const SPLIT_TASK_FILE: &str = include_str!("../fixtures/mspdi/msproject-2007-split-task.xml");
const JIRA_EXPORT: &str = include_str!("../fixtures/csv/jira-export.csv");

/// Every key and value in local storage, to see that nothing was written.
fn storage_snapshot() -> Vec<(String, String)> {
    let storage = storage();
    let mut items: Vec<(String, String)> = (0..storage.length().unwrap())
        .filter_map(|index| storage.key(index).unwrap())
        .map(|key| {
            let value = storage.get_item(&key).unwrap().unwrap_or_default();
            (key, value)
        })
        .collect();
    items.sort();
    items
}

/// The dialog once it is open; if it does not open, the failure says what the page says.
async fn dialog_open(wrapper: &web_sys::HtmlElement, testid: &str) -> web_sys::HtmlElement {
    let selector = format!("[data-testid={testid}]");
    for _ in 0..250 {
        if let Some(dialog) = find(wrapper, &selector) {
            return dialog;
        }
        sleep(20).await;
    }
    panic!("no {testid} dialog; the notice says {:?}", text(wrapper, "[data-testid=notice]"));
}

/// The CSV mapping says the file can be imported.
fn ready(wrapper: &web_sys::HtmlElement) -> bool {
    text(wrapper, "[data-testid=import-status]").starts_with("Ready to import")
}

async fn dialog_gone(wrapper: &web_sys::HtmlElement) {
    wait_for("the dialog to close", || find(wrapper, "dialog.import-dialog").is_none()).await;
}

#[wasm_bindgen_test]
async fn an_ms_project_file_shows_what_it_loses_and_imports_on_confirm() {
    let expected = mspdi::read(SPLIT_TASK_FILE).unwrap();
    assert!(!expected.losses.is_empty(), "the fixture loses something");
    let (wrapper, _app) = start_app().await;
    choose_file(&wrapper, "vendor-schedule.xml", SPLIT_TASK_FILE);
    let dialog = dialog_open(&wrapper, "loss-report").await;
    assert!(dialog.has_attribute("open"), "shown as a modal dialog");
    let shown: Vec<String> =
        find_all(&wrapper, "[data-testid=loss]").iter().map(|item| item.text_content().unwrap()).collect();
    let sentences: Vec<String> = expected.losses.iter().map(ToString::to_string).collect();
    assert_eq!(shown, sentences);
    assert!(shown.iter().any(|loss| loss.contains("Split Task")), "names the tasks: {shown:?}");
    assert!(stored_plan_keys().is_empty(), "nothing imported before the answer");
    let active = web_sys::window().unwrap().document().unwrap().active_element().unwrap();
    assert_eq!(active.get_attribute("data-testid").as_deref(), Some("import-confirm"), "the focus is on Import");

    click(&wrapper, "[data-testid=import-confirm]");
    dialog_gone(&wrapper).await;
    wait_for("the imported plan", || stored_plan_keys().len() == 1).await;
    let stored = stored_plan();
    assert_eq!(stored.tasks.len(), expected.plan.tasks.len());
    assert_eq!(stored.name, expected.plan.name);
    assert!(text(&wrapper, "[data-testid=notice]").contains("vendor-schedule.xml"));
}

#[wasm_bindgen_test]
async fn cancel_and_escape_leave_the_open_plan_and_storage_as_they_were() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    wait_for("the save", || text(&wrapper, "[data-testid=save-state]") == "Saved").await;
    let before = storage_snapshot();
    let tasks = task_count(&wrapper);

    choose_file(&wrapper, "vendor-schedule.xml", SPLIT_TASK_FILE);
    dialog_open(&wrapper, "loss-report").await;
    click(&wrapper, "[data-testid=import-cancel]");
    dialog_gone(&wrapper).await;

    choose_file(&wrapper, "vendor-schedule.xml", SPLIT_TASK_FILE);
    let dialog = dialog_open(&wrapper, "loss-report").await;
    press_key(&dialog, "Escape", false);
    dialog_gone(&wrapper).await;

    assert_eq!(storage_snapshot(), before, "storage untouched");
    assert_eq!(task_count(&wrapper), tasks, "the open plan stays");
    assert!(text(&wrapper, ".header__switcher").contains("Payments platform migration"));
}

#[wasm_bindgen_test]
async fn xml_that_is_not_ms_projects_is_refused_with_its_message() {
    let (wrapper, _app) = start_app().await;
    choose_file(&wrapper, "feed.xml", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>");
    wait_for("the refusal", || find(&wrapper, "[data-testid=notice]").is_some()).await;
    let notice = text(&wrapper, "[data-testid=notice]");
    assert!(notice.contains("feed.xml was not opened. Nothing was changed."), "{notice}");
    assert!(notice.contains("this XML file is not an MS Project file: it holds <rss>"), "{notice}");
    assert!(find(&wrapper, "dialog.import-dialog").is_none());
    assert!(stored_plan_keys().is_empty());
}

#[wasm_bindgen_test]
async fn an_ms_project_file_cut_short_is_refused_with_where_it_ends() {
    let (wrapper, _app) = start_app().await;
    // Cut after a whole task, as a download that stopped between two of them.
    let cut = SPLIT_TASK_FILE.find("</Task>").unwrap() + "</Task>".len();
    choose_file(&wrapper, "cut.xml", &SPLIT_TASK_FILE[..cut]);
    wait_for("the refusal", || find(&wrapper, "[data-testid=notice]").is_some()).await;
    let notice = text(&wrapper, "[data-testid=notice]");
    assert!(notice.contains("cut.xml was not opened") && notice.contains("it was cut short"), "{notice}");
    assert!(stored_plan_keys().is_empty());
}

#[wasm_bindgen_test]
async fn a_jira_export_is_mapped_by_its_preset_and_imports_with_the_mapping_remembered() {
    let (wrapper, _app) = start_app().await;
    choose_file(&wrapper, "jira-export.csv", JIRA_EXPORT);
    dialog_open(&wrapper, "csv-mapping").await;
    assert!(text(&wrapper, "[data-testid=csv-detected]").contains("Jira"));
    let chosen = |field: &str| {
        let select: web_sys::HtmlSelectElement =
            find(&wrapper, &format!("[data-testid=csv-field-{field}]")).unwrap().unchecked_into();
        select.selected_options().item(0).and_then(|option| option.text_content()).unwrap_or_default()
    };
    assert_eq!(chosen("name"), "Summary");
    assert_eq!(chosen("id"), "Issue key");
    assert_eq!(chosen("owner"), "Assignee");
    assert!(find_all(&wrapper, "[data-testid=csv-preview] tbody tr").len() > 1, "the first rows");
    wait_for("the mapping's outcome", || ready(&wrapper)).await;
    assert!(text(&wrapper, "[data-testid=import-status]").contains("10 tasks"));
    assert!(stored_plan_keys().is_empty(), "nothing imported before the answer");

    click(&wrapper, "[data-testid=import-confirm]");
    dialog_gone(&wrapper).await;
    wait_for("the imported plan", || stored_plan_keys().len() == 1).await;
    let plan = stored_plan();
    assert_eq!(plan.tasks.len(), 10);
    assert!(plan.dependencies.len() >= 3, "blocks became links");
    let remembered = storage_snapshot().into_iter().filter(|(key, _)| key.starts_with("planwright:csv-mapping:"));
    assert_eq!(remembered.count(), 1, "the mapping is remembered for these columns");

    // Like any import, undo asks before it takes the plan away.
    click(&wrapper, "[data-testid=undo]");
    wait_for("the question", || find(&wrapper, "[data-testid=import-question]").is_some()).await;
    assert!(text(&wrapper, "[data-testid=import-question]").contains("jira-export.csv"));
}

#[wasm_bindgen_test]
async fn an_ms_project_file_over_the_size_cap_is_refused_unread() {
    let (wrapper, _app) = start_app().await;
    // 65 MB made of one 1 MB piece: the browser keeps one copy, and the file is never read.
    let piece = wasm_bindgen::JsValue::from_str(&format!("<Project>{}", " ".repeat(1_048_576 - 9)));
    let pieces: js_sys::Array = (0..65).map(|_| piece.clone()).collect();
    let file = web_sys::File::new_with_str_sequence(&pieces, "huge.xml").unwrap();
    choose_this_file(&wrapper, &file);
    wait_for("the refusal", || find(&wrapper, "[data-testid=notice]").is_some()).await;
    let notice = text(&wrapper, "[data-testid=notice]");
    assert!(notice.contains("huge.xml was not opened") && notice.contains("up to 64 MB"), "{notice}");
    assert!(find(&wrapper, "dialog.import-dialog").is_none());
    assert!(stored_plan_keys().is_empty());
}

#[wasm_bindgen_test]
async fn a_csv_without_a_name_column_lists_the_problem_and_imports_once_mapped_on_enter_remembering_the_mapping() {
    let (wrapper, _app) = start_app().await;
    choose_file(&wrapper, "tasks.csv", "Activity;Days\nDesign;5\nBuild;10\n");
    dialog_open(&wrapper, "csv-mapping").await;
    assert!(text(&wrapper, "[data-testid=csv-detected]").contains("semicolons"));
    assert!(text(&wrapper, "[data-testid=csv-problems]").contains("no column is mapped to the task name"));
    assert_eq!(text(&wrapper, "[data-testid=import-status]"), "1 problem to solve before the import (listed above).");
    let confirm = find(&wrapper, "[data-testid=import-confirm]").unwrap();
    assert!(confirm.has_attribute("disabled"));
    choose_option(&find(&wrapper, "[data-testid=csv-field-name]").unwrap(), "0");
    let duration = find(&wrapper, "[data-testid=csv-field-duration]").unwrap();
    choose_option(&duration, "1");
    wait_for("the outcome", || ready(&wrapper)).await;
    assert!(!confirm.has_attribute("disabled"));
    // Enter in the dialog imports, as "Import" does.
    press_key(&duration, "Enter", false);
    dialog_gone(&wrapper).await;
    wait_for("the imported plan", || stored_plan_keys().len() == 1).await;
    let plan = stored_plan();
    assert_eq!(plan.tasks.iter().map(|task| task.duration).collect::<Vec<_>>(), [5, 10]);

    // The next file with these columns starts from the mapping chosen for this one.
    choose_file(&wrapper, "more-tasks.csv", "Activity;Days\nTest;3\n");
    dialog_open(&wrapper, "csv-mapping").await;
    let detected = text(&wrapper, "[data-testid=csv-detected]");
    assert!(detected.contains("as for your last file with these columns"), "{detected} {:?}", storage_snapshot());
    wait_for("the outcome", || ready(&wrapper)).await;
    click(&wrapper, "[data-testid=import-cancel]");
    dialog_gone(&wrapper).await;
}

#[wasm_bindgen_test]
async fn the_more_menu_exports_ms_project_xml_that_reads_back_and_an_excel_workbook() {
    let (wrapper, _app) = start_app().await;
    open_example(&wrapper).await;
    let plan = stored_plan();
    let downloads = Downloads::catch();
    click(&wrapper, "[data-testid=export-ms-project]");
    click(&wrapper, "[data-testid=export-xlsx]");
    wait_for("both files", || downloads.caught.borrow().len() == 2).await;

    let xml = String::from_utf8(downloads.bytes("Payments platform migration.xml").await).unwrap();
    let read = mspdi::read(&xml).unwrap_or_else(|error| panic!("the export reads back: {error}"));
    assert_eq!(read.plan.tasks.len(), plan.tasks.len());
    assert_eq!(read.plan.dependencies.len(), plan.dependencies.len());

    let workbook = downloads.bytes("Payments platform migration.xlsx").await;
    assert!(workbook.len() > 1000, "a workbook of {} bytes", workbook.len());
    assert!(workbook.starts_with(b"PK\x03\x04"), "an .xlsx is a zip file");
}

#[wasm_bindgen_test]
async fn a_spreadsheets_columns_are_mapped_by_their_names_and_ambiguous_dates_ask() {
    let (wrapper, _app) = start_app().await;
    choose_file(&wrapper, "sheet.csv", "Task Name,Start,Finish\nDesign,03/04/2027,05/04/2027\n");
    dialog_open(&wrapper, "csv-mapping").await;
    assert!(text(&wrapper, "[data-testid=csv-detected]").contains("mapped by their names"));
    assert!(text(&wrapper, "[data-testid=csv-date-hint]").contains("choose"), "03/04 reads both ways");
    choose_option(&find(&wrapper, "[data-testid=csv-date-order]").unwrap(), "month-first");
    wait_for("the outcome", || ready(&wrapper)).await;
    click(&wrapper, "[data-testid=import-confirm]");
    wait_for("the imported plan", || stored_plan_keys().len() == 1).await;
    let task = stored_plan().tasks.remove(0);
    assert_eq!(task.start_no_earlier_than, chrono::NaiveDate::from_ymd_opt(2027, 3, 4), "month first: 4 March");
}
