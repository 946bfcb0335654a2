//! Browser local storage: the one place plans are kept between visits. Every plan
//! goes in and out through `file::to_json` and `file::parse`, so a stored plan is
//! held to exactly the rules of an imported file.
//!
//! Keys:
//! - `planwright:plan:<id>`: a plan file;
//! - `planwright:meta:<id>`: its name, when it was saved and its revision (for the
//!   plan list, and so that a tab never overwrites a newer save made by another tab);
//! - `planwright:current`: the id of the plan last open;
//! - `planwright:kept:<id>`: text that could not be read, kept aside for download.

use wasm_bindgen::JsCast;

const PLAN_PREFIX: &str = "planwright:plan:";
const META_PREFIX: &str = "planwright:meta:";
const KEPT_PREFIX: &str = "planwright:kept:";
const CURRENT_KEY: &str = "planwright:current";

/// Why storage failed. Never a panic: every caller shows the message and carries on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// Local storage cannot be reached (private mode, a sandboxed frame, disabled).
    Unavailable(String),
    /// The browser's storage quota is full.
    QuotaExceeded,
    /// Any other failure the browser reported.
    Failed(String),
    /// Another tab saved this plan since this tab loaded or saved it: saving would
    /// overwrite that work, so nothing was written.
    NewerRevision { stored: u64, known: u64 },
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Unavailable(why) => write!(f, "this browser's local storage cannot be used ({why})"),
            Self::QuotaExceeded => f.write_str("this browser's local storage is full"),
            Self::Failed(why) => write!(f, "the browser refused to save ({why})"),
            Self::NewerRevision { stored, known } => write!(
                f,
                "another tab saved this plan since this tab last did (revision {stored}, this tab has {known})"
            ),
        }
    }
}

/// Classifies a storage exception. Browsers name a full quota differently:
/// Chromium `QuotaExceededError` (code 22), Firefox `NS_ERROR_DOM_QUOTA_REACHED`
/// (code 1014), old WebKit only code 22.
pub fn classify_error(error: &wasm_bindgen::JsValue) -> StorageError {
    if let Some(exception) = error.dyn_ref::<web_sys::DomException>() {
        let name = exception.name();
        let code = exception.code();
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" || code == 22 || code == 1014 {
            return StorageError::QuotaExceeded;
        }
    }
    StorageError::Failed(describe_js_error(error))
}

/// What the browser said when it threw `error`, for a message: an exception's
/// `Name: message`, a thrown string as it is. (Not `Debug` formatting: the release
/// build's `Debug` writes nothing, see `release_build` in xtask.)
pub fn describe_js_error(error: &wasm_bindgen::JsValue) -> String {
    if let Some(text) = error.as_string() {
        return text;
    }
    if let Some(exception) = error.dyn_ref::<js_sys::Error>() {
        return format!("{}: {}", String::from(exception.name()), String::from(exception.message()));
    }
    if let Some(exception) = error.dyn_ref::<web_sys::DomException>() {
        return format!("{}: {}", exception.name(), exception.message());
    }
    "an error without a message".to_string()
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
}

/// A plan list entry from its stored JSON (unknown fields are skipped; `revision` may be
/// missing), or `None` when it does not read.
fn plan_meta_from_json(text: &str) -> Option<PlanMeta> {
    serde_json::from_str(text).ok()
}

/// The stored JSON of a plan list entry.
fn plan_meta_to_json(meta: &PlanMeta) -> String {
    serde_json::to_string(meta).unwrap_or_default()
}

/// Local storage, reached without panicking.
#[derive(Clone)]
pub struct LocalStore {
    storage: web_sys::Storage,
}

