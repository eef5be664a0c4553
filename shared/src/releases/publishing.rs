//! What may be published: the checks a release must pass before it is recorded (the Worker
//! applies them to every `PUT /api/admin/releases/{version}`, the publishing tool before it
//! uploads anything), where an artifact's bytes live in R2, and how a large file is cut into
//! the parts of an R2 multipart upload.

use super::{Release, Version, AREAS, MODULES};

/// R2's smallest part of a multipart upload (every part but the last).
pub const MIN_PART_SIZE: u64 = 5 * 1024 * 1024;

/// R2's largest number of parts of one upload.
pub const MAX_PARTS: u64 = 10_000;

/// The most artifacts one release may have (each is checked in R2 when it is recorded).
pub const MAX_ARTIFACTS: usize = 20;

/// Why a release cannot be published: the input at fault (a JSON path inside the release, e.g.
/// `artifacts[1].sha256`) and a sentence the operator can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct PublishProblem {
    /// The JSON path inside the release.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

/// The R2 key of an artifact's bytes: `releases/{version}/{name}`.
pub fn artifact_key(version: &Version, name: &str) -> String {
    format!("releases/{version}/{name}")
}

/// Whether `text` is a SHA-256 as releases record it: 64 lower-case hex digits.
pub fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Why `name` cannot be an artifact's file name, if it cannot: 1–200 characters of letters,
/// digits, `.`, `_`, `-` and `+`, not starting with a dot.
pub fn file_name_problem(name: &str) -> Option<&'static str> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+');
    if name.is_empty() || name.len() > 200 {
        Some("a file name has 1 to 200 characters")
    } else if name.starts_with('.') {
        Some("a file name must not start with a dot")
    } else if !name.chars().all(allowed) {
        Some("a file name may contain only letters, digits, '.', '_', '-' and '+'")
    } else {
        None
    }
}

/// Why `id` cannot be an artifact id (it is part of every download link), if it cannot.
fn id_problem(id: &str) -> Option<&'static str> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    if id.is_empty() || id.len() > 64 || !id.chars().all(allowed) {
        Some("an artifact id has 1 to 64 letters, digits, '.', '_' or '-'")
    } else {
        None
    }
}

/// Checks a release before it is recorded: texts present, note tags known, artifacts with
/// valid and distinct ids and file names, a size and a SHA-256 each.
pub fn check_publishable(release: &Release) -> Result<(), PublishProblem> {
    let problem = |field: String, message: &str| {
        Err(PublishProblem {
            field,
            message: message.to_owned(),
        })
    };
    if release.title.trim().is_empty() {
        return problem("title".into(), "a release needs a title");
    }
    if release.summary.trim().is_empty() {
        return problem("summary".into(), "a release needs a summary");
    }
    for (i, note) in release.notes.iter().enumerate() {
        if note.text.trim().is_empty() {
            return problem(format!("notes[{i}].text"), "a note needs a text");
        }
        if note.modules.is_empty() && note.areas.is_empty() {
            return problem(
                format!("notes[{i}]"),
                "a note needs at least one module or area",
            );
        }
        if let Some(m) = note.modules.iter().find(|m| !MODULES.contains(&m.as_str())) {
            return problem(
                format!("notes[{i}].modules"),
                &format!("unknown module `{m}`"),
            );
        }
        if let Some(a) = note.areas.iter().find(|a| !AREAS.contains(&a.as_str())) {
            return problem(format!("notes[{i}].areas"), &format!("unknown area `{a}`"));
        }
    }
    if release.artifacts.len() > MAX_ARTIFACTS {
        return problem(
            "artifacts".into(),
            &format!("a release has at most {MAX_ARTIFACTS} artifacts"),
        );
    }
    for (i, a) in release.artifacts.iter().enumerate() {
        let at = |f: &str| format!("artifacts[{i}].{f}");
        if let Some(p) = id_problem(&a.id) {
            return problem(at("id"), p);
        }
        if let Some(p) = file_name_problem(&a.name) {
            return problem(at("name"), p);
        }
        if a.platform.trim().is_empty() || a.kind.trim().is_empty() {
            return problem(at("kind"), "an artifact needs a platform and a kind");
        }
        if a.size == 0 {
            return problem(at("size"), "an artifact has at least one byte");
        }
        if !is_sha256_hex(&a.sha256) {
            return problem(
                at("sha256"),
                "the SHA-256 is 64 lower-case hexadecimal digits",
            );
        }
        let earlier = &release.artifacts[..i];
        if earlier.iter().any(|b| b.id == a.id) {
            return problem(at("id"), "two artifacts of a release have this id");
        }
        if earlier.iter().any(|b| b.name == a.name) {
            return problem(at("name"), "two artifacts of a release have this file name");
        }
    }
    Ok(())
}

/// One part of an upload in parts: its number (from 1), where it starts and how long it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    /// The part number, 1 to [`MAX_PARTS`].
    pub number: u16,
    /// The first byte's offset in the file.
    pub offset: u64,
    /// Its length in bytes.
    pub len: u64,
}

