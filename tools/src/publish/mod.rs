//! `sma-tools publish`: puts `releases/*.md` and their files on a Worker (local, staging or
//! production), releases only, never demo customers.
//!
//! Everything is checked before anything is written: each artifact is either stored already
//! with the recorded size and SHA-256, or its local file has exactly them (a file that differs
//! is refused, and so is other stored bytes under its name: a stored artifact is never
//! replaced); each release passes the Worker's checks in a dry run. Then the missing files go
//! up (in one request, or in parts above the Worker's request limit; the Worker checks every
//! file's SHA-256 again), and only then the releases are recorded. A second run finds nothing
//! to do and says so; `--dry-run` says what a run would change and changes nothing.
//!
//! `--demo` publishes the demo files of `artifacts` instead of files from a folder (local
//! development only). `withdraw`/`restore` hide a release and bring it back.

pub mod api;
pub mod cli;
#[cfg(test)]
mod fake;
#[cfg(test)]
mod tests;

use crate::{artifacts, releases};
use api::{AdminApi, Bytes, CallError};
use sha2::{Digest, Sha256};
use sma_shared::api::{PublishOutcome, UploadedPart};
use sma_shared::releases::{artifact_key, parts, Artifact, Part, Release, Version};
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Where the artifacts' bytes come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// Files at `<dir>/<version>/<file name>`, as the release files record them.
    Files(PathBuf),
    /// The demo generator (`artifacts`): stand-ins for large files except those asked for in
    /// full (`--full-size`), generated into `cache`.
    Demo {
        /// Where generated files are kept.
        cache: PathBuf,
        /// The ids generated at full size (`largest` for the newest final release's largest).
        full_size: String,
    },
}

/// What to publish and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// The folder of `<version>.md` files.
    pub releases: PathBuf,
    /// Where the files are.
    pub source: Source,
    /// Only say what would change.
    pub dry_run: bool,
    /// Files above this many bytes go up in parts (the Worker's request limit, with room).
    pub single_limit: u64,
    /// The size of each part but the last.
    pub part_size: u64,
}

/// The defaults: Cloudflare takes request bodies up to 100 MB (Free and Pro plans); files above
/// 95 MiB go up in parts of 16 MiB.
pub const SINGLE_LIMIT: u64 = 95 * 1024 * 1024;
/// See [`SINGLE_LIMIT`].
pub const PART_SIZE: u64 = 16 * 1024 * 1024;

/// What a run did (or, dry, would do).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Releases recorded for the first time.
    pub created: Vec<String>,
    /// Releases recorded again with other contents.
    pub updated: Vec<String>,
    /// Releases recorded exactly so already.
    pub unchanged: usize,
    /// Files uploaded: key, size, parts (0 for one request).
    pub uploaded: Vec<(String, u64, usize)>,
    /// Files stored already.
    pub stored: usize,
}

impl Summary {
    /// Whether the run changed (or would change) nothing.
    pub fn is_empty(&self) -> bool {
        self.created.is_empty() && self.updated.is_empty() && self.uploaded.is_empty()
    }
}

/// One artifact of the run.
struct Planned {
    version: Version,
    artifact: Artifact,
    path: PathBuf,
    /// `None` when stored already; the parts (none for one request) when it must go up.
    upload: Option<Vec<Part>>,
}

