//! Local storage through gloo-storage's `LocalStorage`, reached only through a
//! `LocalStore`, which `LocalStore::open` hands out after checking once that storage
//! can be used: gloo-storage panics when it cannot (`LocalStorage::raw` and its
//! `expect_throw`s), so no call can get there on a browser that refuses storage.
//!
//! Two kinds of value are stored:
//! - texts kept exactly as written: plan files (`file::to_json_compact`, read back by
//!   `file::parse`), the id of the plan last open, and unreadable texts kept aside. They
//!   go through gloo's raw `web_sys::Storage`: gloo's `get` decodes JSON before anything
//!   else sees it, so a damaged plan would fail there, in serde_json's words, and its text
//!   could not be kept aside byte for byte; and its `set` would encode a plan file a
//!   second time, as a JSON string.
//! - plan list entries (`PlanMeta`): serde values, through gloo's `get` and `set`.

use gloo_storage::{LocalStorage, Storage};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use super::{classify, meta_key, usage, PlanMeta, StorageError, META_PREFIX};
use crate::session::Theme;

const PLAN_PREFIX: &str = "planwright:plan:";
const KEPT_PREFIX: &str = "planwright:kept:";
const COMMON_PREFIX: &str = "planwright:common:";
const AUTHOR_KEY: &str = "planwright:author";
/// Followed by `csv_import::mapping_key` of a CSV file's header row.
const CSV_MAPPING_PREFIX: &str = "planwright:csv-mapping:";
const THEME_KEY: &str = "planwright:theme";
/// What every key of Planwright's starts with.
const APP_PREFIX: &str = "planwright:";
const CURRENT_KEY: &str = "planwright:current";
/// Written and removed once by `LocalStore::open`, to see that storage takes writes.
const PROBE_KEY: &str = "planwright:probe";
/// Followed by a plan's id: the task grid's columns and width for that plan
/// (`chart::grid_columns::StoredLayout`).
const GRID_PREFIX: &str = "planwright:grid:";
/// The portfolio view's portfolio file (`crate::portfolio::file`).
const PORTFOLIO_KEY: &str = "planwright:portfolio";

/// Local storage, checked once and known to work: every gloo-storage call goes through
/// one of these, and only `open` makes one (its field is private).
#[derive(Clone, Copy, Debug)]
pub struct LocalStore(());

impl LocalStore {
    /// Checks that local storage can be used, or says why it cannot.
    pub fn open() -> Result<Self, StorageError> {
        let storage = reach_local_storage()?;
        probe(&storage)?;
        Ok(Self(()))
    }

    /// The stored plans, most recently saved first.
    pub fn list_plans(&self) -> Vec<PlanMeta> {
        let mut plans: Vec<PlanMeta> = self
            .keys_with_prefix(PLAN_PREFIX)
            .into_iter()
            .map(|key| {
                let id = key[PLAN_PREFIX.len()..].to_string();
                let mut meta = self.plan_meta(&id).unwrap_or_else(|| PlanMeta::unlisted(id));
                if meta.stored_size.is_none() {
                    // Saved before sizes were recorded: measured from its text until its next save
                    // records the size.
                    let text = self.get_text(&key).ok().flatten().unwrap_or_default();
                    meta.stored_size = Some(usage::stored_size(&key, &text));
                }
                meta
            })
            .collect();
        crate::model::sorting::sort_by(&mut plans, |a, b| b.saved.cmp(&a.saved).then_with(|| a.name.cmp(&b.name)));
        plans
    }

    /// The stored text of a plan (parse it with `file::parse`).
    pub fn load_plan_text(&self, id: &str) -> Result<Option<String>, StorageError> {
        self.get_text(&plan_key(id))
    }

