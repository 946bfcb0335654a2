//! Change requests against the baseline: a title, a reason, who asked, and the changes
//! asked for, kept as each changed item before and after (tasks, links, task costs), so
//! a request still says what it asks for after the plan moves on, and whether it still
//! applies. Capturing the changes from a proposal copy, the consequence and approving
//! are in `diff::proposal`, which compares and merges through the compare view's code.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::budget::TaskCost;
use super::serde_forms::choice_by_label;
use super::{ChangeRequestId, DecisionId, Dependency, PersonId, Task};

/// Where a request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ChangeStatus {
    #[default]
    Proposed,
    Approved,
    Rejected,
}

impl ChangeStatus {
    pub const ALL: [ChangeStatus; 3] = [Self::Proposed, Self::Approved, Self::Rejected];

    pub fn label(self) -> &'static str {
        match self {
            Self::Proposed => "proposed",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }
}

choice_by_label!(ChangeStatus);

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeRequest {
    pub id: ChangeRequestId,
    pub title: String,
    /// Why the change is asked for.
    pub reason: String,
    pub requester: Option<PersonId>,
    #[serde(with = "super::serde_forms::date")]
    pub raised: NaiveDate,
    pub status: ChangeStatus,
    /// The day it was approved or rejected. Left out while proposed.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::serde_forms::optional_date")]
    pub decided: Option<NaiveDate>,
    /// The decision approving it records. Left out while none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<DecisionId>,
    /// Why it was rejected. Left out while empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rejection: String,
    /// The tasks it changes, adds or removes. Left out while empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "super::serde_forms::list_of_objects")]
    pub tasks: Vec<TaskChange>,
    /// The links it changes, adds or removes. Left out while empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "super::serde_forms::list_of_objects")]
    pub dependencies: Vec<DependencyChange>,
    /// The task costs it changes. Left out while empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "super::serde_forms::list_of_objects")]
    pub costs: Vec<CostChange>,
}

impl ChangeRequest {
    /// A new request raised `today`, asking for nothing yet.
    pub fn new(id: ChangeRequestId, title: impl Into<String>, today: NaiveDate) -> Self {
        Self {
            id,
            title: title.into(),
            reason: String::new(),
            requester: None,
            raised: today,
            status: ChangeStatus::Proposed,
            decided: None,
            decision: None,
            rejection: String::new(),
            tasks: Vec::new(),
            dependencies: Vec::new(),
            costs: Vec::new(),
        }
    }

    /// How many items it changes.
    pub fn change_count(&self) -> usize {
        self.tasks.len() + self.dependencies.len() + self.costs.len()
    }
}

/// A task as the plan had it when the request was made (`None`: the request adds it)
/// and as the request wants it (`None`: the request removes it).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskChange {
    #[serde(default, deserialize_with = "super::serde_forms::optional_object")]
    pub before: Option<Task>,
    #[serde(default, deserialize_with = "super::serde_forms::optional_object")]
    pub after: Option<Task>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DependencyChange {
    #[serde(default, deserialize_with = "super::serde_forms::optional_object")]
    pub before: Option<Dependency>,
    #[serde(default, deserialize_with = "super::serde_forms::optional_object")]
    pub after: Option<Dependency>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostChange {
    #[serde(default, deserialize_with = "super::serde_forms::optional_object")]
    pub before: Option<TaskCost>,
    #[serde(default, deserialize_with = "super::serde_forms::optional_object")]
    pub after: Option<TaskCost>,
}

impl super::Plan {
    pub fn next_change_request_id(&self) -> ChangeRequestId {
        ChangeRequestId(Self::next_id(
            ChangeRequestId::PREFIX,
            self.change_requests.iter().map(|request| request.id.as_str()),
        ))
    }

    pub fn change_request(&self, id: &ChangeRequestId) -> Option<&ChangeRequest> {
        self.change_requests.iter().find(|request| request.id == *id)
    }
}

/// Approved requests decided on or after `since` (the baseline's day), in the order decided.
pub fn approved_since(plan: &super::Plan, since: NaiveDate) -> Vec<&ChangeRequest> {
    let mut approved: Vec<&ChangeRequest> = plan
        .change_requests
        .iter()
        .filter(|request| request.status == ChangeStatus::Approved && request.decided.is_some_and(|day| day >= since))
        .collect();
    approved.sort_by_key(|request| request.decided);
    approved
}