/// Publishes the releases of `opts` through `api`, reporting to `out`.
pub fn publish(opts: &Options, api: &dyn AdminApi, out: &mut dyn Write) -> Result<Summary, String> {
    let resolved = resolve(opts)?;
    let mut problems = Vec::new();
    let mut planned = Vec::new();
    for (release, paths) in &resolved {
        for (artifact, path) in release.artifacts.iter().zip(paths) {
            let key = artifact_key(&release.version, &artifact.name);
            let stored = api
                .artifact(&release.version, &artifact.name)
                .map_err(|e| format!("{key}: {e}"))?;
            let upload = match stored {
                Some(s)
                    if s.size == artifact.size && s.sha256.as_deref() == Some(&artifact.sha256) =>
                {
                    None
                }
                Some(s) => {
                    problems.push(format!(
                        "{key} is stored with other bytes ({} bytes, SHA-256 {}) than {}.md records ({} bytes, {}). A stored artifact is never replaced: publish the new file under a new file name.",
                        s.size,
                        s.sha256.as_deref().unwrap_or("unknown"),
                        release.version,
                        artifact.size,
                        artifact.sha256
                    ));
                    continue;
                }
                None => match check_file(path, artifact, &release.version) {
                    Ok(()) => Some(upload_parts(artifact.size, opts)?),
                    Err(problem) => {
                        problems.push(problem);
                        continue;
                    }
                },
            };
            planned.push(Planned {
                version: release.version.clone(),
                artifact: artifact.clone(),
                path: path.clone(),
                upload,
            });
        }
    }
    let mut outcomes = Vec::new();
    for (release, _) in &resolved {
        match api.publish(release, true) {
            Ok(answer) => outcomes.push(answer.outcome),
            Err(e @ CallError::Refused { .. }) => {
                problems.push(format!("{}: {e}", release.version));
                outcomes.push(PublishOutcome::Unchanged);
            }
            Err(e) => return Err(format!("{}: {e}", release.version)),
        }
    }
    if !problems.is_empty() {
        line(out, "Refused; nothing was changed:")?;
        for p in &problems {
            line(out, &format!("  - {p}"))?;
        }
        return Err(format!(
            "{} problem(s); nothing was changed",
            problems.len()
        ));
    }
    let summary = plan_summary(&resolved, &planned, &outcomes);
    report_plan(out, &summary, &planned, opts.dry_run)?;
    report_unlisted(out, api, &resolved, &opts.releases)?;
    if summary.is_empty() {
        line(
            out,
            &format!(
                "Nothing to change: {} releases and {} artifacts are published as their files say.",
                resolved.len(),
                planned.len()
            ),
        )?;
        return Ok(summary);
    }
    if opts.dry_run {
        line(out, "Dry run: nothing was changed.")?;
        return Ok(summary);
    }
    for p in planned.iter().filter(|p| p.upload.is_some()) {
        upload(api, p).map_err(|e| {
            format!(
                "{}: {e}; no release was recorded by this run (files uploaded so far stay stored, a new run skips them)",
                artifact_key(&p.version, &p.artifact.name)
            )
        })?;
    }
    for ((release, _), outcome) in resolved.iter().zip(&outcomes) {
        if *outcome != PublishOutcome::Unchanged {
            let done = api
                .publish(release, false)
                .map_err(|e| format!("{}: {e}", release.version))?;
            let word = match done.outcome {
                PublishOutcome::Created => "created",
                PublishOutcome::Updated => "updated",
                PublishOutcome::Unchanged => "unchanged",
            };
            line(out, &format!("  recorded {} ({word})", release.version))?;
        }
    }
    line(out, &format!(
        "Published: {} created, {} updated, {} unchanged; {} artifacts uploaded ({}), {} already stored.",
        summary.created.len(),
        summary.updated.len(),
        summary.unchanged,
        summary.uploaded.len(),
        megabytes(summary.uploaded.iter().map(|u| u.1).sum()),
        summary.stored
    ))?;
    Ok(summary)
}

/// The releases of the folder as they are published, each with the local file of each
/// artifact (demo stand-ins replace the records of large files).
fn resolve(opts: &Options) -> Result<Vec<(Release, Vec<PathBuf>)>, String> {
    let releases = releases::read_dir(&opts.releases)?;
    match &opts.source {
        Source::Files(dir) => Ok(releases
            .into_iter()
            .map(|r| {
                let paths = r
                    .artifacts
                    .iter()
                    .map(|a| dir.join(r.version.to_string()).join(&a.name))
                    .collect();
                (r, paths)
            })
            .collect()),
        Source::Demo { cache, full_size } => {
            let full = artifacts::FullSize::parse(full_size, &releases)?;
            releases
                .into_iter()
                .map(|mut r| {
                    let mut paths = Vec::new();
                    for a in &mut r.artifacts {
                        let (path, published) = artifacts::demo(a, &full, cache)?;
                        if published.size == a.size && published.sha256 != a.sha256 {
                            return Err(format!(
                                "{}: the demo file {} has SHA-256 {}, {}.md records {}",
                                a.id,
                                path.display(),
                                published.sha256,
                                r.version,
                                a.sha256
                            ));
                        }
                        *a = published;
                        paths.push(path);
                    }
                    Ok((r, paths))
                })
                .collect()
        }
    }
}

/// Whether the local file has the size and SHA-256 the release records.
fn check_file(path: &Path, a: &Artifact, version: &Version) -> Result<(), String> {
    let size = std::fs::metadata(path)
        .map_err(|e| {
            format!(
                "{}: {e} (artifact {} of {version}.md)",
                path.display(),
                a.id
            )
        })?
        .len();
    if size != a.size {
        return Err(format!(
            "{} has {size} bytes, {version}.md records {} for {}: it is not the released file.",
            path.display(),
            a.size,
            a.id
        ));
    }
    let sha256 = file_sha256(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if sha256 != a.sha256 {
        return Err(format!(
            "{} has SHA-256 {sha256}, {version}.md records {} for {}: it is not the released file (altered or replaced); refused.",
            path.display(),
            a.sha256,
            a.id
        ));
    }
    Ok(())
}

/// The SHA-256 of bytes in memory (lower-case hex).
#[cfg(test)]
fn file_sha256_of(bytes: &[u8]) -> String {
    artifacts::hex(&Sha256::digest(bytes))
}

/// The SHA-256 of a file, read in chunks.
pub fn file_sha256(path: &Path) -> io::Result<String> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1024 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(artifacts::hex(&hasher.finalize()))
}

/// The parts of a file of `size` bytes: none (one request) up to the single limit.
fn upload_parts(size: u64, opts: &Options) -> Result<Vec<Part>, String> {
    if size <= opts.single_limit {
        return Ok(Vec::new());
    }
    parts(size, opts.part_size).ok_or_else(|| {
        format!(
            "a file of {size} bytes does not fit R2's parts of {} bytes (at least 5 MiB, at most 10 000 parts)",
            opts.part_size
        )
    })
}

