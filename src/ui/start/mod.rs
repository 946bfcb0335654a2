//! The start screen, a first visit's first view (in the first download, not a part):
//! new plan, the example program, import, and the plans kept in this browser.

mod page;

pub use page::StartScreen;
