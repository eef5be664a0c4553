//! The operator's operations (admin token): artifacts in R2, release records and their
//! withdrawal, the audit log, the renewal run.

use serde_json::{json, Value};
use sma_shared::accounts::{IMPORT_COLUMNS, IMPORT_EXTRA_COLUMNS, IMPORT_MAX_ROWS};
use sma_shared::api::{
    AuditPage, ImportCommit, ImportPartStaged, ImportReport, ImportStarted, ReleasePublish,
    ReleasePublished, RenewalReport, RenewalRun, StoredArtifact, StoredReleaseList, UploadComplete,
    UploadStart, UploadStarted, UploadedPart, WithdrawalRequest, WithdrawalState,
    AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX, RENEWAL_RUN_MAX_IDS,
};
use sma_shared::releases::{MAX_ARTIFACTS, MIN_PART_SIZE};

use super::ops::{path_param, query_param, Auth, Op};
use super::schemas::Schemas;

const ARTIFACT: &str = "/api/admin/artifacts/{version}/{name}";

fn version() -> Value {
    path_param(
        "version",
        "The release's version, e.g. `6.1.2`.",
        json!({"$ref": "#/components/schemas/Version"}),
    )
}

fn name() -> Value {
    path_param(
        "name",
        "The artifact's file name: 1–200 letters, digits, `.`, `_`, `-`, `+`, not starting with a dot. The R2 key is `releases/{version}/{name}`.",
        json!({"type": "string", "pattern": "^[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,199}$"}),
    )
}

fn upload_id() -> Value {
    json!({"name": "upload_id", "in": "query", "required": true, "description": "The id `POST .../uploads` answered.", "schema": {"type": "string", "minLength": 1, "maxLength": 1024}})
}

fn octets(op: Op, description: &str) -> Op {
    op.raw_body(
        description,
        json!({"application/octet-stream": {"schema": {"type": "string", "contentMediaType": "application/octet-stream"}}}),
    )
}

const BAD_UPLOAD: &str = "`malformed_request`: the path's version or file name is not valid, or a header the upload needs is missing (`x-sha256`, `Content-Length`: chunked bodies are not stored); `field` names it.";

/// The operator's operations.
pub fn operations(s: &mut Schemas, error: &Value) -> Vec<Op> {
    let mut ops = artifacts(s, error);
    ops.extend(releases(s, error));
    ops.push(
        Op::new("get", "/api/admin/audit", "listAudit", "admin", "The audit log, newest first", error)
            .describe("Recent admin and customer actions, newest first, one page at a time: orders, auto-renew switches, download links, the renewal engine's actions, and the operators' actions (`admin:<name>`: publishing, withdrawing, storing artifacts, renewal runs). `next_after` is the `after` of the next (older) page, `null` on the last.")
            .auth(Auth::Admin)
            .param(query_param("after", "Only entries older than this entry id (the previous page's `next_after`).", json!({"type": "integer", "minimum": 1}), "1200"))
            .param(query_param("limit", &format!("Entries per page, 1–{AUDIT_PAGE_MAX}; default {AUDIT_PAGE_DEFAULT}."), json!({"type": "integer", "minimum": 1, "maximum": AUDIT_PAGE_MAX}), "50"))
            .json(200, "One page.", s.response::<AuditPage>(), json!({}))
            .error(422, "`invalid_paging`: `after` or `limit` is not a number in its range; `field` names it.", &["invalid_paging"]),
    );
    ops.extend(imports(s, error));
    ops.push(
        Op::new("post", "/api/admin/renewals/run", "runRenewals", "admin", "Run the renewal engine for a chosen date", error)
            .describe(&format!("What the daily cron does for today: at each due anniversary an auto-renewing SMA gets its renewal order (once per installation and anniversary); cancelled coverage whose end has come lapses (with an e-mail); 30 days before each cancellation deadline a reminder e-mail. Running it twice for a date changes nothing the second time.\n\n`date` defaults to today (UTC); a date after today is refused outside local development (`ENVIRONMENT=dev`): 422 `date_in_future`. `installation_ids` runs at once for at most {RENEWAL_RUN_MAX_IDS} installations (422 `too_many_installations` above). Without them the run is the daily one: every installation whose next event day has come (found by an index) is handed to the renewal queue in batches, worked after the answer (`queued` says how many; `actions` is empty); a dry run without ids lists the first {RENEWAL_RUN_MAX_IDS} due (`more` when there are others). With `dry_run` the same planning runs and nothing is written: the answer lists the renewals with their amounts, the reminders and the lapses it would make, without order ids. A run that is not dry is audited as `renewals.run` by the operator."))
            .auth(Auth::Admin)
            .body(s.request::<RenewalRun>(), json!({"date": {"value": {"date": "2027-03-10"}}, "dry run": {"value": {"date": "2027-03-10", "dry_run": true}}}))
            .json(200, "What the run did (or would do).", s.response::<RenewalReport>(), json!({}))
            .malformed()
            .error(422, "`invalid_date` (not a calendar date), `date_in_future` (after today outside local development) or `too_many_installations`; `field` names the input.", &["invalid_date", "date_in_future", "too_many_installations"]),
    );
    ops
}

