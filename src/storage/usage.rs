//! How much of local storage the plans take, counted as the browser counts its quota, and
//! said in words for the plan list. Pure, so it is tested natively.
//!
//! Measured in headless Chromium 156 by writing until `QuotaExceededError`: an origin
//! holds 5,242,880 UTF-16 code units (5 × 1024 × 1024) of keys and values together,
//! whatever the characters (ASCII, Latin-1 or not: one unit each; an emoji two), with
//! no cost per item. MDN gives browsers 5 MiB per origin (Firefox and Safari were not
//! measured here), so the list says "about". A plan file is almost all ASCII, so one unit
//! is about one byte of the file, and sizes are shown in KB and MB of 1,024 units.

use super::PlanMeta;

/// How much an origin may keep in local storage, in UTF-16 code units (Chromium's
/// quota, measured; "about" for other browsers).
pub const QUOTA: u64 = 5 * 1024 * 1024;
/// From here on a bigger save may soon not fit: four fifths of the quota.
pub const NEARLY_FULL: u64 = QUOTA / 5 * 4;

const KILOBYTE: u64 = 1024;
const MEGABYTE: u64 = 1024 * 1024;

/// What storing `value` under `key` takes of the quota.
pub fn stored_size(key: &str, value: &str) -> u64 {
    utf16_length(key) + utf16_length(value)
}

fn utf16_length(text: &str) -> u64 {
    if text.is_ascii() {
        return text.len() as u64;
    }
    text.chars().map(|character| character.len_utf16() as u64).sum()
}

/// What a listed plan takes: its file (recorded when it was saved) and its list entry,
/// keys included.
pub fn plan_size(meta: &PlanMeta) -> u64 {
    let entry = serde_json::to_string(meta).map_or(0, |json| stored_size(&super::meta_key(&meta.id), &json));
    meta.stored_size.unwrap_or(0) + entry
}

/// What the plans and the texts kept aside take together.
pub fn total_size(plans: &[PlanMeta], kept: &[(String, String)]) -> u64 {
    plans.iter().map(plan_size).sum::<u64>() + kept.iter().map(|(key, text)| stored_size(key, text)).sum::<u64>()
}

/// A size for a person: whole KB (at least 1) up to 999 KB, MB with one decimal from
/// there. (Tenths counted in whole numbers: printing a float would bring the standard
/// library's float formatting, several KB, into the first download.)
pub fn describe_size(units: u64) -> String {
    let kilobytes = units.div_ceil(KILOBYTE).max(1);
    if kilobytes < 1000 {
        format!("{kilobytes} KB")
    } else {
        let tenths = (units * 10 + MEGABYTE / 2) / MEGABYTE;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

/// The plans' total against the quota, such as "2.1 MB of about 5 MB".
pub fn describe_usage(total: u64) -> String {
    format!("{} of about {} MB", describe_size(total), QUOTA / MEGABYTE)
}

/// Whether the plans take so much of the quota that a bigger save may soon not fit.
pub fn is_nearly_full(total: u64) -> bool {
    total >= NEARLY_FULL
}

/// Whether a plan's common version (the copy Compare measures whose change is whose
/// against) may be kept: only while everything Planwright keeps, `used` without it, stays
/// under four fifths of the quota with it, so it never takes the room the plans' next
/// saves need. Without it, Compare asks for the file instead.
pub fn common_version_fits(used: u64, size: u64) -> bool {
    !is_nearly_full(used.saturating_add(size))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(id: &str, stored_size: Option<u64>) -> PlanMeta {
        PlanMeta {
            id: id.into(),
            name: "Plan".into(),
            saved: "2027-01-04T10:00:00.000Z".into(),
            revision: 1,
            stored_size,
        }
    }

    #[test]
    fn keys_and_values_count_in_utf16_code_units() {
        assert_eq!(stored_size("key", "value"), 8);
        assert_eq!(stored_size("", "für"), 3, "Latin-1 counts as any other character");
        assert_eq!(stored_size("", "€ 日本"), 4);
        assert_eq!(stored_size("", "😀"), 2, "outside the basic plane: two units");
    }

    #[test]
    fn a_plan_takes_its_file_and_its_list_entry() {
        let listed = meta("abc", Some(26_000));
        let entry = serde_json::to_string(&listed).unwrap();
        assert_eq!(plan_size(&listed), 26_000 + "planwright:meta:abc".len() as u64 + entry.len() as u64);
        let kept = vec![("planwright:kept:x-1".to_string(), "{\"broken".to_string())];
        assert_eq!(total_size(&[listed.clone(), listed.clone()], &kept), 2 * plan_size(&listed) + 19 + 8);
    }

    #[test]
    fn sizes_read_as_kilobytes_or_megabytes() {
        assert_eq!(describe_size(0), "1 KB");
        assert_eq!(describe_size(26_379), "26 KB");
        assert_eq!(describe_size(999 * KILOBYTE), "999 KB");
        assert_eq!(describe_size(999 * KILOBYTE + 1), "1.0 MB");
        assert_eq!(describe_size(MEGABYTE), "1.0 MB");
        assert_eq!(describe_size(2_200_000), "2.1 MB");
        assert_eq!(describe_usage(2_200_000), "2.1 MB of about 5 MB");
        assert_eq!(describe_usage(QUOTA), "5.0 MB of about 5 MB");
    }

    #[test]
    fn nearly_full_from_four_fifths_of_the_quota() {
        assert!(!is_nearly_full(QUOTA * 4 / 5 - 1));
        assert!(is_nearly_full(QUOTA * 4 / 5));
        assert!(is_nearly_full(QUOTA));
    }

    #[test]
    fn a_common_version_is_kept_only_below_four_fifths_of_the_quota() {
        assert!(common_version_fits(0, 60_000));
        assert!(common_version_fits(NEARLY_FULL - 60_001, 60_000));
        assert!(!common_version_fits(NEARLY_FULL - 60_000, 60_000));
        assert!(!common_version_fits(2_000_000, 2_500_000), "a big plan's copy would crowd out its saves");
        assert!(!common_version_fits(u64::MAX, 1));
    }
}
