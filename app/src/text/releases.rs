//! The release pages' sentences that carry values, each written whole in English and German.

use super::count;
use crate::i18n::Lang;
use chrono::NaiveDate;
use sma_shared::{fill, lifecycle::Entitlement, releases::FilterError};

/// `3 releases` / `3 Versionen`.
pub fn releases(l: Lang, n: usize) -> String {
    count(l, n, ("release", "Version"), ("releases", "Versionen"))
}

/// `12 changes` / `12 Änderungen`.
pub fn changes(l: Lang, n: usize) -> String {
    count(l, n, ("change", "Änderung"), ("changes", "Änderungen"))
}

/// The results line of the timeline: `12 releases · 34 changes`, or with a search
/// `2 releases match “voip” · 3 matching changes`.
pub fn timeline_summary(l: Lang, releases_n: usize, notes: usize, q: Option<&str>) -> String {
    let rel = releases(l, releases_n);
    let Some(q) = q else {
        return fill("{0} · {1}", &[&rel, &changes(l, notes)]);
    };
    let matching = count(
        l,
        notes,
        ("matching change", "passende Änderung"),
        ("matching changes", "passende Änderungen"),
    );
    let t = if releases_n == 1 {
        l.t("{0} matches “{1}” · {2}", "{0} passt zu „{1}“ · {2}")
    } else {
        l.t("{0} match “{1}” · {2}", "{0} passen zu „{1}“ · {2}")
    };
    fill(t, &[&rel, q, &matching])
}

/// The results line of a timeline that shows its newest releases only: `2,020 releases · the
/// newest 50 shown`, or with a search `120 releases match “voip” · the newest 50 shown`.
pub fn timeline_newest(l: Lang, releases_n: usize, shown: usize, q: Option<&str>) -> String {
    let rel = releases(l, releases_n);
    let shown = l.number(&shown.to_string());
    match q {
        None => fill(
            l.t(
                "{0} · the newest {1} shown",
                "{0} · die neuesten {1} angezeigt",
            ),
            &[&rel, &shown],
        ),
        Some(q) => fill(
            l.t(
                "{0} match “{1}” · the newest {2} shown",
                "{0} passen zu „{1}“ · die neuesten {2} angezeigt",
            ),
            &[&rel, q, &shown],
        ),
    }
}

/// The link to the timeline's next page: `Releases older than 5.1.3`.
pub fn older_than(l: Lang, version: &str) -> String {
    fill(
        l.t("Releases older than {0}", "Versionen älter als {0}"),
        &[version],
    )
}

/// The results line of "what's new since my version": `12 changes in 3 releases since 5.9.2`.
pub fn since_summary(l: Lang, changes_n: usize, releases_n: usize, mine: &str) -> String {
    let t = l.t("{0} in {1} since {2}", "{0} in {1} seit {2}");
    fill(t, &[&changes(l, changes_n), &releases(l, releases_n), mine])
}

/// Above the grouped changes since the installed version.
pub fn since_count(l: Lang, changes_n: usize, releases_n: usize) -> String {
    let t = l.t(
        "{0} in {1}, grouped by category, newest first.",
        "{0} in {1}, nach Kategorie gruppiert, neueste zuerst.",
    );
    fill(t, &[&changes(l, changes_n), &releases(l, releases_n)])
}

/// The results line of the compatibility view.
pub fn compared(l: Lang, n: usize) -> String {
    count(
        l,
        n,
        ("version compared", "Version verglichen"),
        ("versions compared", "Versionen verglichen"),
    )
}

/// The heading of "what's new since my version".
pub fn new_since(l: Lang, mine: &str) -> String {
    fill(l.t("What's new since {0}", "Neu seit {0}"), &[mine])
}

/// The installed version typed into the URL is not a version.
pub fn not_a_version(l: Lang, text: &str) -> String {
    let t = l.t(
        "“{0}” is not a version like 5.10.0.",
        "„{0}“ ist keine Versionsnummer wie 5.10.0.",
    );
    fill(t, &[text])
}

/// A range filter of the compatibility view's address that is not a version or a channel.
pub fn bad_range(l: Lang, error: &FilterError) -> String {
    match error {
        FilterError::Channel(text) => fill(
            l.t(
                "“{0}” is not a channel: stable, lts or beta.",
                "„{0}“ ist kein Kanal: stable, lts oder beta.",
            ),
            &[text],
        ),
        FilterError::Version { value, .. } => not_a_version(l, value),
        // The range has no other filter.
        _ => String::new(),
    }
}

/// No in-place upgrade exists.
pub fn no_upgrade_path(l: Lang, mine: &str, target: &str) -> String {
    let t = l.t(
        "There is no in-place upgrade from {0} to {1}. Please contact support.",
        "Von {0} auf {1} gibt es kein direktes Update. Bitte wenden Sie sich an den Support.",
    );
    fill(t, &[mine, target])
}

