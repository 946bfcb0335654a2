//! The plan read with its dates: the checks that need the schedule as well as the plan.
//! `model` stays below `schedule` (it imports nothing above itself); these sit above both.
//!
//! - [`change`]: what an edit did to the schedule, in a sentence;
//! - [`earned_value`]: planned and earned value, actual cost, CPI, SPI and the estimate
//!   at completion, by MS Project's formulas;
//! - [`raci`]: the RACI rules (one Accountable, someone Responsible, too many Consulted)
//!   and people Responsible for too many tasks on one day;
//! - [`risk`]: open risks that threaten tasks on the critical path.

pub mod change;
pub mod earned_value;
pub mod raci;
pub mod risk;