const REJECTED: &str = "`import_rejected`: `rows` lists every rejected row (`row` the file's line, the header being line 1), its column (`field`) and why (`message`); nothing was written.";

fn csv_body(op: Op, description: &str) -> Op {
    op.raw_body(
        description,
        json!({"text/csv": {"schema": {"type": "string"}}}),
    )
}

fn import_id() -> Value {
    path_param(
        "id",
        "The import's id (`POST /api/admin/imports`).",
        json!({"type": "string", "minLength": 1, "maxLength": 64}),
    )
}

/// The customer import: a whole file, or a larger one in parts.
fn imports(s: &mut Schemas, error: &Value) -> Vec<Op> {
    let columns = IMPORT_COLUMNS.join(",");
    let extra = IMPORT_EXTRA_COLUMNS.join("`, `");
    vec![
        csv_body(
            Op::new("post", "/api/admin/imports/customers", "importCustomers", "admin", "Import customers and installations from CSV", error)
                .describe(&format!("The vendor's order data (for the ERP and `sma-tools import`): a CSV file with the header `{columns}`, optionally followed by any of `{extra}`; `modules` as `sku:qty;sku:qty`, `coverage` one of `sma` (with `sma_state` `active`, `cancelled` and its `cancelled_on`, or `lapsed` and its `term_end`), `legacy` (a Maintenance Contract from `coverage_start` with its `legacy_fee_basis`, its ordered terms ending on `term_end`) or `none`. Every row is checked first; any rejected row is 422 `import_rejected` with `rows` naming each one, its column and why, and nothing is written. A valid file is applied whole in one D1 batch, audited as `customers.import`; installations are matched by licence number and customers by `customer_ref`, so the same file imported again changes nothing (`unchanged`). A file above the 64 KiB body limit goes in parts (`POST /api/admin/imports`).")),
            "The CSV file.",
        )
        .auth(Auth::Admin)
        .json(200, "What was created or changed, and the rows stored exactly so already.", s.response::<ImportReport>(), json!({}))
        .malformed()
        .error(422, REJECTED, &["import_rejected"]),
        Op::new("post", "/api/admin/imports", "beginImport", "admin", "Begin an import in parts", error)
            .describe(&format!("For a file above the 64 KiB body limit (up to {IMPORT_MAX_ROWS} rows): its parts are staged under the import's id, nothing is written until the commit, which applies the whole file in one D1 batch or nothing. An import not committed within a day is removed."))
            .auth(Auth::Admin)
            .json(201, "The import's id.", s.response::<ImportStarted>(), json!({})),
        csv_body(
            Op::new("post", "/api/admin/imports/{id}/parts", "stageImportPart", "admin", "Stage a part of an import", error)
                .describe("A part of the file: its header and a run of its rows, each checked as in `importCustomers`. A part sent again (a retry) replaces its rows. A rejected part is 422 naming its rows by their row in the whole file; the import can then no longer be committed (send the corrected file as a new import).")
                .auth(Auth::Admin)
                .param(import_id())
                .param(query_param("first_row", "The row of the part's first record in the whole file (the header being row 1); default 2.", json!({"type": "integer", "minimum": 2}), "402")),
            "The part, as CSV with the file's header.",
        )
        .json(200, "The part's rows, staged.", s.response::<ImportPartStaged>(), json!({}))
        .malformed()
        .error(422, REJECTED, &["import_rejected"])
        .not_found("no such import (or it was committed, removed or is older than a day)."),
        Op::new("post", "/api/admin/imports/{id}/commit", "commitImport", "admin", "Apply an import in parts", error)
            .describe("Checks the staged rows across the parts (a licence number twice, a customer's rows that disagree), then applies them in one D1 batch as `importCustomers` does: the answer is the same. `rows` must be the file's number of rows, so that a part that did not arrive fails the commit instead of importing less.")
            .auth(Auth::Admin)
            .param(import_id())
            .body(s.request::<ImportCommit>(), json!({"rows": {"value": {"rows": 10000}}}))
            .json(200, "What was created or changed, and the rows stored exactly so already.", s.response::<ImportReport>(), json!({}))
            .malformed()
            .error(422, REJECTED, &["import_rejected"])
            .not_found("no such import."),
        Op::new("delete", "/api/admin/imports/{id}", "removeImport", "admin", "Abandon an import in parts", error)
            .describe("Removes the staged rows; nothing is written. Removing it twice changes nothing.")
            .auth(Auth::Admin)
            .param(import_id())
            .answer(204, json!({"description": "Removed."})),
    ]
}

