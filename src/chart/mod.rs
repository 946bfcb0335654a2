//! The timeline chart's geometry, as plain Rust: the date-to-pixel scale, the time
//! axis ticks, and which rows are in view. Components only draw what these return,
//! so all of it is tested natively. `svg_export` draws the same geometry into a
//! standalone SVG file. `keys` is the chart's key table, read by the chart, its Keys panel
//! and the user guide.

pub mod bars;
pub mod drag;
pub mod earned_value;
pub mod grid_columns;
pub mod keys;
pub mod scale;
pub mod svg_export;
pub mod ticks;
pub mod trend;
pub mod viewport;

pub use bars::{bar, link_path, link_points, Bar, BarKind};
pub use drag::{drag_edit, preview_geometry, DragEdit, DragMode};
pub use scale::{fit_plan, TimeScale, Zoom};
pub use svg_export::{timeline_svg, timeline_svg_between};
pub use ticks::{ticks, Tick, TickLevel};
pub use trend::{step_chart, StepChart};
pub use viewport::RowWindow;
