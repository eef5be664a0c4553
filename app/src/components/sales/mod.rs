//! "Ask sales about this": the short form of the calculator and of every installation card
//! (`ask`), and its pure logic (`model`).

pub mod ask;
pub mod model;
