//! What an MS Project file holds that Planwright cannot carry, gathered while it is
//! read. Each `Loss` is one kind of thing lost with every task (or resource, or
//! calendar day) concerned, so the report before an import is short and complete:
//! nothing is dropped without being named here.

use std::fmt;

/// The kinds of things an import can lose or change, in the order the report lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LossKind {
    /// The project is scheduled back from its finish date.
    ScheduledFromFinish,
    /// Durations that were not whole working days, rounded.
    DurationRounded,
    /// Elapsed (calendar-time) durations, read as working days.
    ElapsedDuration,
    /// A milestone with a duration: Planwright's milestones take no time.
    MilestoneDuration,
    /// Link lags that were not whole working days, or were elapsed or percent lags.
    LagRounded,
    /// As-late-as-possible: Planwright schedules every task as soon as possible.
    AsLateAsPossible,
    /// Manually scheduled tasks: Planwright schedules them from their links.
    ManuallyScheduled,
    /// Split tasks: the pause is dropped.
    Split,
    /// Recurring tasks: the occurrences are kept as tasks, the recurrence is not.
    Recurring,
    /// Inactive tasks, imported as ordinary tasks.
    Inactive,
    /// Tasks on their own calendar: they follow the project calendar.
    TaskCalendar,
    /// Leveling delays: Planwright does not level resources.
    LevelingDelay,
    /// Subprojects and external tasks.
    Subproject,
    /// Blank rows (null tasks), left out.
    BlankRow,
    /// Tasks without a name, named after their row.
    Unnamed,
    /// Links to tasks not in the file (another project's, or the project summary).
    ExternalLink,
    /// Names or notes longer than Planwright keeps.
    TextShortened,
    /// Costs of tasks and rates of resources.
    Costs,
    /// Custom fields (Text1, Number3, ...).
    CustomFields,
    /// Resource calendars: people follow the project calendar.
    ResourceCalendar,
    /// Material and cost resources: only people are carried.
    NonWorkResource,
    /// Working days or hours that differ from the project's standard day.
    CalendarHours,
    /// Calendar exceptions that repeat or make a day working: only non-working days carry.
    CalendarException,
    /// Baselines other than the first.
    OtherBaselines,
    /// First-baseline entries with a start or a finish but not both.
    IncompleteBaseline,
}

impl LossKind {
    /// The sentence's start: what was lost or changed.
    fn headline(self) -> &'static str {
        match self {
            Self::ScheduledFromFinish => {
                "The project is scheduled from its finish date; Planwright schedules it from its start"
            }
            Self::DurationRounded => "Durations that are not whole working days were rounded to days",
            Self::ElapsedDuration => "Elapsed durations (calendar time) were read as working days",
            Self::MilestoneDuration => {
                "Milestones with a duration were given none, as Planwright's milestones take no time"
            }
            Self::LagRounded => "Link lags that are not whole working days were rounded to days",
            Self::AsLateAsPossible => {
                "As-late-as-possible tasks have no equivalent and are scheduled as soon as possible"
            }
            Self::ManuallyScheduled => "Manually scheduled tasks are scheduled from their links and durations",
            Self::Split => "Split tasks were joined: the pause in them was dropped",
            Self::Recurring => "Recurring tasks were kept as ordinary tasks; the recurrence was not",
            Self::Inactive => "Inactive tasks were imported as active tasks",
            Self::TaskCalendar => "Tasks with their own calendar follow the project calendar",
            Self::LevelingDelay => "Leveling delays were dropped: Planwright does not level resources",
            Self::Subproject => "Subprojects and external tasks were imported as ordinary tasks",
            Self::BlankRow => "Blank rows were left out",
            Self::Unnamed => "Tasks without a name were named after their row",
            Self::ExternalLink => "Links to tasks outside the plan were left out",
            Self::TextShortened => "Names or notes longer than Planwright keeps were shortened",
            Self::Costs => "Costs and rates were not carried",
            Self::CustomFields => "Custom fields were not carried",
            Self::ResourceCalendar => "Resource calendars were not carried: people follow the project calendar",
            Self::NonWorkResource => "Material and cost resources were not carried: only people are",
            Self::CalendarHours => "Working hours were not carried: every working day counts as one day",
            Self::CalendarException => "Calendar exceptions other than non-working days were not carried",
            Self::OtherBaselines => "Only the first baseline was carried; these were not",
            Self::IncompleteBaseline => {
                "Baseline dates of tasks that have a baseline start or finish but not both were left out"
            }
        }
    }
}

/// One kind of loss with what it concerns: "Durations that are not whole working days
/// were rounded to days (2 tasks): T4 "Kick-off" 0.5 days → 1, T9 "Review" 1.3 days → 1."
#[derive(Clone, Debug, PartialEq)]
pub struct Loss {
    pub kind: LossKind,
    /// Each task, resource or calendar entry concerned, as the sentence names it.
    pub concerns: Vec<String>,
}

/// How many of a loss's concerns its sentence names before it says how many more.
const CONCERNS_NAMED: usize = 20;

impl fmt::Display for Loss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.headline())?;
        if self.concerns.is_empty() {
            return f.write_str(".");
        }
        let count = self.concerns.len();
        write!(f, " ({count}): ")?;
        let named = count.min(CONCERNS_NAMED);
        f.write_str(&self.concerns[..named].join(", "))?;
        if count > named {
            write!(f, " and {} more", count - named)?;
        }
        f.write_str(".")
    }
}

/// Gathers losses while a file is read, one `Loss` per kind in the order first met,
/// sorted by kind when done.
#[derive(Default)]
pub(super) struct Losses(Vec<Loss>);

impl Losses {
    pub fn add(&mut self, kind: LossKind, concern: impl Into<String>) {
        let concern = concern.into();
        match self.0.iter_mut().find(|loss| loss.kind == kind) {
            Some(loss) => {
                if !loss.concerns.contains(&concern) {
                    loss.concerns.push(concern);
                }
            }
            None => self.0.push(Loss { kind, concerns: vec![concern] }),
        }
    }

    /// A loss of the whole file, with nothing in particular to name.
    pub fn add_general(&mut self, kind: LossKind) {
        if !self.0.iter().any(|loss| loss.kind == kind) {
            self.0.push(Loss { kind, concerns: Vec::new() });
        }
    }

    pub fn into_sorted(mut self) -> Vec<Loss> {
        self.0.sort_by_key(|loss| loss.kind);
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loss_reads_as_a_sentence_naming_what_it_concerns() {
        let loss = Loss { kind: LossKind::Split, concerns: vec!["T4 \"Pour concrete\"".into()] };
        assert_eq!(
            loss.to_string(),
            "Split tasks were joined: the pause in them was dropped (1): T4 \"Pour concrete\"."
        );
    }

    #[test]
    fn a_long_list_names_the_first_ones_and_counts_the_rest() {
        let loss = Loss { kind: LossKind::Costs, concerns: (1..=25).map(|n| format!("T{n}")).collect() };
        assert!(loss.to_string().ends_with("T20 and 5 more."), "{loss}");
    }

    #[test]
    fn losses_of_one_kind_are_gathered_once_each() {
        let mut losses = Losses::default();
        losses.add(LossKind::Costs, "T1");
        losses.add(LossKind::Split, "T2");
        losses.add(LossKind::Costs, "T1");
        losses.add(LossKind::Costs, "T3");
        let sorted = losses.into_sorted();
        assert_eq!(sorted.len(), 2);
        assert_eq!(sorted[0].kind, LossKind::Split);
        assert_eq!(sorted[1].concerns, ["T1", "T3"]);
    }
}
