//! Opening a CSV file (Jira's export among them): the mapping step. The dialog shows
//! what was detected (delimiter, encoding, the order of dates, with the choice when it
//! is ambiguous), the first rows, a column for each field of a task (the mapping last
//! used for the same columns, else the Jira preset when its columns are there, else
//! the columns whose names say what they hold), and
//! every problem by row before anything is imported (`csv_import::build_plan`).
//! "Import" opens the plan like any import and remembers the mapping for the next file
//! with the same columns.

use std::sync::Arc;

use leptos::prelude::*;

use super::dialog::{self, ImportDialog};
use super::{problems, read_bytes};
use crate::file::csv_import::{
    build_plan, detect_date_format, guess_mapping, jira_mapping, mapping_key, read_table, CsvImport, CsvTable,
    DateDetection, DateFormat, Field, ImportOptions, Mapping,
};
use crate::file::FileError;
use crate::storage::{self, LocalStore};
use crate::ui::state::PlanContext;

/// Rows shown under the header row.
const PREVIEW_ROWS: usize = 5;
/// Problems listed before the rest are counted.
const PROBLEMS_SHOWN: usize = 50;
const BYTE_ORDER_MARK: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// Reads a CSV file and shows the mapping step (the part behind `open_unless_plan`).
pub fn open_csv(context: PlanContext, file: web_sys::File) {
    let file_name = file.name();
    leptos::task::spawn_local(async move {
        if let Err(error) = crate::file::check_size(file.size() as usize) {
            return context.refuse_import(&file_name, problems(&error));
        }
        let bytes = match read_bytes(&file).await {
            Ok(bytes) => bytes,
            Err(error) => return context.refuse_import(&file_name, vec![error]),
        };
        match read_table(&bytes) {
            Ok(table) => {
                let detected =
                    Detected { delimiter: table.delimiter, byte_order_mark: bytes.starts_with(&BYTE_ORDER_MARK) };
                dialog::show(
                    move || view! { <CsvMapping context=context file_name=file_name table=table detected=detected/> },
                );
            }
            Err(error) => context.refuse_import(&file_name, problems(&error)),
        }
    });
}

/// What was found of the file's form before its rows were read.
#[derive(Clone, Copy)]
struct Detected {
    delimiter: u8,
    byte_order_mark: bool,
}

impl Detected {
    fn describe(self) -> String {
        let delimiter = match self.delimiter {
            b';' => "semicolons",
            b'\t' => "tabs",
            _ => "commas",
        };
        let encoding = if self.byte_order_mark { "UTF-8 with a byte-order mark" } else { "UTF-8" };
        format!("Columns separated by {delimiter}, text in {encoding}.")
    }
}

/// The mapping to start from, and why: the one remembered for these columns, else
/// Jira's, else one from the column names, else none (the user chooses).
fn first_mapping(headers: &[String], columns_key: &str) -> (Mapping, &'static str) {
    if let Some(mapping) = LocalStore::open().ok().and_then(|store| store.csv_mapping(columns_key)) {
        return (mapping, "The columns are mapped as for your last file with these columns.");
    }
    if let Some(mapping) = jira_mapping(headers) {
        return (mapping, "This is a Jira export: its columns are mapped by the Jira preset.");
    }
    if let Some(mapping) = guess_mapping(headers) {
        return (mapping, "The columns are mapped by their names: check each field.");
    }
    (Mapping::default(), "Choose the column of each field; a task needs at least a name.")
}

/// The mapping as the plan is built from it: with the date order in use.
fn with_date_format(mapping: &Mapping, table: &CsvTable) -> Mapping {
    let date_format = mapping.date_format.unwrap_or_else(|| match date_detection(mapping, table) {
        DateDetection::Found(format) => format,
        DateDetection::Ambiguous(formats) => formats.first().copied().unwrap_or(DateFormat::DayFirst),
        DateDetection::Unrecognised => DateFormat::Iso,
    });
    Mapping { date_format: Some(date_format), ..mapping.clone() }
}

/// The order of the dates in the mapped start and finish columns.
fn date_detection(mapping: &Mapping, table: &CsvTable) -> DateDetection {
    let columns: Vec<usize> = [mapping.start, mapping.finish].into_iter().flatten().collect();
    detect_date_format(columns.iter().flat_map(|&column| table.column_values(column)))
}

