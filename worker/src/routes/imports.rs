//! Customers and installations from the vendor's order data as CSV (api.md "Operating"), for
//! the ERP and `sma-tools import` (admin token). `POST /api/admin/imports/customers` takes a
//! whole file (up to the 64 KiB body limit); a larger file goes in parts: `POST
//! /api/admin/imports` begins one, `POST .../{id}/parts?first_row=` stages each part, `POST
//! .../{id}/commit` applies it, `DELETE .../{id}` drops it. Every row is checked when it arrives
//! (`shared::accounts::parse_import_part`) and again across the parts at the commit: any
//! rejected row is 422 `import_rejected` naming each, and nothing is written. A file is
//! applied in one D1 batch with its audit entry; importing the same file again changes nothing.

use crate::access::require_admin;
use crate::context::Cx;
use crate::error::{ApiError, ApiResult};
use crate::http::{ids, request, respond};
use crate::store::imports::{stale_before, ImportStore};
use sma_shared::accounts::{file_rejected, parse_import, parse_import_part, IMPORT_MAX_ROWS};
use sma_shared::api::{ImportCommit, ImportPartStaged, ImportStarted};
use sma_shared::PriceBooks;
use worker::Request;

/// Hours an import in parts may take before it is removed.
const IMPORT_HOURS: i64 = 24;

/// `POST /api/admin/imports/customers`: a whole file, 200 `{"customers", "installations",
/// "unchanged"}`.
pub async fn customers(mut req: Request, cx: Cx) -> ApiResult {
    let admin = require_admin(&req, cx.env())?;
    let text = request::read_text(&mut req, "text/csv").await?;
    let file =
        parse_import(&text, PriceBooks::demo(), cx.today()).map_err(ApiError::ImportRejected)?;
    let db = cx.db()?;
    let store = ImportStore::new(&db);
    let (id, at) = (ids::random_id("imp")?, cx.now().iso());
    let stale = stale_before(cx.now().at(), IMPORT_HOURS);
    let mut staging = store.begin(&id, &admin.actor(), &at, &stale)?;
    staging.push(store.stage(&id, &file, ids::random_id)?);
    respond::ok(&store.commit(&id, &admin.actor(), &at, staging).await?)
}

/// `POST /api/admin/imports`: 201 `{"import_id", "expires_at"}`.
pub async fn begin(req: Request, cx: Cx) -> ApiResult {
    let admin = require_admin(&req, cx.env())?;
    let db = cx.db()?;
    let id = ids::long_id("imp")?;
    let now = cx.now().at();
    ImportStore::new(&db)
        .start(
            &id,
            &admin.actor(),
            &cx.now().iso(),
            &stale_before(now, IMPORT_HOURS),
        )
        .await?;
    respond::created(&ImportStarted {
        import_id: id,
        expires_at: stale_before(now, -IMPORT_HOURS),
    })
}

/// `POST /api/admin/imports/{id}/parts?first_row=N`: 200 `{"staged"}`, or 422 naming the
/// part's rejected rows (the import then cannot be committed).
pub async fn part(mut req: Request, cx: Cx) -> ApiResult {
    require_admin(&req, cx.env())?;
    let first_row =
        match request::query_value(&req, "first_row")? {
            None => 2,
            Some(v) => v.parse::<usize>().ok().filter(|n| *n >= 2).ok_or_else(|| {
                ApiError::Malformed {
                message:
                    "first_row must be the row of the part's first record in the file (2 or more)."
                        .into(),
                field: Some("first_row".into()),
            }
            })?,
        };
    let text = request::read_text(&mut req, "text/csv").await?;
    let db = cx.db()?;
    let store = ImportStore::new(&db);
    let id = cx.param("id");
    match parse_import_part(&text, first_row, PriceBooks::demo(), cx.today()) {
        Ok(file) => match store.stage_part(id, &file, ids::random_id).await? {
            true => respond::ok(&ImportPartStaged {
                staged: file.installations.len(),
            }),
            false => Err(ApiError::NotFound),
        },
        Err(rows) => {
            if store.staged(id).await?.is_none() {
                return Err(ApiError::NotFound);
            }
            store.refuse_part(id, rows.len()).await?;
            Err(ApiError::ImportRejected(rows))
        }
    }
}

/// `POST /api/admin/imports/{id}/commit` `{"rows"}`: 200 `{"customers", "installations",
/// "unchanged"}`, or 422 with the rows that break a rule across the parts.
pub async fn commit(mut req: Request, cx: Cx) -> ApiResult {
    let admin = require_admin(&req, cx.env())?;
    let ask: ImportCommit = request::read_json(&mut req).await?;
    let db = cx.db()?;
    let store = ImportStore::new(&db);
    let id = cx.param("id");
    let staged = store.staged(id).await?.ok_or(ApiError::NotFound)?;
    let refuse = |message: String| {
        Err(ApiError::ImportRejected(vec![file_rejected(
            1, "file", message,
        )]))
    };
    if staged.rejected > 0 {
        return refuse(format!(
            "{} rows of its parts were rejected: send the corrected file again as a new import.",
            staged.rejected
        ));
    }
    if staged.staged as usize != ask.rows {
        return refuse(format!(
            "The file has {} rows, {} of them arrived: send the missing parts.",
            ask.rows, staged.staged
        ));
    }
    if ask.rows > IMPORT_MAX_ROWS {
        return refuse(format!(
            "An import holds at most {IMPORT_MAX_ROWS} rows; this one has {}: split it.",
            ask.rows
        ));
    }
    let conflicts = store.conflicts(id).await?;
    if !conflicts.is_empty() {
        return Err(ApiError::ImportRejected(conflicts));
    }
    respond::ok(
        &store
            .commit(id, &admin.actor(), &cx.now().iso(), Vec::new())
            .await?,
    )
}

/// `DELETE /api/admin/imports/{id}`: 204; the staged rows are removed, nothing is written.
pub async fn remove(req: Request, cx: Cx) -> ApiResult {
    require_admin(&req, cx.env())?;
    let db = cx.db()?;
    ImportStore::new(&db).remove(cx.param("id")).await?;
    respond::no_content()
}