/// The target upgrades the installed version directly.
pub fn upgrades_in_place(l: Lang, mine: &str, target: &str) -> String {
    let t = l.t(
        "{1} upgrades your {0} in place.",
        "{1} aktualisiert Ihre {0} direkt.",
    );
    fill(t, &[mine, target])
}

/// The target needs steps: `chain` is `5.4.0 → 6.0.1 → 6.1.2`.
pub fn upgrade_in_steps(l: Lang, mine: &str, target: &str, first: &str, chain: &str) -> String {
    let t = l.t(
        "{1} does not upgrade {0} in place. Install {2} first: {3}.",
        "{1} aktualisiert {0} nicht direkt. Installieren Sie zuerst {2}: {3}.",
    );
    fill(t, &[mine, target, first, chain])
}

/// The previews left out of "what's new since".
pub fn superseded(l: Lang, list: &str) -> String {
    let t = l.t(
        "Previews replaced by their final release are left out: {0}.",
        "Vorabversionen, die durch ihre finale Version ersetzt sind, fehlen hier: {0}.",
    );
    fill(t, &[list])
}

/// The heading of the operating systems a target version drops.
pub fn os_dropped_by(l: Lang, target: &str) -> String {
    let t = l.t(
        "No longer supported by {0}:",
        "Von {0} nicht mehr unterstützt:",
    );
    fill(t, &[target])
}

/// `1 breaking change` / `2 inkompatible Änderungen`.
pub fn breaking_changes(l: Lang, n: usize) -> String {
    count(
        l,
        n,
        ("breaking change", "inkompatible Änderung"),
        ("breaking changes", "inkompatible Änderungen"),
    )
}

/// The summary of the changes a timeline card folds away.
pub fn more_changes(l: Lang, n: usize) -> String {
    count(
        l,
        n,
        (
            "more change in this release",
            "weitere Änderung in dieser Version",
        ),
        (
            "more changes in this release",
            "weitere Änderungen in dieser Version",
        ),
    )
}

/// `No release 9.9.9` (the heading of an unknown version's page).
pub fn no_release(l: Lang, version: &str) -> String {
    fill(l.t("No release {0}", "Keine Version {0}"), &[version])
}

/// Explains an unknown version's page.
pub fn no_release_lead(l: Lang, version: &str) -> String {
    let t = l.t(
        "There is no release with the version number {0}. Check the number, or pick a version from the list.",
        "Es gibt keine Version mit der Nummer {0}. Prüfen Sie die Nummer oder wählen Sie eine Version aus der Liste.",
    );
    fill(t, &[version])
}

/// `Files of version 6.1.2`.
pub fn files_of(l: Lang, version: &str) -> String {
    fill(
        l.t("Files of version {0}", "Dateien der Version {0}"),
        &[version],
    )
}

/// A size in bytes for screen readers: ` (41,943,040 bytes)`.
pub fn bytes(l: Lang, size: u64) -> String {
    let t = l.t(" ({0} bytes)", " ({0} Byte)");
    fill(t, &[&l.number(&size.to_string())])
}

/// A size in bytes as Windows shows it (binary units: `40.0 MB`, `382.0 KB`).
pub fn human_size(l: Lang, bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{} B", l.number(&bytes.to_string()));
    }
    let mut unit = 1024u128;
    let mut i = 0;
    while i + 1 < UNITS.len() && u128::from(bytes) >= unit * 1024 {
        unit *= 1024;
        i += 1;
    }
    // Tenths, rounded half up, in integers.
    let tenths = (u128::from(bytes) * 10 + unit / 2) / unit;
    let plain = format!("{}.{}", tenths / 10, tenths % 10);
    format!("{}\u{a0}{}", l.number(&plain), UNITS[i])
}