    /// The list entry of a stored plan, if it has a readable one.
    pub fn plan_meta(&self, id: &str) -> Option<PlanMeta> {
        self.get_value(&meta_key(id)).ok().flatten()
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
        let plan_key = plan_key(id);
        self.set_text(&plan_key, text)?;
        let meta = PlanMeta {
            id: id.to_string(),
            name: name.to_string(),
            saved: now_iso(),
            revision: stored + 1,
            stored_size: Some(usage::stored_size(&plan_key, text)),
        };
        // The plan list can do without the entry, but revisions cannot: without it another
        // tab could not tell this save from an older one. Written after the plan, so a tab
        // told of the new revision (the `storage` event) reads the new text.
        self.set_value(&meta_key(id), &meta)?;
        Ok(meta)
    }

    /// Removes a stored plan, its list entry, its common version and its grid layout.
    pub fn delete_plan(&self, id: &str) {
        LocalStorage::delete(plan_key(id));
        LocalStorage::delete(meta_key(id));
        LocalStorage::delete(common_key(id));
        LocalStorage::delete(format!("{GRID_PREFIX}{id}"));
    }

    /// The task grid's columns and width chosen for plan `id` (the defaults when none
    /// were, or when what was kept does not read).
    pub fn grid_layout(&self, id: &str) -> crate::chart::grid_columns::GridLayout {
        let stored = self.get_value(&format!("{GRID_PREFIX}{id}")).ok().flatten();
        stored.map(|stored| crate::chart::grid_columns::GridLayout::from_stored(&stored)).unwrap_or_default()
    }

    /// Keeps the task grid's columns and width for plan `id`.
    pub fn set_grid_layout(
        &self,
        id: &str,
        layout: &crate::chart::grid_columns::GridLayout,
    ) -> Result<(), StorageError> {
        self.set_value(&format!("{GRID_PREFIX}{id}"), &layout.to_stored())
    }

    /// Keeps `text` (a plan file) as the common version of plan `id`, in place of the
    /// one before, when there is room (`usage::common_version_fits`); otherwise keeps
    /// none and says the storage is (nearly) full.
    pub fn save_common_version(&self, id: &str, text: &str) -> Result<(), StorageError> {
        let key = common_key(id);
        // The one before no longer is the copy the others have: gone whatever happens next.
        LocalStorage::delete(&key);
        let used: u64 = self
            .keys_with_prefix(APP_PREFIX)
            .into_iter()
            .filter_map(|other| self.get_text(&other).ok().flatten().map(|value| usage::stored_size(&other, &value)))
            .sum();
        if !usage::common_version_fits(used, usage::stored_size(&key, text)) {
            return Err(StorageError::QuotaExceeded);
        }
        self.set_text(&key, text)
    }

    /// The text of plan `id`'s common version, if one is kept (parse it with `file::parse`).
    pub fn load_common_version(&self, id: &str) -> Result<Option<String>, StorageError> {
        self.get_text(&common_key(id))
    }

    /// The name recorded as `saved_by` on the copies saved in this browser, if one was given.
    pub fn author_name(&self) -> Option<String> {
        // Checked again as it is read: a name the file would refuse must never be stamped.
        let typed = self.get_text(AUTHOR_KEY).ok().flatten()?;
        crate::diff::author_name(&typed).ok().flatten()
    }

    /// Remembers (or, with `None`, forgets) the name recorded on the copies saved here.
    pub fn set_author_name(&self, name: Option<&str>) -> Result<(), StorageError> {
        match name {
            Some(name) => self.set_text(AUTHOR_KEY, name),
            None => {
                LocalStorage::delete(AUTHOR_KEY);
                Ok(())
            }
        }
    }

    /// The column mapping last used for a CSV file with these columns (`mapping_key`
    /// of its header row), if one was remembered and still reads.
    pub fn csv_mapping(&self, columns_key: &str) -> Option<crate::file::csv_import::Mapping> {
        self.get_value(&format!("{CSV_MAPPING_PREFIX}{columns_key}")).ok().flatten()
    }

    /// Remembers the mapping of a CSV file's columns for the next file with the same ones.
    pub fn remember_csv_mapping(
        &self,
        columns_key: &str,
        mapping: &crate::file::csv_import::Mapping,
    ) -> Result<(), StorageError> {
        self.set_value(&format!("{CSV_MAPPING_PREFIX}{columns_key}"), mapping)
    }

