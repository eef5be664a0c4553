//! Release information (pricing.md section 7 decides who may download what; this chapter only
//! describes releases): versions, the release model, the release browser's filters and the
//! Atom feed.
//!
//! - `version.rs`: [`Version`], semver order;
//! - `release.rs`: [`Release`], its [`Channel`], notes by [`Category`], compatibility and
//!   artifacts;
//! - `filter.rs`: [`ReleaseFilter`], the validated filters of `GET /api/releases`;
//! - `feed.rs`: [`atom_feed`];
//! - `frame.rs`: [`release_frame`], what a release's page paints before the Wasm;
//! - `publishing.rs`: what may be published ([`check_publishable`]), where an artifact's
//!   bytes live ([`artifact_key`]) and the [`parts`] of a large upload.

mod feed;
mod filter;
mod frame;
mod publishing;
mod release;
mod version;

pub use feed::*;
pub use filter::*;
pub use frame::*;
pub use publishing::*;
pub use release::*;
pub use version::*;
