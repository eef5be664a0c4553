//! Release notes: parsing `releases/*.md` (TOML front matter + Keep a Changelog body) into the
//! shared release model, and the SQL that imports them into D1 idempotently.

use crate::seed::sql_str;
use serde::Deserialize;
use sma_shared::releases::{
    Artifact, Category, Channel, Compatibility, Note, Release, Version, AREAS, MODULES,
};
use std::{fmt::Write as _, fs, path::Path};

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
    #[serde(default)]
    artifacts: Vec<ArtifactSpec>,
}

/// An artifact as declared in the front matter (its content is generated, see `artifacts`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArtifactSpec {
    /// Stable id.
    pub id: String,
    /// File name.
    pub name: String,
    /// Platform.
    pub platform: String,
    /// Kind.
    pub kind: String,
    /// Size in bytes.
    pub size: u64,
}

/// A parsed release file: the release (artifacts without checksum yet) and its artifact specs.
#[derive(Debug)]
pub struct ParsedRelease {
    /// The release; artifact checksums are filled in by the seeder.
    pub release: Release,
    /// The declared artifacts.
    pub artifacts: Vec<ArtifactSpec>,
}

/// Parses one release file; every error names the file and what is wrong.
pub fn parse(file_name: &str, text: &str) -> Result<ParsedRelease, String> {
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
        artifacts: Vec::new(),
    };
    Ok(ParsedRelease {
        release,
        artifacts: fm.artifacts,
    })
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
pub fn read_dir(dir: &Path) -> Result<Vec<ParsedRelease>, String> {
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
    out.sort_by(|a, b| a.release.version.cmp(&b.release.version));
    Ok(out)
}

/// SQL that replaces the stored release information with these releases (idempotent: rows of
/// the same version are updated, rows of versions no longer present are removed).
pub fn import_sql(releases: &[Release]) -> String {
    let mut sql = String::new();
    let versions: Vec<String> = releases
        .iter()
        .map(|r| sql_str(&r.version.to_string()))
        .collect();
    let keep = if versions.is_empty() {
        "''".to_owned()
    } else {
        versions.join(", ")
    };
    let _ = writeln!(sql, "DELETE FROM release_search;");
    let _ = writeln!(sql, "DELETE FROM release_notes;");
    let _ = writeln!(sql, "DELETE FROM artifacts;");
    let _ = writeln!(sql, "DELETE FROM releases WHERE version NOT IN ({keep});");
    for r in releases {
        let v = sql_str(&r.version.to_string());
        let json = |value: &dyn erased::Json| sql_str(&value.to_json());
        let _ = writeln!(
            sql,
            "INSERT INTO releases (version, sort_key, date, channel, title, summary, highlights, compatibility) \
             VALUES ({v}, {}, {}, {}, {}, {}, {}, {}) ON CONFLICT(version) DO UPDATE SET sort_key = excluded.sort_key, \
             date = excluded.date, channel = excluded.channel, title = excluded.title, summary = excluded.summary, \
             highlights = excluded.highlights, compatibility = excluded.compatibility;",
            sql_str(&r.version.sort_key()),
            sql_str(&r.date.to_string()),
            sql_str(r.channel.code()),
            sql_str(&r.title),
            sql_str(&r.summary),
            json(&r.highlights),
            json(&r.compatibility),
        );
        for (i, n) in r.notes.iter().enumerate() {
            let _ = writeln!(
                sql,
                "INSERT INTO release_notes (version, position, category, text, modules, areas, breaking, os_change) \
                 VALUES ({v}, {i}, {}, {}, {}, {}, {}, {});",
                sql_str(n.category.code()),
                sql_str(&n.text),
                json(&n.modules),
                json(&n.areas),
                u8::from(n.breaking),
                u8::from(n.os_change),
            );
        }
        for a in &r.artifacts {
            let _ = writeln!(
                sql,
                "INSERT INTO artifacts (id, version, name, platform, kind, size, sha256, r2_key) \
                 VALUES ({}, {v}, {}, {}, {}, {}, {}, {});",
                sql_str(&a.id),
                sql_str(&a.name),
                sql_str(&a.platform),
                sql_str(&a.kind),
                a.size,
                sql_str(&a.sha256),
                sql_str(&artifact_key(&r.version, a)),
            );
        }
        let notes: Vec<&str> = r.notes.iter().map(|n| n.text.as_str()).collect();
        let _ = writeln!(
            sql,
            "INSERT INTO release_search (version, title, summary, notes) VALUES ({v}, {}, {}, {});",
            sql_str(&r.title),
            sql_str(&format!("{} {}", r.summary, r.highlights.join(" "))),
            sql_str(&notes.join("\n")),
        );
    }
    sql.push_str(bump_content_version());
    sql
}

