//! What the views share that is not drawn: downloads and the plan file picker
//! (`files`), reading plan files (`plan_reader`, in a worker when big), and share links
//! (`share`).

pub mod files;
pub mod plan_reader;
pub mod share;