fn artifacts(s: &mut Schemas, error: &Value) -> Vec<Op> {
    let uploads = format!("{ARTIFACT}/uploads");
    vec![
        Op::new("get", ARTIFACT, "getArtifact", "admin", "What is stored for an artifact", error)
            .describe("The R2 key, the stored size and the SHA-256 the bytes were checked against, so that an upload can be skipped when exactly this file is stored.")
            .auth(Auth::Admin)
            .param(version())
            .param(name())
            .json(200, "The stored object.", s.response::<StoredArtifact>(), json!({}))
            .error(400, BAD_UPLOAD, &["malformed_request"])
            .not_found("nothing stored under this key."),
        octets(
            Op::new("put", ARTIFACT, "putArtifact", "admin", "Store an artifact's file in one request", error)
                .describe("Streams the body into R2, checked against `x-sha256` (a mismatch stores nothing: 422 `checksum_mismatch`). A stored artifact is never replaced: exactly these bytes stored already answer 200, other bytes 409 (a new file needs a new file name). Files above the Worker's request limit (100 MB on Cloudflare's Free and Pro plans) go up in parts (`/uploads`). This operation and the parts are the only ones without the 64 KiB limit.")
                .auth(Auth::Admin)
                .unlimited()
                .param(version())
                .param(name())
                .param(json!({"name": "x-sha256", "in": "header", "required": true, "description": "The SHA-256 of the body, 64 hex digits.", "schema": {"type": "string", "pattern": "^[0-9a-fA-F]{64}$"}})),
            "The file.",
        )
        .json(200, "Exactly these bytes were stored already; nothing changed.", s.response::<StoredArtifact>(), json!({}))
        .json(201, "Stored (audited as `artifact.store`).", s.response::<StoredArtifact>(), json!({}))
        .error(400, BAD_UPLOAD, &["malformed_request"])
        .error(409, "`conflict`: other bytes are stored under this name.", &["conflict"])
        .error(422, "`checksum_mismatch`: the body does not have the declared SHA-256; nothing was stored.", &["checksum_mismatch"]),
        Op::new("post", &uploads, "startArtifactUpload", "admin", "Start an upload in parts", error)
            .describe(&format!("For files above the request limit: R2 multipart. Then `PUT .../uploads/{{part}}` for each part (all but the last of one size, at least {MIN_PART_SIZE} bytes) and `POST .../complete`. The size and SHA-256 given here are checked when the parts are joined."))
            .auth(Auth::Admin)
            .param(version())
            .param(name())
            .body(s.request::<UploadStart>(), json!({}))
            .json(201, "The upload's id.", s.response::<UploadStarted>(), json!({}))
            .malformed()
            .error(409, "`conflict`: something is stored under this name already.", &["conflict"]),
        Op::new("delete", &uploads, "abortArtifactUpload", "admin", "Abandon an upload in parts", error)
            .describe("Deletes the parts stored so far. Aborting an upload twice changes nothing.")
            .auth(Auth::Admin)
            .param(version())
            .param(name())
            .param(upload_id())
            .answer(204, json!({"description": "Abandoned."}))
            .error(400, BAD_UPLOAD, &["malformed_request"])
            .not_found("no such upload."),
        octets(
            Op::new("put", format!("{uploads}/{{part}}"), "putArtifactPart", "admin", "Store one part of an upload", error)
                .describe("Streams one part into R2 (storing a part again replaces it).")
                .auth(Auth::Admin)
                .unlimited()
                .param(version())
                .param(name())
                .param(path_param("part", "The part number, 1–10000.", json!({"type": "integer", "minimum": 1, "maximum": 10000})))
                .param(upload_id()),
            "The part's bytes.",
        )
        .json(200, "The part, with the ETag the completion lists.", s.response::<UploadedPart>(), json!({}))
        .error(400, BAD_UPLOAD, &["malformed_request"])
        .not_found("no such upload."),
        Op::new("post", format!("{ARTIFACT}/complete"), "completeArtifactUpload", "admin", "Join the parts into the file", error)
            .describe("Joins the parts, then reads the file back and checks its size and SHA-256 against those the upload started with: a mismatch removes it again (422 `checksum_mismatch`).")
            .auth(Auth::Admin)
            .param(version())
            .param(name())
            .body(s.request::<UploadComplete>(), json!({}))
            .json(201, "Stored (audited as `artifact.store`).", s.response::<StoredArtifact>(), json!({}))
            .malformed()
            .not_found("no such upload.")
            .error(409, "`conflict`: something was stored under this name meanwhile; the upload is abandoned.", &["conflict"])
            .error(422, "`checksum_mismatch` (the joined file is not the declared one; nothing stored) or `upload_rejected` (R2 refused the parts, e.g. one below the minimum size).", &["checksum_mismatch", "upload_rejected"]),
    ]
}

