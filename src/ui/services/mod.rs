//! What the views share that is not a view: printing (`print`), the exports of the
//! "More" menu (`export`), the clipboard (`clipboard`), share links (`share`), downloads
//! and the plan file picker (`files`), and reading plan files (`plan_reader`, in a
//! worker when big, with `parse_worker.js`).

pub mod clipboard;
pub mod export;
pub mod files;
pub mod plan_reader;
pub mod print;
pub mod share;
