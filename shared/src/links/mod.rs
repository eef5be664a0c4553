//! Downloads (api.md `POST /api/downloads`, `GET /dl/...`): signed, expiring links and the
//! byte range of a download.
//!
//! - `keys.rs`: [`LinkKeys`], the key ring from the Worker's secrets;
//! - `signing.rs`: [`LinkClaims`], [`sign`], [`verify`], [`link_ttl`];
//! - `byte_range.rs`: [`ByteRange`], the `Range` of a download.

mod byte_range;
mod keys;
mod signing;

pub use byte_range::*;
pub use keys::*;
pub use signing::*;
