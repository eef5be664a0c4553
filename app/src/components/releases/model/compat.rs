//! The compatibility records of releases side by side: operating systems with their update
//! level and tested virus scanners per version, and the systems a newer version drops.

use sma_shared::{
    api::ReleaseBrief,
    releases::{Channel, Version},
};

/// Splits an OS entry into the system and its update level:
/// `Windows Server 2025 (CU 2026-03 or later)` → (`Windows Server 2025`, `CU 2026-03 or later`).
pub fn os_product(entry: &str) -> (String, Option<String>) {
    match entry.split_once(" (") {
        Some((name, rest)) => (
            name.trim().to_owned(),
            Some(rest.trim_end_matches(')').trim().to_owned()),
        ),
        None => (entry.trim().to_owned(), None),
    }
}

/// Splits a scanner entry into product and tested version:
/// `ESET Endpoint Security 12.1` → (`ESET Endpoint Security`, `12.1`).
pub fn scanner_product(entry: &str) -> (String, String) {
    match entry.trim().rsplit_once(' ') {
        Some((name, v)) if v.starts_with(|c: char| c.is_ascii_digit()) => {
            (name.to_owned(), v.to_owned())
        }
        _ => (entry.trim().to_owned(), String::new()),
    }
}

/// A short form of an update level for the matrix cells (`CU 2026-03 or later` → `CU 2026-03+`).
pub fn short_level(level: &str) -> String {
    level.replace(" or later", "+")
}

/// The rows and columns of one matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    /// Column headings, sorted.
    pub columns: Vec<String>,
    /// Per release (in the given order): version, channel, and per column the cell (None: not supported).
    pub rows: Vec<(Version, Channel, Vec<Option<String>>)>,
}

fn matrix(
    releases: &[ReleaseBrief],
    entries: impl Fn(&ReleaseBrief) -> Vec<(String, String)>,
) -> Matrix {
    // Sorted and distinct as they come (a handful of columns over many entries; binary search
    // instead of a general sort keeps the Wasm small).
    let mut columns: Vec<String> = Vec::new();
    for (k, _) in releases.iter().flat_map(&entries) {
        if let Err(at) = columns.binary_search(&k) {
            columns.insert(at, k);
        }
    }
    let rows = releases
        .iter()
        .map(|r| {
            let e = entries(r);
            let cells = columns
                .iter()
                .map(|c| e.iter().find(|(k, _)| k == c).map(|(_, v)| v.clone()))
                .collect();
            (r.version.clone(), r.channel, cells)
        })
        .collect();
    Matrix { columns, rows }
}

/// Operating systems per version; a cell holds the update level (empty when any level).
pub fn os_matrix(releases: &[ReleaseBrief]) -> Matrix {
    matrix(releases, |r| {
        r.compatibility
            .os
            .iter()
            .map(|e| {
                let (name, level) = os_product(e);
                (name, level.map(|l| short_level(&l)).unwrap_or_default())
            })
            .collect()
    })
}

/// Virus scanners per version; a cell holds the tested version.
pub fn scanner_matrix(releases: &[ReleaseBrief]) -> Matrix {
    matrix(releases, |r| {
        r.compatibility
            .virus_scanners
            .iter()
            .map(|e| scanner_product(e))
            .collect()
    })
}

/// The operating systems `from` supports and `to` no longer does.
pub fn dropped_os(from: &ReleaseBrief, to: &ReleaseBrief) -> Vec<String> {
    let to_names: Vec<String> = to
        .compatibility
        .os
        .iter()
        .map(|e| os_product(e).0)
        .collect();
    from.compatibility
        .os
        .iter()
        .map(|e| os_product(e).0)
        .filter(|n| !to_names.contains(n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_split_into_product_and_level() {
        assert_eq!(
            os_product("Windows Server 2025 (CU 2026-03 or later)"),
            (
                "Windows Server 2025".into(),
                Some("CU 2026-03 or later".into())
            )
        );
        assert_eq!(
            os_product("Windows 11 23H2"),
            ("Windows 11 23H2".into(), None)
        );
        assert_eq!(
            os_product("Windows 10 22H2 (ESU, CU 2025-11 or later)")
                .1
                .map(|l| short_level(&l)),
            Some("ESU, CU 2025-11+".into())
        );
        assert_eq!(
            scanner_product("Microsoft Defender 4.18.26010"),
            ("Microsoft Defender".into(), "4.18.26010".into())
        );
        assert_eq!(
            scanner_product("Sophos Intercept X 2026.1"),
            ("Sophos Intercept X".into(), "2026.1".into())
        );
    }

    #[test]
    fn a_newer_version_drops_the_systems_it_no_longer_lists() {
        let with_os = |os: &[&str]| ReleaseBrief {
            version: Version::parse("6.0.0").unwrap(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            channel: Channel::Stable,
            compatibility: sma_shared::releases::Compatibility {
                os: os.iter().map(|o| (*o).to_owned()).collect(),
                ..Default::default()
            },
        };
        let old = with_os(&["Windows 10 22H2 (ESU)", "Windows Server 2022"]);
        let new = with_os(&["Windows Server 2022 (CU 2026-03 or later)"]);
        assert_eq!(dropped_os(&old, &new), ["Windows 10 22H2"]);
        let m = os_matrix(&[new, old]);
        assert_eq!(m.columns, ["Windows 10 22H2", "Windows Server 2022"]);
        assert_eq!(m.rows[0].2, [None, Some("CU 2026-03+".to_owned())]);
        assert_eq!(m.rows[1].2, [Some("ESU".to_owned()), Some(String::new())]);
    }
}