/// The statement that raises the content generation (`content_version`, migration 0006), the
/// version of every cached public answer about releases: every change to the stored releases
/// (an import, a publication, a withdrawal) ends with it, in the same batch, so the Worker's
/// next answer is computed afresh.
pub fn bump_content_version() -> &'static str {
    "INSERT INTO content_version (id, generation) VALUES (1, 1) \
     ON CONFLICT(id) DO UPDATE SET generation = generation + 1;\n"
}

/// The R2 key of an artifact.
pub fn artifact_key(version: &Version, a: &Artifact) -> String {
    format!("releases/{version}/{}", a.name)
}

mod erased {
    /// Serializes any value to JSON text (keeps `import_sql` free of generic noise).
    pub trait Json {
        fn to_json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> String {
            serde_json::to_string(self).unwrap_or_else(|_| "null".to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "+++\nversion = \"5.10.0\"\ndate = \"2026-04-14\"\nchannel = \"stable\"\ntitle = \"T\"\nsummary = \"S\"\n\n[compatibility]\nos = [\"Windows 11 24H2\"]\nvirus_scanners = []\ndriver_pack = \"DP 1\"\n\n[[artifacts]]\nid = \"5.10.0-notes\"\nname = \"n.pdf\"\nplatform = \"any\"\nkind = \"notes\"\nsize = 10\n+++\n\n## Added\n- [voip, client, breaking] VoIP calls.\n\n## Fixed\n- [os-change, os] Dropped Windows 10.\n";

    #[test]
    fn a_release_file_parses_into_notes_with_tags() {
        let p = parse("5.10.0.md", GOOD).unwrap();
        assert_eq!(p.release.version.to_string(), "5.10.0");
        assert_eq!(p.release.notes.len(), 2);
        assert_eq!(p.release.notes[0].modules, ["voip", "client"]);
        assert!(p.release.notes[0].breaking);
        assert!(p.release.notes[1].os_change);
        assert_eq!(p.release.notes[1].category, Category::Fixed);
        assert_eq!(p.artifacts[0].size, 10);
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
    fn a_file_must_be_named_after_its_version() {
        let e = parse("5.9.0.md", GOOD).unwrap_err();
        assert!(e.contains("must be named 5.10.0.md"), "{e}");
    }

    #[test]
    fn the_repository_releases_all_parse() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../releases");
        let all = read_dir(&dir).unwrap();
        assert!(all.len() >= 15);
        assert!(all
            .windows(2)
            .all(|w| w[0].release.version < w[1].release.version));
    }

    #[test]
    fn import_sql_is_a_replace_not_an_append() {
        let p = parse("5.10.0.md", GOOD).unwrap();
        let sql = import_sql(&[p.release]);
        assert!(sql.contains("ON CONFLICT(version) DO UPDATE"));
        assert!(sql.starts_with("DELETE FROM release_search;"));
    }

    #[test]
    fn an_import_ends_by_raising_the_content_generation() {
        let p = parse("5.10.0.md", GOOD).unwrap();
        let sql = import_sql(&[p.release]);
        assert!(sql.ends_with(bump_content_version()));
        assert!(bump_content_version().contains("generation = generation + 1"));
    }
}
