//! `POST /api/admin/imports/customers` (admin token): customers and installations from the
//! vendor's order data as CSV (api.md "Operating"), for the ERP and `sma-tools import`. Every
//! row is checked first (`shared::accounts::parse_import`): any rejected row is 422
//! `import_rejected` naming all of them, and nothing is written; a valid file is written in one
//! D1 batch with its audit entry; importing the same file again changes nothing.

use crate::access::require_admin;
use crate::context::Cx;
use crate::error::{ApiError, ApiResult};
use crate::http::{ids, request, respond};
use crate::store::imports::ImportStore;
use sma_shared::accounts::parse_import;
use sma_shared::PriceBooks;
use worker::Request;

/// Imports a CSV file: 200 `{"customers", "installations", "unchanged"}`.
pub async fn customers(mut req: Request, cx: Cx) -> ApiResult {
    let admin = require_admin(&req, cx.env())?;
    let text = request::read_text(&mut req, "text/csv").await?;
    let file =
        parse_import(&text, PriceBooks::demo(), cx.today()).map_err(ApiError::ImportRejected)?;
    let db = cx.db()?;
    let report = ImportStore::new(&db)
        .import(
            &file,
            cx.today(),
            &admin.actor(),
            &cx.now().iso(),
            ids::random_id,
        )
        .await?;
    respond::ok(&report)
}
