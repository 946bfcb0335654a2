//! The UIDs an exported file gives tasks and people, stable from one export to the
//! next so that MS Project, when the file is imported again into the same project,
//! updates the tasks rather than adding them twice. A `T12` or `P3` id (what Planwright
//! makes, and what an import from MS Project gives) keeps its number; any other id gets
//! a number from a hash of the id, above every such number.

use std::collections::HashSet;
use std::hash::Hasher;

use crate::model::Plan;

/// Numbers an id like `T12` keeps as its UID: MS Project's UIDs are 32-bit, and 0 is
/// the project's own summary task.
const LARGEST_KEPT_NUMBER: u32 = 999_999_999;
/// Where the UIDs of other ids start.
const HASHED_UIDS_START: u32 = 1_000_000_000;

/// Each task's UID, in the plan's task order.
pub fn task_uids(plan: &Plan) -> Vec<u32> {
    uids(plan.tasks.iter().map(|task| task.id.as_str()), 'T')
}

/// Each person's UID, in the plan's order.
pub fn person_uids(plan: &Plan) -> Vec<u32> {
    uids(plan.people.iter().map(|person| person.id.as_str()), 'P')
}

fn uids<'a>(ids: impl Iterator<Item = &'a str> + Clone, prefix: char) -> Vec<u32> {
    let numbered: Vec<Option<u32>> = ids.clone().map(|id| kept_number(id, prefix)).collect();
    let mut taken: HashSet<u32> = numbered.iter().flatten().copied().collect();
    ids.zip(numbered)
        .map(|(id, number)| {
            number.unwrap_or_else(|| {
                let mut uid = hashed_uid(id);
                while !taken.insert(uid) {
                    uid = HASHED_UIDS_START + (uid - HASHED_UIDS_START + 1) % HASHED_UIDS_START;
                }
                uid
            })
        })
        .collect()
}

/// The number of `T12` (for prefix `T`), when it has no leading zero and is not 0.
fn kept_number(id: &str, prefix: char) -> Option<u32> {
    let digits = id.strip_prefix(prefix)?;
    if digits.starts_with('0') || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|&number| (1..=LARGEST_KEPT_NUMBER).contains(&number))
}

/// A number from the id alone (SipHash with fixed keys: the same in every build).
fn hashed_uid(id: &str) -> u32 {
    let mut hasher = siphasher::sip::SipHasher::new_with_keys(0, 0);
    hasher.write(id.as_bytes());
    HASHED_UIDS_START + (hasher.finish() % u64::from(HASHED_UIDS_START)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_ids_keep_their_number_and_others_get_a_stable_hashed_one() {
        let ids = ["T12", "design-review", "T3", "T007", "T0"];
        let first = uids(ids.iter().copied(), 'T');
        assert_eq!(first[0], 12);
        assert_eq!(first[2], 3);
        assert!(first[1] >= HASHED_UIDS_START && first[3] >= HASHED_UIDS_START && first[4] >= HASHED_UIDS_START);
        let unique: HashSet<u32> = first.iter().copied().collect();
        assert_eq!(unique.len(), ids.len());
        let reordered = uids(["T3", "T0", "design-review"].into_iter(), 'T');
        assert_eq!((reordered[0], reordered[1], reordered[2]), (first[2], first[4], first[1]));
    }
}