fn releases(s: &mut Schemas, error: &Value) -> Vec<Op> {
    let release = path_param(
        "version",
        "The release's version.",
        json!({"type": "string"}),
    );
    let withdrawal = "/api/admin/releases/{version}/withdrawal";
    vec![
        Op::new("get", "/api/admin/releases", "listStoredReleases", "admin", "Every stored release", error)
            .describe("Every release, newest first, withdrawn ones too (with when, by whom and why).")
            .auth(Auth::Admin)
            .json(200, "The releases.", s.response::<StoredReleaseList>(), json!({})),
        Op::new("put", "/api/admin/releases/{version}", "publishRelease", "admin", "Record a release", error)
            .describe(&format!("Records the release as its file describes it, replacing what is stored of that version (a withdrawal stays). Every artifact (at most {MAX_ARTIFACTS}) must be stored in R2 first with the recorded size and SHA-256 (422 `artifact_missing` / `artifact_mismatch`); an artifact id of another release is a 409. The same release again changes nothing (`unchanged`). With `dry_run` nothing is written and the artifacts need not be stored yet: the answer says what would change. Audited as `release.publish`."))
            .auth(Auth::Admin)
            .param(release.clone())
            .body(s.request::<ReleasePublish>(), json!({}))
            .json(200, "Updated, unchanged, or a dry run's answer.", s.response::<ReleasePublished>(), json!({}))
            .json(201, "Created.", s.response::<ReleasePublished>(), json!({}))
            .malformed()
            .not_found("the path's version is not a version.")
            .error(409, "`conflict`: an artifact id belongs to another release.", &["conflict"])
            .error(422, "`version_mismatch` (the body's version is not the path's), `invalid_release` (a rule of a release file broken; `field` is its path), `artifact_missing` or `artifact_mismatch` (the bytes are not stored as recorded).", &["version_mismatch", "invalid_release", "artifact_missing", "artifact_mismatch"]),
        Op::new("put", withdrawal, "withdrawRelease", "admin", "Withdraw a release", error)
            .describe("Hides the release from the release list, its page and the Atom feed, and refuses its downloads: new links (404) and links issued before (404). Kept for the record; publishing it again does not bring it back, `DELETE` does. Withdrawing twice changes nothing (`changed: false`). Audited as `release.withdraw`.")
            .auth(Auth::Admin)
            .param(release.clone())
            .body(s.request::<WithdrawalRequest>(), json!({"reason": {"value": {"reason": "The installer fails on Windows Server 2019; use 6.1.1."}}}))
            .json(200, "The release's state.", s.response::<WithdrawalState>(), json!({}))
            .malformed()
            .not_found("no release of this version.")
            .error(422, "`invalid_reason`: the reason is empty or longer than 500 characters.", &["invalid_reason"]),
        Op::new("delete", withdrawal, "restoreRelease", "admin", "Publish a withdrawn release again", error)
            .describe("Ends a withdrawal; restoring a release that is not withdrawn changes nothing (`changed: false`). Audited as `release.restore`.")
            .auth(Auth::Admin)
            .param(release)
            .json(200, "The release's state.", s.response::<WithdrawalState>(), json!({}))
            .not_found("no release of this version."),
    ]
}
