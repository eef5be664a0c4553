//! Release notes: parsing `releases/*.md` (TOML front matter + Keep a Changelog body) into the
//! shared release model, checked as the Worker checks a release before recording it
//! (`check_publishable`). `publish` sends them to the Worker.

use serde::Deserialize;
use sma_shared::releases::{
    check_publishable, Artifact, Category, Channel, Compatibility, Note, Release, Version, AREAS,
    MODULES,
};
use std::{fs, path::Path};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    version: String,
    date: String,
    channel: String,
    title: String,
    summary: String,
    #[serde(default)]
    highlights: Vec<String>,
    compatibility: Compatibility,
    /// Each with its size and the SHA-256 of its bytes (`publish` checks the file against both).
    #[serde(default)]
    artifacts: Vec<Artifact>,
}

/// Parses one release file; every error names the file and what is wrong.
pub fn parse(file_name: &str, text: &str) -> Result<Release, String> {
    let fail = |msg: String| format!("{file_name}: {msg}");
    let rest = text
        .strip_prefix("+++\n")
        .ok_or_else(|| fail("must start with a `+++` front matter line".into()))?;
    let (front, body) = rest
        .split_once("\n+++\n")
        .or_else(|| rest.strip_suffix("\n+++").map(|f| (f, "")))
        .ok_or_else(|| fail("front matter is not closed by a `+++` line".into()))?;
    let fm: FrontMatter =
        toml::from_str(front).map_err(|e| fail(format!("front matter: {}", e.message())))?;
    let version = Version::parse(&fm.version).map_err(|e| fail(e.to_string()))?;
    let expected = format!("{version}.md");
    if file_name != expected {
        return Err(fail(format!(
            "the file of version {version} must be named {expected}"
        )));
    }
    let date = chrono::NaiveDate::parse_from_str(&fm.date, "%Y-%m-%d")
        .map_err(|_| fail(format!("date `{}` is not YYYY-MM-DD", fm.date)))?;
    let channel = Channel::parse(&fm.channel).ok_or_else(|| {
        fail(format!(
            "channel `{}` must be stable, lts or beta",
            fm.channel
        ))
    })?;
    if fm.title.trim().is_empty() || fm.summary.trim().is_empty() {
        return Err(fail("title and summary must not be empty".into()));
    }
    let notes = parse_body(body).map_err(fail)?;
    let release = Release {
        version,
        date,
        channel,
        title: fm.title,
        summary: fm.summary,
        highlights: fm.highlights,
        notes,
        compatibility: fm.compatibility,
        artifacts: fm.artifacts,
    };
    check_publishable(&release).map_err(|p| fail(p.to_string()))?;
    Ok(release)
}

fn parse_body(body: &str) -> Result<Vec<Note>, String> {
    let mut notes = Vec::new();
    let mut category = None;
    for (i, line) in body.lines().enumerate() {
        let line = line.trim_end();
        let at = |msg: String| format!("body line {}: {msg}", i + 1);
        if let Some(heading) = line.strip_prefix("## ") {
            let c = Category::parse(&heading.trim().to_lowercase())
                .ok_or_else(|| at(format!("unknown section `{heading}`")))?;
            category = Some(c);
        } else if let Some(entry) = line.strip_prefix("- ") {
            let c = category.ok_or_else(|| at("an entry before any `## Section`".into()))?;
            notes.push(parse_entry(c, entry).map_err(at)?);
        } else if !line.trim().is_empty() {
            return Err(at(format!(
                "expected `## Section` or `- [tags] text`, found `{line}`"
            )));
        }
    }
    Ok(notes)
}

fn parse_entry(category: Category, entry: &str) -> Result<Note, String> {
    let (tags, text) = entry
        .strip_prefix('[')
        .and_then(|r| r.split_once(']'))
        .ok_or_else(|| {
            "an entry must start with its tags, e.g. `- [voip, client] text`".to_owned()
        })?;
    let mut note = Note {
        category,
        text: text.trim().to_owned(),
        modules: Vec::new(),
        areas: Vec::new(),
        breaking: false,
        os_change: false,
    };
    for tag in tags.split(',').map(str::trim) {
        match tag {
            "breaking" => note.breaking = true,
            "os-change" => note.os_change = true,
            t if MODULES.contains(&t) => note.modules.push(t.to_owned()),
            t if AREAS.contains(&t) => note.areas.push(t.to_owned()),
            t => return Err(format!("unknown tag `{t}`")),
        }
    }
    if note.modules.is_empty() && note.areas.is_empty() {
        return Err("an entry needs at least one module or area tag".into());
    }
    if note.text.is_empty() {
        return Err("an entry needs a text".into());
    }
    Ok(note)
}