/// Cuts a file of `size` bytes into parts of `part_size` bytes (the last one shorter), as R2
/// wants them: every part but the last at least [`MIN_PART_SIZE`] and all of equal size, at
/// most [`MAX_PARTS`]. `None` when `part_size` is below the minimum or the file would need
/// more parts.
pub fn parts(size: u64, part_size: u64) -> Option<Vec<Part>> {
    if part_size < MIN_PART_SIZE || size == 0 || size.div_ceil(part_size) > MAX_PARTS {
        return None;
    }
    let mut out = Vec::new();
    let mut offset = 0;
    while offset < size {
        let len = part_size.min(size - offset);
        out.push(Part {
            number: u16::try_from(out.len() + 1).ok()?,
            offset,
            len,
        });
        offset += len;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::releases::{Artifact, Category, Channel, Compatibility, Note};

    fn release() -> Release {
        Release {
            version: Version::parse("6.1.2").unwrap(),
            date: chrono::NaiveDate::from_ymd_opt(2027, 4, 20).unwrap(),
            channel: Channel::Stable,
            title: "6.1.2".into(),
            summary: "Fixes.".into(),
            highlights: Vec::new(),
            notes: vec![Note {
                category: Category::Fixed,
                text: "Intercom button.".into(),
                modules: vec!["voip".into()],
                areas: Vec::new(),
                breaking: false,
                os_change: false,
            }],
            compatibility: Compatibility::default(),
            artifacts: vec![Artifact {
                id: "6.1.2-server".into(),
                name: "vms-server-6.1.2-x64.exe".into(),
                platform: "windows-x64".into(),
                kind: "installer".into(),
                size: 41_943_040,
                sha256: "ab".repeat(32),
            }],
        }
    }

    fn field_of(r: &Release) -> String {
        check_publishable(r).unwrap_err().field
    }

    #[test]
    fn a_complete_release_may_be_published() {
        assert_eq!(check_publishable(&release()), Ok(()));
    }

    #[test]
    fn an_artifact_without_a_proper_checksum_is_refused_naming_the_field() {
        let mut r = release();
        r.artifacts[0].sha256 = "AB".repeat(32);
        assert_eq!(field_of(&r), "artifacts[0].sha256");
        r.artifacts[0].sha256 = "ab".repeat(31);
        assert_eq!(field_of(&r), "artifacts[0].sha256");
    }

    #[test]
    fn file_names_that_could_leave_the_release_folder_are_refused() {
        for bad in ["../x.exe", "a/b.exe", ".hidden", "", "a b.exe", "ä.exe"] {
            let mut r = release();
            r.artifacts[0].name = bad.into();
            assert_eq!(field_of(&r), "artifacts[0].name", "{bad}");
        }
        assert_eq!(file_name_problem("vms-client_6.1.2+x64.msi"), None);
    }

    #[test]
    fn two_artifacts_with_one_id_or_one_name_are_refused() {
        let mut r = release();
        let mut copy = r.artifacts[0].clone();
        copy.name = "other.exe".into();
        r.artifacts.push(copy);
        assert_eq!(field_of(&r), "artifacts[1].id");
        r.artifacts[1].id = "6.1.2-other".into();
        r.artifacts[1].name = r.artifacts[0].name.clone();
        assert_eq!(field_of(&r), "artifacts[1].name");
    }

    #[test]
    fn notes_need_known_tags_and_a_text() {
        let mut r = release();
        r.notes[0].modules = vec!["telepathy".into()];
        assert_eq!(field_of(&r), "notes[0].modules");
        r.notes[0].modules.clear();
        assert_eq!(field_of(&r), "notes[0]");
        let mut r = release();
        r.notes[0].text = " ".into();
        assert_eq!(field_of(&r), "notes[0].text");
    }

    #[test]
    fn an_empty_artifact_is_refused() {
        let mut r = release();
        r.artifacts[0].size = 0;
        assert_eq!(field_of(&r), "artifacts[0].size");
    }

    #[test]
    fn the_key_of_an_artifact_is_its_release_folder_and_file_name() {
        assert_eq!(
            artifact_key(&Version::parse("6.0.0-beta.1").unwrap(), "n.pdf"),
            "releases/6.0.0-beta.1/n.pdf"
        );
    }

    #[test]
    fn a_file_is_cut_into_equal_parts_and_a_shorter_last_one() {
        let mib = 1024 * 1024;
        let p = parts(11 * mib, 5 * mib).unwrap();
        assert_eq!(
            p.iter().map(|p| (p.number, p.len)).collect::<Vec<_>>(),
            vec![(1, 5 * mib), (2, 5 * mib), (3, mib)]
        );
        assert_eq!(p[2].offset, 10 * mib);
        assert_eq!(parts(5 * mib, 5 * mib).unwrap().len(), 1);
    }

    #[test]
    fn parts_below_r2s_minimum_or_too_many_of_them_are_refused() {
        assert_eq!(parts(100, MIN_PART_SIZE - 1), None);
        assert_eq!(parts(MIN_PART_SIZE * (MAX_PARTS + 1), MIN_PART_SIZE), None);
        assert_eq!(parts(0, MIN_PART_SIZE), None);
    }
}
