//! The portfolio file: which plans a portfolio holds and which people across them are
//! one person, read strictly and written deterministically, like a plan file:
//!
//! ```json
//! {
//!   "format": "planwright-portfolio",
//!   "version": 1,
//!   "plans": [{ "id": "pl-4f9c2a1b", "file": "platform.plan.json" }, { "id": "pl-0b7e5d13" }],
//!   "people": [{ "name": "Maya Okafor",
//!                "plans": [{ "plan": "pl-4f9c2a1b", "person": "P3" }, { "plan": "pl-0b7e5d13", "person": "P1" }] }]
//! }
//! ```
//!
//! A plan is referred to by its id, and by its file name when it came from a file (one
//! kept in the browser has none). `people` (confirmed links between the people of
//! several plans) and `overload_threshold` (the workload's limit, 3 unless set) are left
//! out while empty or default. Every refusal names its JSON path.

use std::marker::PhantomData;

use serde::de::DeserializeSeed;
use serde::{Deserialize, Serialize};

use crate::file::{check_size, FileError, FileErrorKind, FileProblem};
use crate::model::hashing::IdSet;
use crate::model::text::{quoted, shortened, shows_nothing};
use crate::model::validate::{check_id, MAX_NAME_CHARS};
use crate::model::{ObjectOnly, PersonId, PlanId, PlanSettings};

/// The value of the file's `format` field.
pub const FORMAT: &str = "planwright-portfolio";
/// The version this build writes, and the newest it reads.
pub const CURRENT_VERSION: u64 = 1;
/// Most plans a portfolio file may list.
pub const MAX_PLANS: usize = 200;

/// What a portfolio file holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortfolioFile {
    pub plans: Vec<PlanRef>,
    pub people: Vec<PersonLink>,
    /// More Responsible tasks at once than this flags a person in the workload.
    pub overload_threshold: u32,
}

impl Default for PortfolioFile {
    fn default() -> Self {
        Self { plans: Vec::new(), people: Vec::new(), overload_threshold: default_threshold() }
    }
}

/// A plan of the portfolio: its id, and the name of its file when it came from one.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanRef {
    pub id: PlanId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

impl std::fmt::Display for PlanRef {
    /// `pl-4f9c2a1b (platform.plan.json)`, or the id alone.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", shortened(self.id.as_str()))?;
        match &self.file {
            Some(file) => write!(f, " ({})", shortened(file)),
            None => Ok(()),
        }
    }
}

/// One person across several plans, as the user confirmed: who they are in each.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonLink {
    /// The name the portfolio shows for them.
    pub name: String,
    #[serde(deserialize_with = "crate::model::list_of_objects")]
    pub plans: Vec<PersonRef>,
}

/// A person of one plan, by the plan's id and the person's id there.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonRef {
    pub plan: PlanId,
    pub person: PersonId,
}

/// Reads a portfolio file, or says precisely what is wrong with it.
pub fn parse(text: &str) -> Result<PortfolioFile, FileError> {
    check_size(text.len())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let head: Head = serde_json::from_str(text).map_err(|error| whole_refused(text, &error))?;
    head.check()?;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let mut track = serde_path_to_error::Track::new();
    let tracked = serde_path_to_error::Deserializer::new(&mut deserializer, &mut track);
    let read: Written = match ObjectOnly::<Written>(PhantomData).deserialize(tracked) {
        Ok(read) => deserializer.end().map(|()| read).map_err(|error| FileError::in_document(None, &error))?,
        Err(error) => return Err(FileError::in_document(Some(&track.path()), &error)),
    };
    let file = PortfolioFile { plans: read.plans, people: read.people, overload_threshold: read.overload_threshold };
    let problems = validate(&file);
    if !problems.is_empty() {
        return Err(FileError { kind: FileErrorKind::Invalid, problems });
    }
    Ok(file)
}

/// The file, pretty-printed with a fixed field order and a newline at the end: the same
/// portfolio always gives the same bytes.
pub fn to_json(file: &PortfolioFile) -> String {
    let written = Written {
        format: FORMAT.into(),
        version: CURRENT_VERSION,
        plans: file.plans.clone(),
        people: file.people.clone(),
        overload_threshold: file.overload_threshold,
    };
    // String keys and no floats: serializing to memory cannot fail.
    let mut text = serde_json::to_string_pretty(&written).expect("a portfolio always serializes");
    text.push('\n');
    text
}

/// The file as written and as read, field by field.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Written {
    format: String,
    version: u64,
    #[serde(deserialize_with = "crate::model::list_of_objects")]
    plans: Vec<PlanRef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "crate::model::list_of_objects")]
    people: Vec<PersonLink>,
    #[serde(default = "default_threshold", skip_serializing_if = "is_default_threshold")]
    overload_threshold: u32,
}

fn default_threshold() -> u32 {
    PlanSettings::default().overload_threshold
}

fn is_default_threshold(threshold: &u32) -> bool {
    *threshold == default_threshold()
}

