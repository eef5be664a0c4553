//! The pure logic of the release pages, unit-tested: the browser's state in the URL
//! (`query`), search and changelog entries (`search`), the releases between versions and
//! what an installation missed (`history`), the compatibility matrices (`compat`), the options
//! of a version select (`options`).

mod compat;
mod history;
mod options;
mod query;
mod search;

pub use compat::*;
pub use history::*;
pub use options::*;
pub use query::*;
pub use search::*;
