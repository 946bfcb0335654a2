//! Browser local storage: the one place plans are kept between visits. Every plan
//! goes in through `file::to_json_compact` and out through `file::parse`, so a stored
//! plan is held to exactly the rules of an imported file.
//!
//! Keys:
//! - `planwright:plan:<id>`: a plan file, compact (no indentation; older saves are
//!   pretty and read the same);
//! - `planwright:meta:<id>`: its name, when it was saved, its revision (for the plan
//!   list, and so that a tab never overwrites a newer save made by another tab) and how
//!   much storage its file takes;
//! - `planwright:current`: the id of the plan last open;
//! - `planwright:kept:<id>`: text that could not be read, kept aside for download;
//! - `planwright:common:<id>`: the plan's common version with the copies it was sent as
//!   or came from (the version last exported or imported, compact), which Compare
//!   measures whose change is whose against; kept only while there is room
//!   (`usage::common_version_fits`);
//! - `planwright:author`: the name this browser's user gave, recorded as `saved_by` on
//!   the copies they save;
//! - `planwright:theme`: the colour theme chosen in this browser (`session::Theme`:
//!   `light` or `dark`; none kept for the system's). index.html reads it too, before the
//!   app starts, so a page never shows in the other theme first.
//!
//! The browser part (`LocalStore`, through gloo-storage) exists only in the wasm build;
//! the errors, the plan list entry and the storage accounting are plain Rust, tested
//! natively.

mod error;
#[cfg(target_arch = "wasm32")]
mod local;
pub mod usage;

pub use error::{classify, StorageError};
#[cfg(target_arch = "wasm32")]
pub use local::{describe_js_error, new_plan_id, now_iso, stored_text_of_current_plan, today, LocalStore};

const META_PREFIX: &str = "planwright:meta:";

/// The key of a plan's list entry.
fn meta_key(id: &str) -> String {
    format!("{META_PREFIX}{id}")
}

/// What the plan list shows of a stored plan.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PlanMeta {
    pub id: String,
    pub name: String,
    /// When it was last saved, as an ISO timestamp.
    pub saved: String,
    /// How many times it was saved; each save adds one. Lists written before revisions
    /// were kept read as 0.
    #[serde(default)]
    pub revision: u64,
    /// How much of local storage the plan's file and its key take (`usage::stored_size`).
    /// Entries written before sizes were kept have none until the plan is listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stored_size: Option<u64>,
}

impl PlanMeta {
    /// The entry of a stored plan whose own entry is missing or unreadable.
    pub fn unlisted(id: String) -> Self {
        Self { name: format!("Plan {id}"), saved: String::new(), id, revision: 0, stored_size: None }
    }
}
