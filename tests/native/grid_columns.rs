//! The task grid's columns beside the chart: shown, hidden, resized, and kept per plan.

use planwright::chart::grid_columns::{Column, GridLayout, StoredLayout, COLUMNS, COLUMN_WIDTHS, DEFAULT_PANE_WIDTH};

#[test]
fn the_columns_are_in_table_order_and_named_once() {
    for (index, info) in COLUMNS.iter().enumerate() {
        assert_eq!(info.column as usize, index, "{}", info.key);
        assert_eq!(Column::of_key(info.key), Some(info.column));
        assert_eq!(info.column.info().key, info.key);
    }
    assert_eq!(Column::of_key("budget"), None);
}

#[test]
fn by_default_the_grid_shows_dates_float_and_variance_and_hides_wbs_constraint_and_deadline() {
    let layout = GridLayout::default();
    for column in [Column::Name, Column::Duration, Column::Start, Column::Finish, Column::Float, Column::Variance] {
        assert!(layout.is_shown(column), "{column:?}");
    }
    assert!(
        !layout.is_shown(Column::Wbs) && !layout.is_shown(Column::Constraint) && !layout.is_shown(Column::Deadline)
    );
    assert_eq!(layout.pane_width(), DEFAULT_PANE_WIDTH);
    assert_eq!(
        layout.to_stored(),
        StoredLayout { hidden: vec!["wbs".into(), "constraint".into(), "deadline".into()], ..StoredLayout::default() }
    );
}

#[test]
fn the_name_cannot_be_hidden_and_widths_stay_in_range() {
    let layout = GridLayout::default()
        .with_shown(Column::Name, false)
        .with_width(Column::Float, 5)
        .with_width(Column::Name, 99_999);
    assert!(layout.is_shown(Column::Name));
    assert_eq!(layout.width(Column::Float), COLUMN_WIDTHS.0);
    assert_eq!(layout.width(Column::Name), COLUMN_WIDTHS.1);
    assert_eq!(GridLayout::default().with_pane_width(-3).pane_width(), 200);
}

#[test]
fn the_table_is_as_wide_as_its_shown_columns() {
    let layout = GridLayout::default();
    let hidden_float = layout.clone().with_shown(Column::Float, false);
    assert_eq!(layout.table_width() - hidden_float.table_width(), u32::from(layout.width(Column::Float)));
    let shown_deadline = layout.clone().with_shown(Column::Deadline, true).with_width(Column::Deadline, 100);
    assert_eq!(shown_deadline.table_width(), layout.table_width() + 100);
}

#[test]
fn a_layout_kept_and_read_back_is_the_same() {
    let layout = GridLayout::default()
        .with_shown(Column::Wbs, true)
        .with_shown(Column::Id, false)
        .with_shown(Column::Deadline, true)
        .with_width(Column::Name, 320)
        .with_pane_width(700);
    let text = serde_json::to_string(&layout.to_stored()).unwrap();
    let read: StoredLayout = serde_json::from_str(&text).unwrap();
    assert_eq!(GridLayout::from_stored(&read), layout);
    assert_eq!(
        text,
        r#"{"pane_width":700,"hidden":["id","constraint"],"shown":["wbs","deadline"],"widths":[["name",320]]}"#
    );
}

#[test]
fn a_kept_layout_from_another_version_or_tampered_with_is_read_leniently() {
    let read: StoredLayout =
        serde_json::from_str(r#"{"hidden":["name","budget","float"],"shown":["float"],"widths":[["start",1],["owner",90]],"pane_width":65535,"zoom":3}"#)
            .unwrap();
    let layout = GridLayout::from_stored(&read);
    assert!(layout.is_shown(Column::Name), "the name stays");
    assert!(layout.is_shown(Column::Float), "shown wins over hidden");
    assert_eq!(layout.width(Column::Start), COLUMN_WIDTHS.0);
    assert_eq!(layout.pane_width(), 2400);
}
