//! The releases between two versions: previews their final release replaces, the upgrade path
//! in place, the target of an upgrade, the neighbours of a release, what an installation missed
//! since its coverage ended, and the counts the results lines give.

use super::search::has_match;
use chrono::NaiveDate;
use sma_shared::{
    api::{Installation, ModuleQty, ReleaseBrief},
    orders::OrderKind,
    releases::{Note, Release, Version},
};

/// Leaves out pre-releases whose final release is in the list too (the final restates them);
/// returns the kept releases and the versions left out.
pub fn drop_superseded(releases: &[Release]) -> (Vec<Release>, Vec<Version>) {
    let is_final_of = |f: &Version, pre: &Version| {
        !f.is_pre_release() && (f.major, f.minor, f.patch) == (pre.major, pre.minor, pre.patch)
    };
    let (mut kept, mut dropped) = (Vec::new(), Vec::new());
    for r in releases {
        if r.version.is_pre_release()
            && releases.iter().any(|f| is_final_of(&f.version, &r.version))
        {
            dropped.push(r.version.clone());
        } else {
            kept.push(r.clone());
        }
    }
    (kept, dropped)
}

fn min_version(r: &ReleaseBrief) -> Option<Version> {
    r.compatibility
        .min_server_version
        .as_deref()
        .and_then(|m| Version::parse(m).ok())
}

/// The versions to install one after the other to get from `from` to `target` in place
/// (each release names the oldest version it upgrades from). Empty when there is no way.
pub fn upgrade_path(all: &[ReleaseBrief], from: &Version, target: &Version) -> Vec<Version> {
    let mut path = Vec::new();
    let mut current = from.clone();
    let reachable = |r: &ReleaseBrief, from: &Version| min_version(r).is_none_or(|m| m <= *from);
    let Some(goal) = all.iter().find(|r| r.version == *target) else {
        return path;
    };
    while current < *target {
        if reachable(goal, &current) {
            path.push(target.clone());
            return path;
        }
        let step = all
            .iter()
            .filter(|r| r.version > current && r.version < *target && !r.version.is_pre_release())
            .filter(|r| reachable(r, &current))
            .map(|r| r.version.clone())
            .max();
        match step {
            Some(s) => {
                path.push(s.clone());
                current = s;
            }
            None => return Vec::new(),
        }
    }
    path
}

/// The version a customer upgrades to: `until` when set, else the newest final release.
pub fn target_version(all: &[ReleaseBrief], until: &str) -> Option<Version> {
    Version::parse(until).ok().or_else(|| {
        all.iter()
            .filter(|r| !r.version.is_pre_release())
            .map(|r| r.version.clone())
            .max()
    })
}

/// Whether a note concerns an installation with these modules: it names no module, or names
/// camera channels or the client (part of every edition), or a module the installation has
/// (which its edition allows, or it could not have it).
pub fn concerns(note: &Note, modules: &[ModuleQty]) -> bool {
    note.modules.is_empty()
        || note.modules.iter().any(|m| {
            matches!(m.as_str(), "camera" | "client") || modules.iter().any(|i| i.sku == *m)
        })
}

/// The releases dated after `since`, newest first, without pre-releases whose final release is
/// among them, each with the notes that concern an installation with `modules`.
pub fn missed_releases(all: &[Release], since: NaiveDate, modules: &[ModuleQty]) -> Vec<Release> {
    let after: Vec<Release> = all.iter().filter(|r| r.date > since).cloned().collect();
    let (mut kept, _) = drop_superseded(&after);
    for r in &mut kept {
        r.notes.retain(|n| concerns(n, modules));
    }
    kept
}

/// The day after which an installation that lapsed or never had an SMA would gain releases by
/// buying one (its coverage's end, or its licence date); None when renewing is not its fix.
pub fn gains_since(i: &Installation) -> Option<NaiveDate> {
    (OrderKind::for_coverage(i.sma.status) == OrderKind::Sma)
        .then(|| i.coverage().needs_sma_after(i.licence_date))
        .flatten()
}