    /// The text of the portfolio the portfolio view shows, if one was kept (read it with
    /// `portfolio::file::parse`).
    pub fn portfolio_text(&self) -> Option<String> {
        self.get_text(PORTFOLIO_KEY).ok().flatten()
    }

    /// Keeps the portfolio the portfolio view shows (a portfolio file's text).
    pub fn set_portfolio_text(&self, text: &str) -> Result<(), StorageError> {
        self.set_text(PORTFOLIO_KEY, text)
    }

    /// Writes a stored plan back under its id (the portfolio gives a plan its own id when
    /// it first joins), over the revision this tab knows, as a save does.
    pub fn save_plan_again(&self, id: &str, plan_name: &str, text: &str) -> Result<PlanMeta, StorageError> {
        self.save_plan(id, plan_name, text, self.stored_revision(id))
    }

    /// The colour theme chosen in this browser (the system's when none was).
    pub fn theme(&self) -> Theme {
        Theme::from_stored(self.get_text(THEME_KEY).ok().flatten().as_deref())
    }

    /// Remembers the colour theme chosen; the system's is remembered by keeping none.
    pub fn set_theme(&self, theme: Theme) -> Result<(), StorageError> {
        match theme.attribute() {
            Some(value) => self.set_text(THEME_KEY, value),
            None => {
                LocalStorage::delete(THEME_KEY);
                Ok(())
            }
        }
    }

    /// Whether a storage key is the list entry of a plan, and which.
    pub fn plan_id_of_meta_key(key: &str) -> Option<&str> {
        key.strip_prefix(META_PREFIX)
    }

    /// Whether a storage key holds a plan, and which.
    pub fn plan_id_of_plan_key(key: &str) -> Option<&str> {
        key.strip_prefix(PLAN_PREFIX)
    }

    /// The id of the plan open when the app was last left, if any.
    pub fn current_plan_id(&self) -> Option<String> {
        self.get_text(CURRENT_KEY).ok().flatten()
    }

    /// Remembers which plan is open (`None`: the start screen).
    pub fn set_current_plan_id(&self, id: Option<&str>) -> Result<(), StorageError> {
        match id {
            Some(id) => self.set_text(CURRENT_KEY, id),
            None => {
                LocalStorage::delete(CURRENT_KEY);
                Ok(())
            }
        }
    }

    /// Moves an unreadable plan aside under its own key, so nothing overwrites it.
    /// When the copy cannot be written, the original stays where it is.
    pub fn keep_aside(&self, id: &str, text: &str) -> Result<String, StorageError> {
        let key = format!("{KEPT_PREFIX}{id}-{}", js_sys::Date::now() as u64);
        self.set_text(&key, text)?;
        self.delete_plan(id);
        Ok(key)
    }

    /// Texts kept aside, as (key, text).
    pub fn kept_aside(&self) -> Vec<(String, String)> {
        self.keys_with_prefix(KEPT_PREFIX)
            .into_iter()
            .filter_map(|key| self.get_text(&key).ok().flatten().map(|text| (key, text)))
            .collect()
    }

    /// Deletes a text kept aside.
    pub fn discard_kept(&self, key: &str) {
        LocalStorage::delete(key);
    }

    fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        let storage = LocalStorage::raw();
        (0..LocalStorage::length())
            .filter_map(|index| storage.key(index).ok().flatten())
            .filter(|key| key.starts_with(prefix))
            .collect()
    }

    fn get_text(&self, key: &str) -> Result<Option<String>, StorageError> {
        LocalStorage::raw().get_item(key).map_err(|error| error_of(&error))
    }

    fn set_text(&self, key: &str, text: &str) -> Result<(), StorageError> {
        LocalStorage::raw().set_item(key, text).map_err(|error| error_of(&error))
    }

    fn get_value<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StorageError> {
        match LocalStorage::get(key) {
            Ok(value) => Ok(Some(value)),
            Err(gloo_storage::errors::StorageError::KeyNotFound(_)) => Ok(None),
            Err(error) => Err(error.into()),
        }
    }

    fn set_value<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StorageError> {
        Ok(LocalStorage::set(key, value)?)
    }
}

