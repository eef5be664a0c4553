//! `sma-tools bench-releases --releases N --notes M`: synthetic old releases for growth
//! measurements (`SEED_GROW=N,M` of `scripts/db.sh`, `make bench`), printed as SQL that writes
//! them **straight into a local D1**, past the Worker's publishing (a development and bench
//! tool only: no artifacts, no audit entries). Many old versions (1.0.0 upwards, all before the
//! real 5.0.0) with the notes spread over them, their words drawn from a fixed vocabulary so
//! that a search matches a steady share of them. Never committed as data.

use crate::seed::sql_str;
use chrono::{Duration, NaiveDate};
use sma_shared::releases::{
    Category, Channel, Compatibility, Note, Release, Version, AREAS, MODULES,
};
use std::fmt::Write as _;

/// Note rows per multi-row INSERT (keeps the statements of the SQL file short).
const NOTES_PER_INSERT: usize = 50;

const WORDS: &[&str] = &[
    "recording",
    "playback",
    "export",
    "timeline",
    "bookmark",
    "motion",
    "detection",
    "codec",
    "stream",
    "latency",
    "bandwidth",
    "failover",
    "cluster",
    "storage",
    "retention",
    "archive",
    "driver",
    "firmware",
    "onvif",
    "multicast",
    "dewarping",
    "privacy",
    "masking",
    "audit",
    "permissions",
    "certificate",
    "backup",
    "restore",
    "dashboard",
    "alarm",
    "matrix",
    "keyboard",
];

/// `releases` versions with `notes` notes among them, deterministic.
pub fn releases(releases: usize, notes: usize) -> Vec<Release> {
    let start = NaiveDate::from_ymd_opt(2005, 1, 3).expect("a date");
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..releases)
        .map(|i| {
            let version = Version {
                major: 1 + (i / 1000) as u32,
                minor: ((i / 20) % 50) as u32,
                patch: (i % 20) as u32,
                pre: Vec::new(),
            };
            let count = notes / releases + usize::from(i < notes % releases);
            let notes = (0..count)
                .map(|n| {
                    let mut text: Vec<&str> = (0..8)
                        .map(|_| WORDS[next() as usize % WORDS.len()])
                        .collect();
                    // One note in twenty concerns VoIP: what `?q=voip` finds.
                    if next() % 20 == 0 {
                        text.push("voip calls");
                    }
                    Note {
                        category: Category::ALL[n % Category::ALL.len()],
                        text: format!("{} ({version}, change {n}).", text.join(" ")),
                        modules: vec![MODULES[next() as usize % MODULES.len()].to_owned()],
                        areas: vec![AREAS[next() as usize % AREAS.len()].to_owned()],
                        breaking: next() % 50 == 0,
                        os_change: false,
                    }
                })
                .collect();
            Release {
                date: start + Duration::days(i as i64 * 3),
                channel: Channel::Stable,
                title: format!("Maintenance release {version}"),
                summary: format!("Fixes and small improvements of {version}."),
                highlights: Vec::new(),
                notes,
                compatibility: Compatibility {
                    os: vec!["Windows Server 2008 R2".to_owned()],
                    virus_scanners: Vec::new(),
                    driver_pack: format!("DP {}", i / 10),
                    min_server_version: None,
                },
                artifacts: Vec::new(),
                version,
            }
        })
        .collect()
}

/// SQL writing `releases` (replacing what is stored of their versions) with their notes and
/// search rows, ending by raising the content generation as every publication does in the
/// Worker (`store::content::bump`), so that a running Worker answers from the new data at once.
pub fn sql(releases: &[Release]) -> String {
    let mut sql = String::new();
    let json = |value: &[String]| sql_str(&serde_json::to_string(value).unwrap_or_default());
    for r in releases {
        let v = sql_str(&r.version.to_string());
        let compatibility = serde_json::to_string(&r.compatibility).unwrap_or_default();
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
            sql_str(&compatibility),
        );
        let _ = writeln!(sql, "DELETE FROM release_notes WHERE version = {v};");
        for (c, chunk) in r.notes.chunks(NOTES_PER_INSERT).enumerate() {
            let rows: Vec<String> = chunk
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    format!(
                        "({v}, {}, {}, {}, {}, {}, {}, {})",
                        c * NOTES_PER_INSERT + i,
                        sql_str(n.category.code()),
                        sql_str(&n.text),
                        json(&n.modules),
                        json(&n.areas),
                        u8::from(n.breaking),
                        u8::from(n.os_change),
                    )
                })
                .collect();
            let _ = writeln!(
                sql,
                "INSERT INTO release_notes (version, position, category, text, modules, areas, breaking, os_change) VALUES {};",
                rows.join(", ")
            );
        }
        let notes: Vec<&str> = r.notes.iter().map(|n| n.text.as_str()).collect();
        let _ = writeln!(sql, "DELETE FROM release_search WHERE version = {v};");
        let _ = writeln!(
            sql,
            "INSERT INTO release_search (rowid, version, title, summary, notes) \
             SELECT rowid, {v}, {}, {}, {} FROM releases WHERE version = {v};",
            sql_str(&r.title),
            sql_str(&format!("{} {}", r.summary, r.highlights.join(" "))),
            sql_str(&notes.join("\n")),
        );
    }
    sql.push_str("UPDATE content_version SET generation = generation + 1 WHERE id = 1;\n");
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_has_the_asked_counts_of_distinct_versions_below_5() {
        let all = releases(2000, 30_000);
        assert_eq!(all.len(), 2000);
        assert_eq!(all.iter().map(|r| r.notes.len()).sum::<usize>(), 30_000);
        let mut versions: Vec<String> = all.iter().map(|r| r.version.to_string()).collect();
        versions.sort();
        versions.dedup();
        assert_eq!(versions.len(), 2000);
        assert!(all.iter().all(|r| r.version.major < 5));
    }

    #[test]
    fn the_sql_replaces_each_release_and_ends_by_raising_the_content_generation() {
        let sql = sql(&releases(3, 120));
        assert_eq!(sql.matches("INSERT INTO releases ").count(), 3);
        // 40 notes a release: one multi-row INSERT of 40 rows each.
        assert_eq!(sql.matches("INSERT INTO release_notes ").count(), 3);
        assert_eq!(
            sql.matches("DELETE FROM release_notes WHERE version = ")
                .count(),
            3
        );
        assert!(sql.ends_with("SET generation = generation + 1 WHERE id = 1;\n"));
    }
}