/// What to ask `GET /api/releases` for the releases dated after `since`, given every release
/// newest first (`briefs`): everything newer than the release below the oldest version so
/// dated (`since`, exclusive), which holds them all, and [`missed_releases`] keeps those dated
/// after; newer than the newest (nothing) when none is.
pub fn missed_range(briefs: &[ReleaseBrief], since: NaiveDate) -> Vec<(&'static str, String)> {
    let below = match briefs.iter().rposition(|r| r.date > since) {
        Some(oldest) => briefs.get(oldest + 1),
        None => briefs.first(),
    };
    below
        .map(|r| vec![("since", r.version.to_string())])
        .unwrap_or_default()
}

/// The neighbours of a version in a list newest first: (older, newer).
pub fn neighbours(all: &[ReleaseBrief], v: &Version) -> (Option<String>, Option<String>) {
    let i = all.iter().position(|x| x.version == *v);
    let at = |j: Option<usize>| j.and_then(|j| all.get(j)).map(|x| x.version.to_string());
    match i {
        Some(i) => (at(Some(i + 1)), at(i.checked_sub(1))),
        None => (None, None),
    }
}

/// The releases and notes of a result, without previews their final release replaces:
/// (changes, releases).
pub fn since_counts(releases: &[Release]) -> (usize, usize) {
    let (kept, _) = drop_superseded(releases);
    (kept.iter().map(|r| r.notes.len()).sum(), kept.len())
}