fn plan_key(id: &str) -> String {
    format!("{PLAN_PREFIX}{id}")
}

fn common_key(id: &str) -> String {
    format!("{COMMON_PREFIX}{id}")
}

/// The window's local storage, if the browser lets the page reach it.
fn reach_local_storage() -> Result<web_sys::Storage, StorageError> {
    let window = web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(StorageError::Unavailable("the browser offers none".into())),
        Err(error) => Err(StorageError::Unavailable(describe_js_error(&error))),
    }
}

/// Makes each kind of call gloo-storage makes once, through web-sys, whose calls return
/// what they throw: a browser that lets the page reach storage but refuses to use it
/// (blocked by a setting, a damaged profile, old private windows with no room at all) is
/// found here instead of in a gloo call that would abort.
fn probe(storage: &web_sys::Storage) -> Result<(), StorageError> {
    let unavailable = |error: JsValue| StorageError::Unavailable(describe_js_error(&error));
    let items = storage.length().map_err(unavailable)?;
    storage.key(0).map_err(unavailable)?;
    storage.get_item(PROBE_KEY).map_err(unavailable)?;
    match storage.set_item(PROBE_KEY, "") {
        Ok(()) => storage.remove_item(PROBE_KEY).map_err(unavailable)?,
        Err(error) if error_of(&error) != StorageError::QuotaExceeded => return Err(unavailable(error)),
        // Full, yet usable: stored plans still open, and a save says it does not fit.
        Err(_) if items > 0 => {}
        Err(_) => return Err(StorageError::Unavailable("it has no room at all, as in some private windows".into())),
    }
    // gloo-storage reads an exception only if it is a JavaScript `Error`, and panics on
    // anything else. A DOMException is one in every browser that runs WebAssembly; this
    // makes sure of it here.
    let exceptions_are_errors =
        web_sys::DomException::new().is_ok_and(|exception| exception.is_instance_of::<js_sys::Error>());
    if !exceptions_are_errors {
        return Err(StorageError::Unavailable("its errors cannot be read".into()));
    }
    Ok(())
}

impl From<gloo_storage::errors::StorageError> for StorageError {
    fn from(error: gloo_storage::errors::StorageError) -> Self {
        use gloo_storage::errors::StorageError as Gloo;
        match error {
            Gloo::JsError(error) => classify(&error.name, &error.message),
            Gloo::SerdeError(error) => StorageError::Failed(error.to_string()),
            Gloo::KeyNotFound(key) => StorageError::Failed(format!("nothing is stored under {key}")),
        }
    }
}

/// The app's reason for an exception a `web_sys::Storage` call threw.
fn error_of(error: &JsValue) -> StorageError {
    match error.dyn_ref::<js_sys::Error>() {
        Some(exception) => classify(&String::from(exception.name()), &String::from(exception.message())),
        None => StorageError::Failed(describe_js_error(error)),
    }
}

/// What the browser said when it threw `error`, for a message: an exception's
/// `Name: message`, a thrown string as it is. (Not `Debug` formatting: the release
/// build's `Debug` writes nothing, see `release_build` in xtask.)
pub fn describe_js_error(error: &JsValue) -> String {
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

/// The stored text of the plan open when the app was last left (or now), read with plain
/// web-sys calls that cannot panic: for the panic report, which must not call gloo-storage
/// (it panics where storage cannot be used) and cannot know whether a `LocalStore` exists.
pub fn stored_text_of_current_plan() -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok()??;
    let id = storage.get_item(CURRENT_KEY).ok()??;
    storage.get_item(&plan_key(&id)).ok()?
}

/// A fresh id for a stored plan: time plus randomness, so two tabs never collide.
pub fn new_plan_id() -> String {
    let time = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 1_000_000.0) as u64;
    format!("{time:x}{random:05x}")
}

/// Now, as an ISO timestamp in UTC.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Today's date in the user's time zone.
pub fn today() -> chrono::NaiveDate {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or_default()
}