/// The mapping step of a CSV file.
#[component]
fn CsvMapping(
    /// The app's plan context, which the import opens the plan in.
    context: PlanContext,
    /// The file's name: the plan is named after it.
    file_name: String,
    /// The file's header row and rows.
    table: CsvTable,
    /// The delimiter and encoding found.
    detected: Detected,
) -> impl IntoView {
    let columns_key = mapping_key(&table.headers);
    let (first, origin) = first_mapping(&table.headers, &columns_key);
    let mapping = RwSignal::new(first);
    let options = ImportOptions { plan_name: plan_name_of(&file_name), default_start: storage::today() };
    let table = Arc::new(table);
    let built = {
        let table = table.clone();
        Memo::new(move |_| mapping.with(|mapping| build_plan(&table, &with_date_format(mapping, &table), &options)))
    };
    let on_confirm = {
        let table = table.clone();
        Callback::new(move |()| {
            let Some(import) = built.with_untracked(|built| built.as_ref().ok().cloned()) else { return };
            if let Ok(store) = LocalStore::open() {
                // Best effort: without room the next file is mapped anew.
                let _ =
                    store.remember_csv_mapping(&columns_key, &mapping.with_untracked(|m| with_date_format(m, &table)));
            }
            context.import_plan(&file_name, import.plan);
        })
    };
    let can_confirm = Signal::derive(move || built.with(Result::is_ok));
    let status = Signal::derive(move || built.with(status_line));
    let title = "Import a CSV file".to_string();
    view! {
        <ImportDialog title=title testid="csv-mapping" can_confirm=can_confirm on_confirm=on_confirm status=status>
            <p class="import-dialog__summary" data-testid="csv-detected">{detected.describe()}" "{origin}</p>
            <Preview table=table.clone()/>
            <MappingFields table=table.clone() mapping=mapping/>
            <Outcome built=built/>
        </ImportDialog>
    }
}

/// The plan is named after the file, without its extension ("jira-export" for
/// `jira-export.csv`).
fn plan_name_of(file_name: &str) -> String {
    let stem = file_name.rsplit_once('.').map_or(file_name, |(stem, _)| stem).trim();
    if stem.is_empty() {
        file_name.to_string()
    } else {
        stem.to_string()
    }
}