/// The notes of a timeline result, or only those matching the search `words` when given.
pub fn matching_notes(releases: &[Release], words: &[String]) -> usize {
    let notes = releases.iter().flat_map(|r| &r.notes);
    if words.is_empty() {
        notes.count()
    } else {
        notes.filter(|n| has_match(&n.text, words)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{i18n::Lang, text::releases::entitlement as reason};
    use sma_shared::{
        api::InstallationSma,
        lifecycle::entitlement,
        releases::{Category, Channel, Compatibility},
    };

    fn rel(v: &str, min: Option<&str>) -> Release {
        Release {
            version: Version::parse(v).unwrap(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            channel: if v.contains('-') {
                Channel::Beta
            } else {
                Channel::Stable
            },
            title: String::new(),
            summary: String::new(),
            highlights: Vec::new(),
            notes: Vec::new(),
            compatibility: Compatibility {
                min_server_version: min.map(str::to_owned),
                ..Default::default()
            },
            artifacts: Vec::new(),
        }
    }

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn betas_with_a_final_are_left_out() {
        let list = [
            rel("6.2.0-beta.1", None),
            rel("6.0.0", None),
            rel("6.0.0-beta.1", None),
        ];
        let (kept, dropped) = drop_superseded(&list);
        assert_eq!(kept.len(), 2);
        assert_eq!(dropped, vec![v("6.0.0-beta.1")]);
    }

    #[test]
    fn the_path_steps_over_minimum_versions() {
        let all = [
            rel("6.1.2", Some("5.8.0")),
            rel("6.0.1", Some("5.4.0")),
            rel("5.9.2", Some("5.0.0")),
            rel("5.4.0", Some("4.6.0")),
        ]
        .map(|r| ReleaseBrief::from(&r));
        assert_eq!(
            upgrade_path(&all, &v("5.9.2"), &v("6.1.2")),
            vec![v("6.1.2")]
        );
        assert_eq!(
            upgrade_path(&all, &v("5.4.0"), &v("6.1.2")),
            vec![v("6.0.1"), v("6.1.2")]
        );
        assert_eq!(
            upgrade_path(&all, &v("5.0.0"), &v("6.1.2")),
            vec![v("5.9.2"), v("6.1.2")]
        );
        assert!(upgrade_path(&all, &v("4.0.0"), &v("6.1.2")).is_empty());
        assert_eq!(target_version(&all, ""), Some(v("6.1.2")));
    }

    fn d(text: &str) -> NaiveDate {
        sma_shared::dates::parse_date(text, "").unwrap()
    }

    fn sma(status: &str, auto_renew: bool, term_end: Option<&str>) -> InstallationSma {
        InstallationSma {
            status: serde_json::from_str(&format!("\"{status}\"")).unwrap(),
            term_end: term_end.map(d),
            auto_renew,
            ..InstallationSma::NONE
        }
    }

    fn note(modules: &[&str]) -> Note {
        Note {
            category: Category::Fixed,
            text: "x".into(),
            modules: modules.iter().map(|m| (*m).to_owned()).collect(),
            areas: vec!["server".into()],
            breaking: false,
            os_change: false,
        }
    }

    fn module(sku: &str) -> ModuleQty {
        ModuleQty::new(sku, 1)
    }

    #[test]
    fn a_lapsed_installation_needs_an_sma_for_later_releases_and_is_told_why() {
        let e = entitlement(
            d("2027-04-20"),
            d("2024-07-28"),
            sma("lapsed", false, Some("2026-07-27")).coverage(),
        );
        assert!(!e.allowed());
        assert_eq!(
            reason(Lang::En, &e, None, false),
            "This release came out on 20 Apr 2027 after the SMA coverage ended on 27 Jul 2026; renew or reinstate the SMA to download it."
        );
        assert!(reason(Lang::De, &e, None, false).contains("20.04.2027"));
    }

    #[test]
    fn notes_concern_an_installation_through_its_modules_cameras_and_client() {
        let professional = [module("voip"), module("archive")];
        assert!(concerns(&note(&[]), &professional));
        assert!(concerns(&note(&["voip", "client"]), &professional));
        assert!(concerns(&note(&["camera"]), &professional));
        assert!(concerns(&note(&["client"]), &professional));
        assert!(!concerns(&note(&["pos"]), &professional));
        assert!(!concerns(&note(&["analytics", "storage"]), &professional));
    }

    #[test]
    fn counts_leave_out_previews_and_searches_count_matching_notes_only() {
        let with_notes = |v: &str, texts: &[&str]| Release {
            notes: texts
                .iter()
                .map(|t| Note {
                    text: (*t).to_owned(),
                    ..note(&[])
                })
                .collect(),
            ..rel(v, None)
        };
        let list = [
            with_notes("6.0.0", &["VoIP calls", "Faster export"]),
            with_notes("6.0.0-beta.1", &["VoIP calls"]),
        ];
        assert_eq!(since_counts(&list), (2, 1));
        assert_eq!(matching_notes(&list, &[]), 3);
        assert_eq!(matching_notes(&list, &["voip".to_owned()]), 2);
        let briefs = list.each_ref().map(ReleaseBrief::from);
        assert_eq!(
            neighbours(&briefs, &v("6.0.0")),
            (Some("6.0.0-beta.1".to_owned()), None)
        );
    }

    #[test]
    fn an_installation_misses_the_releases_after_its_coverage_with_the_notes_for_it() {
        let dated = |v: &str, day: &str, modules: &[&str]| Release {
            date: d(day),
            notes: vec![note(modules)],
            ..rel(v, None)
        };
        let all = [
            dated("6.1.0", "2026-09-01", &["pos"]),
            dated("6.0.0", "2026-06-01", &[]),
        ];
        let missed = missed_releases(&all, d("2026-07-27"), &[module("voip")]);
        assert_eq!(missed.len(), 1);
        assert_eq!(missed[0].version, v("6.1.0"));
        assert!(missed[0].notes.is_empty());
    }

    #[test]
    fn the_missed_releases_are_asked_from_below_the_oldest_version_dated_after_coverage() {
        let dated = |v: &str, day: &str| ReleaseBrief {
            date: d(day),
            ..ReleaseBrief::from(&rel(v, None))
        };
        // 5.9.3 is a fix of an older line, dated after 6.0.0.
        let briefs = [
            dated("6.1.0", "2026-09-01"),
            dated("6.0.0", "2026-06-01"),
            dated("5.9.3", "2026-08-01"),
            dated("5.9.2", "2026-03-01"),
            dated("5.9.1", "2026-01-01"),
        ];
        assert_eq!(
            missed_range(&briefs, d("2026-07-27")),
            [("since", "5.9.2".to_owned())]
        );
        assert!(missed_range(&briefs, d("2025-12-31")).is_empty());
        assert_eq!(
            missed_range(&briefs, d("2026-09-01")),
            [("since", "6.1.0".to_owned())]
        );
    }
}
