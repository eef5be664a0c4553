//! HTTP plumbing shared by every route, one job per module. The pure decisions (limits, the
//! same-origin rule, cookies, headers) take plain values and are tested natively; the thin
//! adapters to `worker::Request`/`Response` sit beside them.

pub mod allow;
pub mod cache;
pub mod cookie;
pub mod csrf;
pub mod headers;
pub mod ids;
pub mod limits;
pub mod request;
pub mod respond;