/// Reads every `<version>.md` of a folder (README.md and other files are skipped), oldest first.
pub fn read_dir(dir: &Path) -> Result<Vec<Release>, String> {
    let mut out = Vec::new();
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let Some(stem) = name.strip_suffix(".md") else {
            continue;
        };
        if !stem.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let text = fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?;
        out.push(parse(&name, &text)?);
    }
    out.sort_by(|a, b| a.version.cmp(&b.version));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "+++\nversion = \"5.10.0\"\ndate = \"2026-04-14\"\nchannel = \"stable\"\ntitle = \"T\"\nsummary = \"S\"\n\n[compatibility]\nos = [\"Windows 11 24H2\"]\nvirus_scanners = []\ndriver_pack = \"DP 1\"\n\n[[artifacts]]\nid = \"5.10.0-notes\"\nname = \"n.pdf\"\nplatform = \"any\"\nkind = \"notes\"\nsize = 10\nsha256 = \"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"\n+++\n\n## Added\n- [voip, client, breaking] VoIP calls.\n\n## Fixed\n- [os-change, os] Dropped Windows 10.\n";

    #[test]
    fn a_release_file_parses_into_notes_with_tags() {
        let p = parse("5.10.0.md", GOOD).unwrap();
        assert_eq!(p.version.to_string(), "5.10.0");
        assert_eq!(p.notes.len(), 2);
        assert_eq!(p.notes[0].modules, ["voip", "client"]);
        assert!(p.notes[0].breaking);
        assert!(p.notes[1].os_change);
        assert_eq!(p.notes[1].category, Category::Fixed);
        assert_eq!(p.artifacts[0].size, 10);
        assert!(p.artifacts[0].sha256.starts_with("0123"));
    }

    #[test]
    fn malformed_front_matter_names_the_file() {
        let bad = GOOD.replace("channel = \"stable\"", "channel = 5");
        let e = parse("5.10.0.md", &bad).unwrap_err();
        assert!(e.starts_with("5.10.0.md: front matter"), "{e}");
        let e = parse(
            "5.10.0.md",
            &GOOD.replace("channel = \"stable\"", "channel = \"nightly\""),
        )
        .unwrap_err();
        assert!(e.contains("5.10.0.md") && e.contains("nightly"), "{e}");
        let e = parse("5.10.0.md", "no front matter").unwrap_err();
        assert!(e.starts_with("5.10.0.md:"), "{e}");
        let e = parse(
            "5.10.0.md",
            &GOOD.replace("[voip, client, breaking]", "[telepathy]"),
        )
        .unwrap_err();
        assert!(e.contains("unknown tag `telepathy`"), "{e}");
    }

    #[test]
    fn an_artifact_without_its_checksum_or_with_a_bad_one_is_refused() {
        let sha = "sha256 = \"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"\n";
        let e = parse("5.10.0.md", &GOOD.replace(sha, "")).unwrap_err();
        assert!(e.contains("5.10.0.md") && e.contains("sha256"), "{e}");
        let upper = GOOD.replace("0123456789abcdef\"", "0123456789ABCDEF\"");
        let e = parse("5.10.0.md", &upper).unwrap_err();
        assert!(e.contains("artifacts[0].sha256"), "{e}");
    }

    #[test]
    fn a_file_must_be_named_after_its_version() {
        let e = parse("5.9.0.md", GOOD).unwrap_err();
        assert!(e.contains("must be named 5.10.0.md"), "{e}");
    }

    #[test]
    fn the_repository_releases_all_parse() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../releases");
        let all = read_dir(&dir).unwrap();
        assert!(all.len() >= 15);
        assert!(all.windows(2).all(|w| w[0].version < w[1].version));
    }
}
