//! The release pages' parts, grouped with their pure logic (`model`, unit-tested): the filter
//! form (`filters`), the timeline (`timeline`), "what's new since my version" (`since`), the
//! compatibility matrix (`compat`), changelog building blocks (`notes`), a release's files
//! (`artifacts`) and, for a signed-in customer, what each installation may download
//! (`entitlement`).

pub mod artifacts;
pub mod compat;
pub mod entitlement;
pub mod filters;
pub mod model;
pub mod notes;
pub mod since;
pub mod timeline;