impl LocalStore {
    /// Opens local storage, or says why it cannot be used.
    pub fn open() -> Result<Self, StorageError> {
        let window = web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
        match window.local_storage() {
            Ok(Some(storage)) => Ok(Self { storage }),
            Ok(None) => Err(StorageError::Unavailable("the browser offers none".into())),
            Err(error) => Err(StorageError::Unavailable(match classify_error(&error) {
                StorageError::Failed(why) => why,
                other => other.to_string(),
            })),
        }
    }

    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.storage.get_item(key).map_err(|error| classify_error(&error))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.storage.set_item(key, value).map_err(|error| classify_error(&error))
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.storage.remove_item(key).map_err(|error| classify_error(&error))
    }

    fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        let length = self.storage.length().unwrap_or(0);
        (0..length)
            .filter_map(|index| self.storage.key(index).ok().flatten())
            .filter(|key| key.starts_with(prefix))
            .collect()
    }

    /// The stored plans, most recently saved first.
    pub fn list_plans(&self) -> Vec<PlanMeta> {
        let mut plans: Vec<PlanMeta> = self
            .keys_with_prefix(PLAN_PREFIX)
            .into_iter()
            .map(|key| {
                let id = key[PLAN_PREFIX.len()..].to_string();
                let meta =
                    self.get(&format!("{META_PREFIX}{id}")).ok().flatten().and_then(|text| plan_meta_from_json(&text));
                meta.unwrap_or_else(|| PlanMeta { name: format!("Plan {id}"), saved: String::new(), id, revision: 0 })
            })
            .collect();
        crate::model::sorting::sort_by(&mut plans, |a, b| b.saved.cmp(&a.saved).then_with(|| a.name.cmp(&b.name)));
        plans
    }

    /// The stored text of a plan (parse it with `file::parse`).
    pub fn load_plan_text(&self, id: &str) -> Result<Option<String>, StorageError> {
        self.get(&format!("{PLAN_PREFIX}{id}"))
    }

    /// The list entry of a stored plan, if it has a readable one.
    pub fn plan_meta(&self, id: &str) -> Option<PlanMeta> {
        let text = self.get(&format!("{META_PREFIX}{id}")).ok().flatten()?;
        plan_meta_from_json(&text)
    }

    /// The revision of a stored plan (0 when it has none yet).
    pub fn stored_revision(&self, id: &str) -> u64 {
        self.plan_meta(id).map_or(0, |meta| meta.revision)
    }

    /// Saves a plan file's text and its list entry, and returns that entry. `known` is
    /// the revision the caller last loaded or saved: when storage holds a later one,
    /// another tab saved in between, and nothing is written. On any failure the
    /// previous save of this plan is left as it was.
    pub fn save_plan(&self, id: &str, name: &str, text: &str, known: u64) -> Result<PlanMeta, StorageError> {
        let stored = self.stored_revision(id);
        if stored > known {
            return Err(StorageError::NewerRevision { stored, known });
        }
        self.set(&format!("{PLAN_PREFIX}{id}"), text)?;
        let meta = PlanMeta { id: id.to_string(), name: name.to_string(), saved: now_iso(), revision: stored + 1 };
        let meta_text = plan_meta_to_json(&meta);
        // The plan list can do without the entry, but revisions cannot: without it another
        // tab could not tell this save from an older one. Written after the plan, so a tab
        // told of the new revision (the `storage` event) reads the new text.
        self.set(&format!("{META_PREFIX}{id}"), &meta_text)?;
        Ok(meta)
    }

    pub fn delete_plan(&self, id: &str) -> Result<(), StorageError> {
        self.remove(&format!("{PLAN_PREFIX}{id}"))?;
        self.remove(&format!("{META_PREFIX}{id}"))
    }

    /// Whether a storage key is the list entry of a plan, and which.
    pub fn plan_id_of_meta_key(key: &str) -> Option<&str> {
        key.strip_prefix(META_PREFIX)
    }

    /// Whether a storage key holds a plan, and which.
    pub fn plan_id_of_plan_key(key: &str) -> Option<&str> {
        key.strip_prefix(PLAN_PREFIX)
    }

    pub fn current_plan_id(&self) -> Option<String> {
        self.get(CURRENT_KEY).ok().flatten()
    }

    pub fn set_current_plan_id(&self, id: Option<&str>) -> Result<(), StorageError> {
        match id {
            Some(id) => self.set(CURRENT_KEY, id),
            None => self.remove(CURRENT_KEY),
        }
    }

    /// Moves an unreadable plan aside under its own key, so nothing overwrites it.
    /// When the copy cannot be written, the original stays where it is.
    pub fn keep_aside(&self, id: &str, text: &str) -> Result<String, StorageError> {
        let key = format!("{KEPT_PREFIX}{id}-{}", js_sys::Date::now() as u64);
        self.set(&key, text)?;
        self.delete_plan(id)?;
        Ok(key)
    }

    /// Texts kept aside, as (key, text).
    pub fn kept_aside(&self) -> Vec<(String, String)> {
        self.keys_with_prefix(KEPT_PREFIX)
            .into_iter()
            .filter_map(|key| self.get(&key).ok().flatten().map(|text| (key, text)))
            .collect()
    }

    pub fn discard_kept(&self, key: &str) -> Result<(), StorageError> {
        self.remove(key)
    }
}

/// A fresh id for a stored plan: time plus randomness, so two tabs never collide.
pub fn new_plan_id() -> String {
    let time = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 1_000_000.0) as u64;
    format!("{time:x}{random:05x}")
}

pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Today's date in the user's time zone.
pub fn today() -> chrono::NaiveDate {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or_default()
}