/// The header row and the first rows, as the file has them.
#[component]
fn Preview(
    /// The file's table.
    table: Arc<CsvTable>,
) -> impl IntoView {
    let shown = table.rows.len().min(PREVIEW_ROWS);
    view! {
        <div class="import-dialog__preview" tabindex="0" role="region" aria-label="The file's first rows">
            <table class="table" data-testid="csv-preview">
                <caption class="visually-hidden">{format!("The first {shown} of {} rows", table.rows.len())}</caption>
                <thead><tr>{table.headers.iter().map(|header| view! { <th scope="col">{header.clone()}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {table.rows.iter().take(PREVIEW_ROWS).map(|row| view! {
                        <tr>{(0..table.headers.len()).map(|column| view! { <td>{row.cell(column).to_string()}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A select per field, and the order of dates.
#[component]
fn MappingFields(
    /// The file's table: its headers are the choices, its dates tell their order.
    table: Arc<CsvTable>,
    /// The mapping the user edits.
    mapping: RwSignal<Mapping>,
) -> impl IntoView {
    let choices: Arc<Vec<String>> = Arc::new(column_choices(&table.headers));
    view! {
        <fieldset class="import-dialog__mapping">
            <legend>"Which column holds each field"</legend>
            {Field::ALL.into_iter().map(|field| view! { <ColumnChoice field=field choices=choices.clone() mapping=mapping/> }).collect_view()}
            <DateOrder table=table mapping=mapping/>
        </fieldset>
    }
}

/// The options of a column select: the header, with its place when two share a name.
fn column_choices(headers: &[String]) -> Vec<String> {
    headers
        .iter()
        .enumerate()
        .map(|(column, header)| {
            let shared = headers.iter().filter(|other| *other == header).count() > 1;
            let name = if header.is_empty() { "(no name)" } else { header.as_str() };
            if shared {
                format!("{name} (column {})", column + 1)
            } else {
                name.to_string()
            }
        })
        .collect()
}

/// The column of one field.
#[component]
fn ColumnChoice(
    /// The field chosen for.
    field: Field,
    /// The columns, by position.
    choices: Arc<Vec<String>>,
    /// The mapping the choice changes.
    mapping: RwSignal<Mapping>,
) -> impl IntoView {
    let id = format!("csv-field-{}", field.key());
    let (chosen, more) = mapping.with_untracked(|mapping| (field.column(mapping), field.more_columns(mapping)));
    let choose = move |event: leptos::ev::Event| {
        let column = event_target_value(&event).parse().ok();
        mapping.update(|mapping| field.set(mapping, column));
    };
    view! {
        <label class="import-dialog__label" for=id.clone()>{field.label()}</label>
        <span class="import-dialog__choice">
            <select id=id.clone() class="input" data-testid=id on:change=choose>
                <option value="" selected=chosen.is_none()>"(none)"</option>
                {choices.iter().enumerate().map(|(column, name)| view! {
                    <option value=column.to_string() selected=chosen == Some(column)>{name.clone()}</option>
                }).collect_view()}
            </select>
            {(more > 0).then(|| view! { <span class="import-dialog__hint">{more_columns(more)}</span> })}
        </span>
    }
}

/// "+ 1 more column": the preset's other columns for the field, read as well.
fn more_columns(more: usize) -> String {
    match more {
        1 => "+ 1 more column of the preset".to_string(),
        more => format!("+ {more} more columns of the preset"),
    }
}

/// How the dates are written, found from the mapped date columns, with the choice when
/// both day first and month first read them.
#[component]
fn DateOrder(
    /// The file's table, whose date columns tell the order.
    table: Arc<CsvTable>,
    /// The mapping whose date format the choice sets.
    mapping: RwSignal<Mapping>,
) -> impl IntoView {
    let detection = Memo::new(move |_| mapping.with(|mapping| date_detection(mapping, &table)));
    let in_use = move || {
        mapping.with(|mapping| mapping.date_format).or_else(|| match detection.get() {
            DateDetection::Found(format) => Some(format),
            DateDetection::Ambiguous(formats) => formats.first().copied(),
            DateDetection::Unrecognised => None,
        })
    };
    let chosen = move || mapping.with(|mapping| mapping.date_format.is_some());
    let hint = move || match detection.get() {
        DateDetection::Ambiguous(_) => "Both day first and month first read every date: choose which the file uses.",
        DateDetection::Found(_) if !chosen() => "Found from the date columns.",
        _ => "",
    };
    let choose = move |event: leptos::ev::Event| {
        let format = date_format_of(&event_target_value(&event));
        mapping.update(|mapping| mapping.date_format = format);
    };
    view! {
        <label class="import-dialog__label" for="csv-date-order">"Dates"</label>
        <span class="import-dialog__choice">
            <select id="csv-date-order" class="input" data-testid="csv-date-order" prop:value=move || date_format_value(in_use()) on:change=choose>
                <option value="iso">"Year first (2027-01-04)"</option>
                <option value="day-first">"Day first (04/01/2027)"</option>
                <option value="month-first">"Month first (01/04/2027)"</option>
            </select>
            <span class="import-dialog__hint" class:import-dialog__hint--ask=move || matches!(detection.get(), DateDetection::Ambiguous(_)) data-testid="csv-date-hint">{hint}</span>
        </span>
    }
}

fn date_format_value(format: Option<DateFormat>) -> &'static str {
    match format {
        Some(DateFormat::DayFirst) => "day-first",
        Some(DateFormat::MonthFirst) => "month-first",
        _ => "iso",
    }
}

fn date_format_of(value: &str) -> Option<DateFormat> {
    match value {
        "iso" => Some(DateFormat::Iso),
        "day-first" => Some(DateFormat::DayFirst),
        "month-first" => Some(DateFormat::MonthFirst),
        _ => None,
    }
}

/// What the import leaves out (notes), or every problem by row.
#[component]
fn Outcome(
    /// The plan built from the table and the mapping, or its problems.
    built: Memo<Result<CsvImport, FileError>>,
) -> impl IntoView {
    move || {
        built.with(|built| match built {
            // What "Import" would give is said beside it; here only what it leaves out.
            Ok(import) => (!import.notes.is_empty())
                .then(|| {
                    view! {
                        <p>"Noted, not problems:"</p>
                        <ul class="import-dialog__notes" data-testid="csv-notes">
                            {import.notes.iter().map(|note| view! { <li>{note.clone()}</li> }).collect_view()}
                        </ul>
                    }
                })
                .into_any(),
            Err(error) => {
                let lines = problems(error);
                let more = lines.len().saturating_sub(PROBLEMS_SHOWN);
                view! {
                    <p class="import-dialog__problem" role="alert">"Nothing can be imported until these are solved (in the mapping, or in the file):"</p>
                    <ul class="import-dialog__problems" data-testid="csv-problems">
                        {lines.into_iter().take(PROBLEMS_SHOWN).map(|line| view! { <li>{line}</li> }).collect_view()}
                        {(more > 0).then(|| view! { <li>{format!("and {more} more")}</li> })}
                    </ul>
                }
                .into_any()
            }
        })
    }
}

/// What "Import" would give ("Ready to import: 10 tasks, 4 links and 3 people."), or
/// how many problems stand in the way.
fn status_line(built: &Result<CsvImport, FileError>) -> String {
    match built {
        Ok(CsvImport { plan, .. }) => format!(
            "Ready to import: {} tasks, {} links and {} people.",
            plan.tasks.len(),
            plan.dependencies.len(),
            plan.people.len()
        ),
        Err(error) if error.problems.len() == 1 => "1 problem to solve before the import (listed above).".into(),
        Err(error) => format!("{} problems to solve before the import (listed above).", error.problems.len()),
    }
}

impl Field {
    const ALL: [Field; 13] = [
        Field::Name,
        Field::Id,
        Field::Parent,
        Field::OutlineNumber,
        Field::Duration,
        Field::Start,
        Field::Finish,
        Field::Predecessors,
        Field::Successors,
        Field::Progress,
        Field::Owner,
        Field::Notes,
        Field::Kind,
    ];

    fn label(self) -> &'static str {
        match self {
            Field::Name => "Name (required)",
            Field::Id => "Id",
            Field::Parent => "Parent (its id)",
            Field::OutlineNumber => "Outline number (1.2.3)",
            Field::Duration => "Duration (5, 5d, 2w)",
            Field::Start => "Start",
            Field::Finish => "Finish (or due date)",
            Field::Predecessors => "Predecessors (3FS+2d)",
            Field::Successors => "Successors (blocks)",
            Field::Progress => "Progress (%)",
            Field::Owner => "Owner (Responsible)",
            Field::Notes => "Notes",
            Field::Kind => "Kind (\u{201c}milestone\u{201d})",
        }
    }

    /// The field's name in ids and test ids.
    fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Id => "id",
            Field::Parent => "parent",
            Field::OutlineNumber => "outline",
            Field::Duration => "duration",
            Field::Start => "start",
            Field::Finish => "finish",
            Field::Predecessors => "predecessors",
            Field::Successors => "successors",
            Field::Progress => "progress",
            Field::Owner => "owner",
            Field::Notes => "notes",
            Field::Kind => "kind",
        }
    }

    /// The columns of the field: one, or several for parents and links (Jira's).
    fn columns(self, mapping: &Mapping) -> Vec<usize> {
        let single = |column: Option<usize>| column.into_iter().collect();
        match self {
            Field::Name => single(mapping.name),
            Field::Id => single(mapping.id),
            Field::Parent => mapping.parents.clone(),
            Field::OutlineNumber => single(mapping.outline_number),
            Field::Duration => single(mapping.duration),
            Field::Start => single(mapping.start),
            Field::Finish => single(mapping.finish),
            Field::Predecessors => mapping.predecessors.clone(),
            Field::Successors => mapping.successors.clone(),
            Field::Progress => single(mapping.progress),
            Field::Owner => single(mapping.owner),
            Field::Notes => single(mapping.notes),
            Field::Kind => single(mapping.kind),
        }
    }

    fn column(self, mapping: &Mapping) -> Option<usize> {
        self.columns(mapping).first().copied()
    }

    /// Columns beyond the first that the field reads (a preset's), kept until changed.
    fn more_columns(self, mapping: &Mapping) -> usize {
        self.columns(mapping).len().saturating_sub(1)
    }

    /// Maps the field to one column, or none.
    fn set(self, mapping: &mut Mapping, column: Option<usize>) {
        let several = column.into_iter().collect();
        match self {
            Field::Name => mapping.name = column,
            Field::Id => mapping.id = column,
            Field::Parent => mapping.parents = several,
            Field::OutlineNumber => mapping.outline_number = column,
            Field::Duration => mapping.duration = column,
            Field::Start => mapping.start = column,
            Field::Finish => mapping.finish = column,
            Field::Predecessors => mapping.predecessors = several,
            Field::Successors => mapping.successors = several,
            Field::Progress => mapping.progress = column,
            Field::Owner => mapping.owner = column,
            Field::Notes => mapping.notes = column,
            Field::Kind => mapping.kind = column,
        }
    }
}
