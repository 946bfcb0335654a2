//! The task grid beside the chart: its columns in table order, which of them are shown, how
//! wide each is, and how wide the grid's pane is. A plan's choice is kept in this browser
//! with the plan (`storage`, under the plan's id) as a [`StoredLayout`], read back leniently:
//! a column this version does not know is ignored, a width out of range is brought into it.

use serde::{Deserialize, Serialize};

/// A column of the task grid, in table order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    Wbs,
    Id,
    Name,
    Duration,
    Start,
    Finish,
    Float,
    Variance,
    Predecessors,
    Constraint,
    Deadline,
    Progress,
    Actions,
}

/// What the grid shows of a column: its key (in stored layouts and CSS classes), its
/// header, the header's tooltip, its width when none was chosen and whether it is shown
/// when none was chosen.
#[derive(Clone, Copy, Debug)]
pub struct ColumnInfo {
    pub column: Column,
    pub key: &'static str,
    pub header: &'static str,
    pub title: &'static str,
    pub default_width: u16,
    pub shown_by_default: bool,
}

const fn info(
    column: Column,
    key: &'static str,
    header: &'static str,
    title: &'static str,
    default_width: u16,
    shown_by_default: bool,
) -> ColumnInfo {
    ColumnInfo { column, key, header, title, default_width, shown_by_default }
}

/// Every column, in table order (the order of a row's cells).
pub const COLUMNS: [ColumnInfo; 13] = [
    info(Column::Wbs, "wbs", "WBS", "Outline number", 64, false),
    info(Column::Id, "id", "Id", "", 56, true),
    info(Column::Name, "name", "Name", "", 230, true),
    info(Column::Duration, "duration", "Duration", "Working days", 92, true),
    info(Column::Start, "start", "Start", "", 96, true),
    info(Column::Finish, "finish", "Finish", "", 96, true),
    info(Column::Float, "float", "Float", "Total float in working days", 64, true),
    info(
        Column::Variance,
        "variance",
        "Variance",
        "Working days the finish moved since the baseline: + late, − early",
        84,
        true,
    ),
    info(
        Column::Predecessors,
        "predecessors",
        "Predecessors",
        "Ids with type and lag, such as 3FS+2d, T7SS",
        128,
        true,
    ),
    info(
        Column::Constraint,
        "constraint",
        "Constraint",
        "Date constraint: SNET, SNLT, FNET, FNLT, MSO or MFO and a date (empty: as soon as possible)",
        152,
        false,
    ),
    info(Column::Deadline, "deadline", "Deadline", "The day it should be finished by", 128, false),
    info(Column::Progress, "progress", "Progress %", "", 96, true),
    info(
        Column::Actions,
        "actions",
        "Actions",
        "The row's buttons: add a subtask, indent, outdent, move, delete",
        180,
        true,
    ),
];

/// The narrowest and widest a column can be made, in pixels.
pub const COLUMN_WIDTHS: (u16, u16) = (40, 600);
/// The narrowest and widest the grid's pane can be made, in pixels (the window may hold
/// less: the page then gives the chart its minimum first).
pub const PANE_WIDTHS: (u16, u16) = (200, 2400);
/// The pane's width when none was chosen.
pub const DEFAULT_PANE_WIDTH: u16 = 720;

impl Column {
    /// What the grid shows of the column.
    pub fn info(self) -> &'static ColumnInfo {
        &COLUMNS[self as usize]
    }

    /// The column of a stored key, if this version knows it.
    pub fn of_key(key: &str) -> Option<Column> {
        COLUMNS.iter().find(|info| info.key == key).map(|info| info.column)
    }

    /// Whether the person may hide it: every column but the name.
    pub fn can_hide(self) -> bool {
        self != Column::Name
    }
}

/// The grid's columns and pane as a person set them (the defaults where they did not).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GridLayout {
    shown: [bool; COLUMNS.len()],
    widths: [u16; COLUMNS.len()],
    pane_width: u16,
}

