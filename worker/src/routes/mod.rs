//! The HTTP routes, one module per resource of api.md. Every handler has the shape
//! `async fn(Request, Cx) -> ApiResult` (see `context::to`) and reads parse → `shared` → store →
//! respond. Route modules never import each other: what several of them need lives in
//! `access`, `http`, `store` or `renewal_run`.

pub mod artifacts;
pub mod audit;
pub mod dev;
pub mod downloads;
pub mod imports;
pub mod installations;
pub mod me;
pub mod meta;
pub mod orders;
pub mod publishing;
pub mod quotes;
pub mod registrations;
pub mod releases;
pub mod renewals;
pub mod sales;
pub mod session;
pub mod tokens;
pub mod users;
