//! The plans in storage besides the open one's saving: rename, duplicate, read for a
//! comparison, import, the common version kept for Compare, the texts kept aside.

use leptos::prelude::*;

use super::PlanContext;
use crate::file;
use crate::model::validate::check_plan_fields;
use crate::model::{Command, Plan};
use crate::session::history::{History, Import};
use crate::session::Notice;
use crate::storage;

impl PlanContext {
    /// Renames a stored plan that is not open, through its file.
    pub fn rename_stored(&self, id: &str, name: &str) {
        if self.document.plan_id.get_untracked().as_deref() == Some(id) {
            let plan = self.document.plan.get_untracked();
            let _ = self.dispatch(Command::SetPlanInfo {
                name: name.to_string(),
                description: plan.description,
                start: plan.start,
            });
            return;
        }
        let result = self.with_store(|store| -> Result<(), String> {
            let text = store.load_plan_text(id).map_err(|error| error.to_string())?.ok_or("it is gone")?;
            let mut plan = file::parse(&text).map_err(|error| error.to_string())?;
            // Not an edit of the open plan (nothing to undo): the rule of a plan's name,
            // then the new name, in its file.
            let renamed = Plan { name: name.to_string(), ..Plan::empty_like(&plan) };
            check_plan_fields(&renamed).map_err(|(_, message)| format!("the name {message}"))?;
            plan.name = renamed.name;
            plan.stamp_revision(storage::today());
            plan.saved_by = store.author_name();
            let known = store.stored_revision(id);
            store
                .save_plan(id, &plan.name, &file::to_json_compact(&plan), known)
                .map(|_| ())
                .map_err(|error| error.to_string())
        });
        if let Some(Err(error)) = result {
            self.refuse(format!("the plan could not be renamed: {error}"));
        }
        self.refresh_plan_list();
    }

    /// Copies a stored plan under a new name and opens the copy.
    pub fn duplicate_stored(&self, id: &str) {
        let plan = if self.document.plan_id.get_untracked().as_deref() == Some(id) {
            Some(self.document.plan.get_untracked())
        } else {
            self.with_store(|store| store.load_plan_text(id).ok().flatten())
                .flatten()
                .and_then(|text| file::parse(&text).ok())
        };
        match plan {
            Some(mut plan) => {
                plan.name = format!("{} (copy)", plan.name);
                if !self.open_new(plan) {
                    return;
                }
                self.session.notice.set(Some(Notice::info(format!(
                    "Opened a copy: \"{}\".",
                    self.document.plan.with_untracked(|plan| plan.name.clone())
                ))));
            }
            None => self.refuse("the plan could not be read to copy it"),
        }
    }

    /// Whether the portfolio kept in this browser names the open plan's id: a look at its
    /// text, without reading it (the reading is in the part `count_work_elsewhere_part`
    /// fetches), to show "Count their work in other plans" only where it can count.
    pub(crate) fn kept_portfolio_names_open_plan(&self) -> bool {
        let Some(id) = self.document.plan.with(|plan| plan.id.clone()) else { return false };
        self.with_store(|store| store.portfolio_text())
            .flatten()
            .is_some_and(|text| text.contains(&format!("\"{id}\"")))
    }

    /// The portfolio kept in this browser, if it lists the open plan.
    pub(crate) fn kept_portfolio_with_open_plan(&self) -> Option<crate::portfolio::file::PortfolioFile> {
        let text = self.with_store(|store| store.portfolio_text()).flatten()?;
        let file = crate::portfolio::file::parse(&text).ok()?;
        let id = self.document.plan.with(|plan| plan.id.clone())?;
        file.plans.iter().any(|reference| reference.id == id).then_some(file)
    }

    /// Counts the work the portfolio's other plans give this plan's people in the
    /// overload checks (the timeline's flags, the RACI check), or stops counting it.
    pub(crate) fn count_work_elsewhere(&self, on: bool) {
        let found = on
            .then(|| {
                let file = self.kept_portfolio_with_open_plan()?;
                let others = self.other_stored_plans().into_iter().map(|(_, plan)| plan).collect();
                self.document
                    .plan
                    .with_untracked(|plan| crate::portfolio::responsible_elsewhere_in(&file, plan, others))
            })
            .flatten();
        self.derived.elsewhere.set(found.map(std::sync::Arc::new));
    }

    /// The plans kept in this browser other than the open one: (storage id, plan), each
    /// read with the checks of an import; one that cannot be read is left out.
    pub(crate) fn other_stored_plans(&self) -> Vec<(String, Plan)> {
        let open = self.document.plan_id.get_untracked();
        let metas = self.session.plans.get_untracked();
        metas
            .iter()
            .filter(|meta| Some(&meta.id) != open.as_ref())
            .filter_map(|meta| self.read_stored_plan(&meta.id).ok().map(|plan| (meta.id.clone(), plan)))
            .collect()
    }