/// The format and version, read first so that another kind of file, or a newer one, is
/// told so rather than refused field by field.
#[derive(Deserialize)]
struct Head {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

impl Head {
    fn check(&self) -> Result<(), FileError> {
        match self.format.as_ref().and_then(serde_json::Value::as_str) {
            Some(FORMAT) => {}
            Some(crate::file::FORMAT) => {
                return Err(not_a_portfolio(
                    "it is a plan file: open it as a plan, or add it to a portfolio as one of its plans",
                ))
            }
            Some(other) => return Err(not_a_portfolio(&format!("its \"format\" is {}", quoted(other)))),
            None => return Err(not_a_portfolio(&format!("it has no \"format\": \"{FORMAT}\" field"))),
        }
        match self.version.as_ref().and_then(serde_json::Value::as_u64) {
            Some(version) if version > CURRENT_VERSION => Err(FileError {
                kind: FileErrorKind::NewerVersion,
                problems: vec![FileProblem::at(
                    "version",
                    format!(
                        "this portfolio was made by a newer version of Planwright (version {version}; this build \
                         reads up to version {CURRENT_VERSION}). Open it in the newer version."
                    ),
                )],
            }),
            Some(1..) => Ok(()),
            _ => Err(FileError {
                kind: FileErrorKind::Structure,
                problems: vec![FileProblem::at("version", "must be a whole number from 1")],
            }),
        }
    }
}

fn not_a_portfolio(why: &str) -> FileError {
    FileError {
        kind: FileErrorKind::NotPlanwright,
        problems: vec![FileProblem::message(format!("this is not a Planwright portfolio file: {why}"))],
    }
}

/// Why the text is refused before its fields are looked at: not JSON, or not an object.
fn whole_refused(text: &str, error: &serde_json::Error) -> FileError {
    if error.is_data() {
        return not_a_portfolio("it is JSON, but not an object");
    }
    if text.trim().is_empty() {
        return FileError { kind: FileErrorKind::Syntax, problems: vec![FileProblem::message("the file is empty")] };
    }
    FileError::in_document(None, error)
}

/// The rules between the file's items, each refusal at its path.
fn validate(file: &PortfolioFile) -> Vec<FileProblem> {
    let mut problems = Vec::new();
    if file.plans.len() > MAX_PLANS {
        problems.push(FileProblem::at("plans", format!("lists {} plans; at most {MAX_PLANS}", file.plans.len())));
    }
    let mut listed: IdSet<(&str, Option<&str>)> = IdSet::default();
    for (index, plan) in file.plans.iter().enumerate() {
        let path = format!("plans[{index}]");
        if let Err(message) = check_id(plan.id.as_str(), PlanId::PREFIX) {
            problems.push(FileProblem::at(format!("{path}.id"), message));
        }
        if let Some(message) = plan.file.as_deref().and_then(file_name_problem) {
            problems.push(FileProblem::at(format!("{path}.file"), message));
        }
        if !listed.insert((plan.id.as_str(), plan.file.as_deref())) {
            problems.push(FileProblem::at(path, format!("lists {plan} twice")));
        }
    }
    if !PlanSettings::RANGE.contains(&file.overload_threshold) {
        let (low, high) = (PlanSettings::RANGE.start(), PlanSettings::RANGE.end());
        problems.push(FileProblem::at(
            "overload_threshold",
            format!("must be from {low} to {high}, not {}", file.overload_threshold),
        ));
    }
    validate_people(file, &mut problems);
    problems
}

/// What is wrong with a file name, if anything: it must show, fit on a line and be short.
fn file_name_problem(name: &str) -> Option<String> {
    if shows_nothing(name) {
        Some("must not be empty".into())
    } else if name.chars().count() > MAX_NAME_CHARS {
        Some(format!("is longer than {MAX_NAME_CHARS} characters"))
    } else if name.chars().any(char::is_control) {
        Some(format!("{} holds a control character", quoted(name)))
    } else {
        None
    }
}

/// Each person link: a name, at least two plans the file lists, one person per plan,
/// and no person in two links.
fn validate_people(file: &PortfolioFile, problems: &mut Vec<FileProblem>) {
    let plans: IdSet<&str> = file.plans.iter().map(|plan| plan.id.as_str()).collect();
    let mut linked: IdSet<(&str, &str)> = IdSet::default();
    for (index, link) in file.people.iter().enumerate() {
        let path = format!("people[{index}]");
        if shows_nothing(&link.name) || link.name.chars().count() > MAX_NAME_CHARS {
            problems.push(FileProblem::at(format!("{path}.name"), "must be a name of 1 to 500 characters"));
        }
        if link.plans.len() < 2 {
            problems.push(FileProblem::at(
                format!("{path}.plans"),
                "must name the person in at least two plans: a link joins one person across plans",
            ));
        }
        let mut plans_of_link: IdSet<&str> = IdSet::default();
        for (entry, member) in link.plans.iter().enumerate() {
            let path = format!("{path}.plans[{entry}]");
            if !plans.contains(member.plan.as_str()) {
                problems.push(FileProblem::at(
                    format!("{path}.plan"),
                    format!("refers to plan {}, which the portfolio does not list", shortened(member.plan.as_str())),
                ));
            }
            if let Err(message) = check_id(member.person.as_str(), PersonId::PREFIX) {
                problems.push(FileProblem::at(format!("{path}.person"), message));
            }
            if !plans_of_link.insert(member.plan.as_str()) {
                problems.push(FileProblem::at(
                    path.clone(),
                    format!(
                        "names a second person of plan {}: a person is one person in each plan",
                        shortened(member.plan.as_str())
                    ),
                ));
            }
            if !linked.insert((member.plan.as_str(), member.person.as_str())) {
                problems.push(FileProblem::at(
                    path,
                    format!(
                        "{} of plan {} is in another link already",
                        shortened(member.person.as_str()),
                        shortened(member.plan.as_str())
                    ),
                ));
            }
        }
    }
}
