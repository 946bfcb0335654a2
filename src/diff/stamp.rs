//! What tells two copies of one plan apart: the file's own record of its last saved
//! change (revision, day, and who made it), and the name a person gives once in their
//! browser to be recorded as `saved_by` on the copies they save.

use chrono::NaiveDate;

use crate::model::text::shows_nothing;
use crate::model::validate::MAX_NAME_CHARS;
use crate::model::Plan;

/// Which copy is which, as the file records it: enough to tell two copies apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanStamp {
    pub name: String,
    pub revision: u64,
    pub modified: Option<NaiveDate>,
    /// Who made the last saved change, when the copy records it.
    pub saved_by: Option<String>,
}

impl PlanStamp {
    pub fn of(plan: &Plan) -> Self {
        Self {
            name: plan.name.clone(),
            revision: plan.revision,
            modified: plan.modified,
            saved_by: plan.saved_by.clone(),
        }
    }
}

impl std::fmt::Display for PlanStamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\"{}\", revision {}", self.name, self.revision)?;
        match self.modified {
            Some(date) => write!(f, ", modified {date}")?,
            None => f.write_str(", never saved with a date")?,
        }
        match &self.saved_by {
            Some(name) => write!(f, ", saved by {name}"),
            None => Ok(()),
        }
    }
}

/// The name a person types to be recorded on the copies they save: trimmed; nothing
/// (`Ok(None)`) forgets it. Refused, with the reason, when the file could not hold it.
pub fn author_name(typed: &str) -> Result<Option<String>, String> {
    let name = typed.trim();
    if shows_nothing(name) {
        return Ok(None);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!("a name can have at most {MAX_NAME_CHARS} characters"));
    }
    if name.chars().any(char::is_control) {
        return Err("a name is one line of text".into());
    }
    Ok(Some(name.to_string()))
}