    /// A stored plan as opening it would read it (through `file::parse`), without
    /// opening it: to compare the open plan with it. Errs with every problem.
    pub(crate) fn read_stored_plan(&self, id: &str) -> Result<Plan, Vec<String>> {
        let text = self
            .with_store(|store| store.load_plan_text(id))
            .ok_or_else(|| vec!["this browser's storage cannot be used".to_string()])?
            .map_err(|error| vec![error.to_string()])?
            .ok_or_else(|| vec!["it is no longer stored in this browser".to_string()])?;
        file::parse(&text).map_err(|error| error.problems.iter().map(ToString::to_string).collect())
    }

    /// Reads a file's text: a good plan opens as a new plan; a bad one is reported
    /// with every problem and nothing changes.
    pub fn import_text(&self, file_name: &str, text: &str) {
        match file::parse(text) {
            Ok(plan) => self.import_plan(file_name, plan),
            Err(error) => self.refuse_import(file_name, error.problems.iter().map(ToString::to_string).collect()),
        }
    }

    /// Says that a file was not opened, with every problem; nothing changes.
    pub fn refuse_import(&self, file_name: &str, problems: Vec<String>) {
        self.session
            .notice
            .set(Some(Notice::error(format!("{file_name} was not opened. Nothing was changed."), problems)));
    }

    /// Opens a plan read from a file as a new plan. Undo stops at its first state and
    /// then asks before it would take the import back (`ImportQuestion`).
    pub fn import_plan(&self, file_name: &str, mut plan: Plan) {
        // Two plans of one name are hard to tell apart in the list: number the newcomer.
        let taken: Vec<String> =
            self.session.plans.with_untracked(|plans| plans.iter().map(|meta| meta.name.clone()).collect());
        let original = plan.name.clone();
        let mut number = 2;
        while taken.contains(&plan.name) {
            plan.name = format!("{original} ({number})");
            number += 1;
        }
        let name = plan.name.clone();
        let previous = self.document.plan_id.get_untracked();
        if !self.open_new(plan) {
            return;
        }
        if let Some(plan_id) = self.document.plan_id.get_untracked() {
            let import = Import { plan_id, name: name.clone(), file_name: file_name.to_string(), previous };
            self.document.history.set_value(History::imported(import));
            self.refresh_history_sizes();
        }
        self.remember_import(&original);
        let renamed = if name != original {
            format!(" A plan called \"{original}\" is already here, so this one is \"{name}\".")
        } else {
            String::new()
        };
        self.session
            .notice
            .set(Some(Notice::info(format!("Opened \"{name}\" from {file_name} as a new plan.{renamed}"))));
    }

    /// Keeps `text` (a compact plan file) as the open plan's common version with the
    /// copies it was sent as or came from: Compare tells whose change is whose against it.
    /// Best effort: without room none is kept, and Compare then asks for the file.
    pub fn remember_common_version(&self, text: &str) {
        if let Some(id) = self.document.plan_id.get_untracked() {
            let _ = self.with_store(|store| store.save_common_version(&id, text));
        }
    }

    /// Keeps the plan just imported, as its file had it (named `original_name`), as its
    /// common version with the copy it came from.
    fn remember_import(&self, original_name: &str) {
        let Some(id) = self.document.plan_id.get_untracked() else { return };
        let text = if self.document.plan.with_untracked(|plan| plan.name == original_name) {
            // Just stored as read (an import is not an edit): no second serialization.
            self.with_store(|store| store.load_plan_text(&id).ok().flatten()).flatten()
        } else {
            let named = |plan: &Plan| Plan { name: original_name.to_string(), ..plan.clone() };
            Some(self.document.plan.with_untracked(|plan| file::to_json_compact(&named(plan))))
        };
        if let Some(text) = text {
            self.remember_common_version(&text);
        }
    }

    pub fn discard_kept(&self, key: &str) {
        self.with_store(|store| store.discard_kept(key));
        self.session.kept.set(self.with_store(|store| store.kept_aside()).unwrap_or_default());
    }
}

crate::ui::parts::on_demand! { crossplan:
    /// Counts (or stops counting) the portfolio's other plans in the overload checks: reads
    /// them and the portfolio file, so it is a part, fetched when first asked.
    pub fn count_work_elsewhere_part(context: PlanContext, on: bool) -> () {
        context.count_work_elsewhere(on)
    }
}