/// Uploads one file: in one request, or start, parts, complete (aborted on a failure).
fn upload(api: &dyn AdminApi, p: &Planned) -> Result<(), CallError> {
    let (v, a) = (&p.version, &p.artifact);
    let parts = p.upload.as_deref().unwrap_or_default();
    if parts.is_empty() {
        api.put_artifact(v, &a.name, Bytes::whole(&p.path, a.size), &a.sha256)?;
        return Ok(());
    }
    let upload_id = api.start_upload(v, &a.name, &a.sha256, a.size)?;
    let joined = (|| {
        let mut done: Vec<UploadedPart> = Vec::new();
        for part in parts {
            done.push(api.put_part(
                v,
                &a.name,
                &upload_id,
                part.number,
                Bytes::part(&p.path, *part),
            )?);
        }
        api.complete(v, &a.name, &upload_id, done)
    })();
    if let Err(e) = joined {
        api.abort(v, &a.name, &upload_id).ok();
        return Err(e);
    }
    Ok(())
}

fn plan_summary(
    resolved: &[(Release, Vec<PathBuf>)],
    planned: &[Planned],
    outcomes: &[PublishOutcome],
) -> Summary {
    let mut s = Summary::default();
    for ((release, _), outcome) in resolved.iter().zip(outcomes) {
        match outcome {
            PublishOutcome::Created => s.created.push(release.version.to_string()),
            PublishOutcome::Updated => s.updated.push(release.version.to_string()),
            PublishOutcome::Unchanged => s.unchanged += 1,
        }
    }
    for p in planned {
        match &p.upload {
            None => s.stored += 1,
            Some(parts) => s.uploaded.push((
                artifact_key(&p.version, &p.artifact.name),
                p.artifact.size,
                parts.len(),
            )),
        }
    }
    s
}

fn report_plan(
    out: &mut dyn Write,
    s: &Summary,
    planned: &[Planned],
    dry: bool,
) -> Result<(), String> {
    let verb = |now: &str, would: &str| {
        if dry {
            would.to_owned()
        } else {
            now.to_owned()
        }
    };
    for (key, size, parts) in &s.uploaded {
        let how = match parts {
            0 => "in one request".to_owned(),
            n => format!("in {n} parts"),
        };
        line(
            out,
            &format!(
                "  {} {key} ({}, {how})",
                verb("upload", "would upload"),
                megabytes(*size)
            ),
        )?;
    }
    for v in &s.created {
        line(
            out,
            &format!("  {} release {v}", verb("create", "would create")),
        )?;
    }
    for v in &s.updated {
        line(
            out,
            &format!("  {} release {v}", verb("update", "would update")),
        )?;
    }
    if !s.is_empty() {
        line(
            out,
            &format!(
                "  unchanged: {} releases, {} of {} artifacts stored already",
                s.unchanged,
                s.stored,
                planned.len()
            ),
        )?;
    }
    Ok(())
}

/// Notes the releases stored on the Worker that the folder does not have (publishing never
/// removes one).
fn report_unlisted(
    out: &mut dyn Write,
    api: &dyn AdminApi,
    resolved: &[(Release, Vec<PathBuf>)],
    dir: &Path,
) -> Result<(), String> {
    let stored = api
        .releases()
        .map_err(|e| format!("listing the stored releases: {e}"))?;
    let unlisted: Vec<String> = stored
        .iter()
        .filter(|s| s.withdrawn.is_none())
        .filter(|s| !resolved.iter().any(|(r, _)| r.version == s.version))
        .map(|s| s.version.to_string())
        .collect();
    if !unlisted.is_empty() {
        line(out, &format!(
            "  note: published but not in {}: {} (publishing never removes a release; `sma-tools withdraw VERSION --reason TEXT` hides one)",
            dir.display(),
            unlisted.join(", ")
        ))?;
    }
    Ok(())
}

/// `sma-tools withdraw`/`restore`: hides a release (its downloads and links too) or brings it
/// back.
pub fn withdraw(
    api: &dyn AdminApi,
    version: &Version,
    reason: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), String> {
    let state = match reason {
        Some(reason) => api.withdraw(version, reason),
        None => api.restore(version),
    }
    .map_err(|e| format!("{version}: {e}"))?;
    let text = match (&state.withdrawn, state.changed) {
        (Some(w), true) => format!(
            "Withdrew {version} ({}): its page, downloads and links are gone.",
            w.reason
        ),
        (Some(w), false) => format!(
            "{version} was withdrawn already, on {} by {} ({}).",
            w.at, w.by, w.reason
        ),
        (None, true) => format!("Restored {version}: it is published again."),
        (None, false) => format!("{version} is published; nothing to restore."),
    };
    line(out, &text)
}

fn line(out: &mut dyn Write, text: &str) -> Result<(), String> {
    writeln!(out, "{text}").map_err(|e| e.to_string())
}

/// Bytes as megabytes with one decimal (`41.9 MB`).
fn megabytes(bytes: u64) -> String {
    let tenths = (bytes + 50_000) / 100_000;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}