impl Default for GridLayout {
    fn default() -> Self {
        GridLayout {
            shown: COLUMNS.map(|info| info.shown_by_default),
            widths: COLUMNS.map(|info| info.default_width),
            pane_width: DEFAULT_PANE_WIDTH,
        }
    }
}

impl GridLayout {
    pub fn is_shown(&self, column: Column) -> bool {
        self.shown[column as usize]
    }

    pub fn width(&self, column: Column) -> u16 {
        self.widths[column as usize]
    }

    pub fn pane_width(&self) -> u16 {
        self.pane_width
    }

    /// Shows or hides a column; the name stays shown.
    pub fn with_shown(mut self, column: Column, shown: bool) -> Self {
        self.shown[column as usize] = shown || !column.can_hide();
        self
    }

    /// Sets a column's width, brought into [`COLUMN_WIDTHS`].
    pub fn with_width(mut self, column: Column, width: i64) -> Self {
        self.widths[column as usize] = clamp(width, COLUMN_WIDTHS);
        self
    }

    /// Sets the pane's width, brought into [`PANE_WIDTHS`].
    pub fn with_pane_width(mut self, width: i64) -> Self {
        self.pane_width = clamp(width, PANE_WIDTHS);
        self
    }

    /// The table's width: its shown columns' widths together.
    pub fn table_width(&self) -> u32 {
        COLUMNS.iter().filter(|info| self.is_shown(info.column)).map(|info| u32::from(self.width(info.column))).sum()
    }

    /// The keys of the hidden columns, in table order.
    pub fn hidden_keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        COLUMNS.iter().filter(|info| !self.is_shown(info.column)).map(|info| info.key)
    }

    /// What is kept in this browser: only what differs from the defaults.
    pub fn to_stored(&self) -> StoredLayout {
        let defaults = GridLayout::default();
        let changed = |info: &&ColumnInfo| self.is_shown(info.column) != defaults.is_shown(info.column);
        let resized = |info: &&ColumnInfo| self.width(info.column) != info.default_width;
        StoredLayout {
            pane_width: (self.pane_width != DEFAULT_PANE_WIDTH).then_some(self.pane_width),
            hidden: COLUMNS
                .iter()
                .filter(|info| !self.is_shown(info.column))
                .map(|info| info.key.to_string())
                .collect(),
            shown: COLUMNS
                .iter()
                .filter(changed)
                .filter(|info| self.is_shown(info.column))
                .map(|info| info.key.to_string())
                .collect(),
            widths: COLUMNS
                .iter()
                .filter(resized)
                .map(|info| (info.key.to_string(), self.width(info.column)))
                .collect(),
        }
    }

    /// A kept layout, read leniently: unknown columns are ignored, widths are brought into
    /// range, and a column both hidden and shown is shown.
    pub fn from_stored(stored: &StoredLayout) -> Self {
        let mut layout = GridLayout::default();
        for key in &stored.hidden {
            if let Some(column) = Column::of_key(key) {
                layout = layout.with_shown(column, false);
            }
        }
        for key in &stored.shown {
            if let Some(column) = Column::of_key(key) {
                layout = layout.with_shown(column, true);
            }
        }
        for (key, width) in &stored.widths {
            if let Some(column) = Column::of_key(key) {
                layout = layout.with_width(column, i64::from(*width));
            }
        }
        if let Some(width) = stored.pane_width {
            layout = layout.with_pane_width(i64::from(width));
        }
        layout
    }
}

fn clamp(value: i64, (low, high): (u16, u16)) -> u16 {
    value.clamp(i64::from(low), i64::from(high)) as u16
}

/// A grid layout as kept in this browser (JSON through gloo-storage).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredLayout {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pane_width: Option<u16>,
    /// Columns hidden (their keys).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hidden: Vec<String>,
    /// Columns shown that are hidden by default.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shown: Vec<String>,
    /// Columns given a width of their own, as (key, pixels).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub widths: Vec<(String, u16)>,
}
