//! Synthetic releases for growth measurements (`sma-tools seed --grow RELEASES,NOTES`, which
//! `SEED_GROW` of `scripts/db.sh` passes): many
//! old versions (1.0.0 upwards, all before the real 5.0.0) with notes spread over them, their
//! words drawn from a fixed vocabulary so that a search matches a steady share of them. Never
//! committed as data: generated into a local state only.

use chrono::{Duration, NaiveDate};
use sma_shared::releases::{
    Category, Channel, Compatibility, Note, Release, Version, AREAS, MODULES,
};

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
}
