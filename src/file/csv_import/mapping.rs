//! Which column of a CSV file holds which field of a task, and the key a mapping is
//! remembered under for the next file with the same columns.

use std::hash::Hasher;

use serde::{Deserialize, Serialize};

use super::DateFormat;

/// Columns by their position in the header row. Several columns may hold parents
/// (the first non-empty wins: Jira's Parent, then its Epic Link) and links (Jira
/// repeats its link columns).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    /// The task's name: required.
    pub name: Option<usize>,
    /// The row's id, which parents and predecessors refer to (row numbers when unmapped).
    pub id: Option<usize>,
    /// A second id the other rows may refer to (Jira's numeric "Issue id").
    pub other_id: Option<usize>,
    /// The id of the summary task a row belongs to.
    pub parents: Vec<usize>,
    /// `1.2.3`: the outline number, an alternative to parents.
    pub outline_number: Option<usize>,
    /// Working days (`5`, `5d`, `2w`, `16h`).
    pub duration: Option<usize>,
    pub start: Option<usize>,
    /// With a start, the finish gives the duration; alone, it is a deadline.
    pub finish: Option<usize>,
    /// MS Project's form: `3FS+2d, 5`.
    pub predecessors: Vec<usize>,
    /// Rows this row comes before (Jira's "blocks"): finish-to-start links.
    pub successors: Vec<usize>,
    /// Percent complete (`50`, `50%`).
    pub progress: Option<usize>,
    /// A person's name: made Responsible for the task.
    pub owner: Option<usize>,
    pub notes: Option<usize>,
    /// A row whose value here is "milestone" is a milestone.
    pub kind: Option<usize>,
    /// How the start and finish columns write dates; asked of the user when ambiguous.
    pub date_format: Option<DateFormat>,
}

/// The key a mapping is remembered under: the same for every file with the same
/// column names in the same order (case and surrounding spaces aside).
pub fn mapping_key(headers: &[String]) -> String {
    let mut hasher = siphasher::sip::SipHasher::new_with_keys(0, 0);
    for header in headers {
        hasher.write(header.trim().to_lowercase().as_bytes());
        hasher.write_u8(0x1f);
    }
    format!("csv-columns-{}-{:016x}", headers.len(), hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_columns_give_the_same_key_and_others_another() {
        let headers = |names: &[&str]| names.iter().map(|name| name.to_string()).collect::<Vec<_>>();
        let key = mapping_key(&headers(&["Name", "Duration"]));
        assert_eq!(key, mapping_key(&headers(&[" name ", "DURATION"])));
        assert_ne!(key, mapping_key(&headers(&["Duration", "Name"])));
        assert!(key.starts_with("csv-columns-2-"));
    }
}
