//! The calculator: its state and logic (`model`), its inputs and its results.

pub mod inputs;
pub mod model;
pub mod results;