/// Why an installation may or may not download a release (`running`: its SMA renews
/// automatically).
pub fn entitlement(
    l: Lang,
    e: &Entitlement,
    licence_date: Option<NaiveDate>,
    running: bool,
) -> String {
    let (t, values) = match (e, licence_date) {
        (Entitlement::IncludedWithLicence, Some(d)) => (
            l.t(
                "Included with the licence: this release came out on or before its licence date, {0}.",
                "Mit der Lizenz enthalten: Diese Version erschien spätestens am Lizenzdatum, dem {0}.",
            ),
            [Some(d), None],
        ),
        (Entitlement::IncludedWithLicence, None) => (
            l.t("Included with the licence.", "Mit der Lizenz enthalten."),
            [None, None],
        ),
        (Entitlement::CoveredBySma, _) if running => (
            l.t(
                "Covered by the SMA, which renews automatically.",
                "Durch das SMA abgedeckt, das sich automatisch verlängert.",
            ),
            [None, None],
        ),
        (Entitlement::CoveredBySma, _) => (
            l.t(
                "Covered by the SMA: this release came out while it was in force.",
                "Durch das SMA abgedeckt: Diese Version erschien während seiner Laufzeit.",
            ),
            [None, None],
        ),
        (Entitlement::NeedsSma { release, covered_until: Some(last) }, _) => (
            l.t(
                "This release came out on {0} after the SMA coverage ended on {1}; renew or reinstate the SMA to download it.",
                "Diese Version erschien am {0}, nach dem Ende der SMA-Abdeckung am {1}; verlängern Sie das SMA oder nehmen Sie es wieder auf, um sie herunterzuladen.",
            ),
            [Some(*release), Some(*last)],
        ),
        (Entitlement::NeedsSma { release, covered_until: None }, _) => (
            l.t(
                "This release came out on {0} after the licence date, and the installation has no SMA; buy an SMA to download it.",
                "Diese Version erschien am {0} nach dem Lizenzdatum, und die Installation hat kein SMA; schließen Sie ein SMA ab, um sie herunterzuladen.",
            ),
            [Some(*release), None],
        ),
    };
    let [a, b] = values.map(|d| d.map(|d| l.date(d)).unwrap_or_default());
    fill(t, &[&a, &b])
}

/// The heading of "what renewing gets" an installation.
pub fn renewal_gains(l: Lang, installation: &str) -> String {
    let t = l.t("What renewing gets {0}", "Was eine Verlängerung {0} bringt");
    fill(t, &[installation])
}

/// How many releases an installation missed since its coverage ended (or, without an SMA,
/// since its licence date).
pub fn missed_since(l: Lang, n: usize, since: NaiveDate, never_had: bool) -> String {
    let t = if never_had {
        l.t(
            "{0} came out since the licence date, {1}.",
            "{0} erschienen seit dem Lizenzdatum, dem {1}.",
        )
    } else {
        l.t(
            "{0} came out since the SMA ended on {1}.",
            "{0} erschienen seit dem Ende des SMA am {1}.",
        )
    };
    fill(t, &[&releases(l, n), &l.date(since)])
}

/// `6.1.2: 3 changes for this installation` (the summary that opens them, named by its
/// release, since the release's link stays outside it).
pub fn changes_for_installation(l: Lang, version: &str, n: usize) -> String {
    let changes = count(
        l,
        n,
        (
            "change for this installation",
            "Änderung für diese Installation",
        ),
        (
            "changes for this installation",
            "Änderungen für diese Installation",
        ),
    );
    fill("{0}: {1}", &[version, &changes])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_changes_of_a_release_are_named_by_its_version() {
        assert_eq!(
            changes_for_installation(Lang::En, "6.1.2", 3),
            "6.1.2: 3 changes for this installation"
        );
        assert_eq!(
            changes_for_installation(Lang::De, "6.1.2", 1),
            "6.1.2: 1 Änderung für diese Installation"
        );
    }

    #[test]
    fn sizes_are_human() {
        assert_eq!(human_size(Lang::En, 41_943_040), "40.0\u{a0}MB");
        assert_eq!(human_size(Lang::De, 12_845_056), "12,3\u{a0}MB");
        assert_eq!(human_size(Lang::En, 391_168), "382.0\u{a0}KB");
        assert_eq!(human_size(Lang::En, 512), "512 B");
        assert_eq!(human_size(Lang::En, 5 * 1024 * 1024 * 1024), "5.0\u{a0}GB");
    }

    #[test]
    fn a_search_summary_agrees_in_number_in_both_languages() {
        let one = timeline_summary(Lang::En, 1, 2, Some("voip"));
        assert_eq!(one, "1 release matches “voip” · 2 matching changes");
        let many = timeline_summary(Lang::De, 3, 1, Some("voip"));
        assert_eq!(many, "3 Versionen passen zu „voip“ · 1 passende Änderung");
        assert_eq!(
            timeline_summary(Lang::En, 2, 5, None),
            "2 releases · 5 changes"
        );
    }

    #[test]
    fn the_upgrade_path_names_both_versions_in_each_language_s_order() {
        assert_eq!(
            upgrades_in_place(Lang::En, "5.9.2", "6.1.2"),
            "6.1.2 upgrades your 5.9.2 in place."
        );
        assert_eq!(
            upgrade_in_steps(Lang::De, "5.4.0", "6.1.2", "6.0.1", "5.4.0 → 6.0.1 → 6.1.2"),
            "6.1.2 aktualisiert 5.4.0 nicht direkt. Installieren Sie zuerst 6.0.1: 5.4.0 → 6.0.1 → 6.1.2."
        );
    }
}
