//! The names of things, in English and German: change categories, channels, modules, file
//! kinds, order kinds and the buttons that open them, SMA states, activity entries.

use crate::i18n::Lang;
use sma_shared::{
    lifecycle::SmaStatus,
    orders::OrderKind,
    releases::{Category, Channel},
};

/// The heading of a changelog section.
pub fn category(lang: Lang, c: Category) -> &'static str {
    match c {
        Category::Added => lang.t("Added", "Neu"),
        Category::Changed => lang.t("Changed", "Geändert"),
        Category::Fixed => lang.t("Fixed", "Behoben"),
        Category::Security => lang.t("Security", "Sicherheit"),
        Category::Deprecated => lang.t("Deprecated", "Abgekündigt"),
        Category::Removed => lang.t("Removed", "Entfernt"),
    }
}

/// A release channel.
pub fn channel(lang: Lang, channel: Channel) -> &'static str {
    match channel {
        Channel::Stable => lang.t("Stable", "Stabil"),
        Channel::Lts => lang.t("LTS", "LTS"),
        Channel::Beta => lang.t("Beta", "Beta"),
    }
}

/// A module a release note concerns (the release notes' module codes).
pub fn module(lang: Lang, code: &str) -> &'static str {
    match code {
        "camera" => lang.t("Cameras and drivers", "Kameras und Treiber"),
        "client" => lang.t("Client", "Client"),
        "storage" => lang.t("Storage (NAS/SAN)", "Speicher (NAS/SAN)"),
        "archive" => lang.t("Archive", "Archiv"),
        "voip" => lang.t("VoIP and intercoms", "VoIP und Sprechanlagen"),
        "pos" => lang.t("POS (retail)", "Kassensysteme (POS)"),
        "analytics" => lang.t("Video analytics", "Videoanalyse"),
        _ => lang.t("Other", "Sonstiges"),
    }
}

/// The platform of a release file (unknown ones by their code).
pub fn platform(lang: Lang, platform: &str) -> String {
    match platform {
        "windows-x64" => "Windows x64".to_owned(),
        "any" => lang.t("Any", "Alle").to_owned(),
        other => other.to_owned(),
    }
}

/// The kind of a release file (unknown ones by their code).
pub fn file_kind(lang: Lang, kind: &str) -> String {
    match kind {
        "installer" => lang
            .t("Server installer", "Server-Installationsprogramm")
            .to_owned(),
        "client" => lang
            .t("Client installer", "Client-Installationsprogramm")
            .to_owned(),
        "notes" => lang
            .t("Release notes (PDF)", "Versionshinweise (PDF)")
            .to_owned(),
        other => other.to_owned(),
    }
}

/// What an order bought.
pub fn order_kind(lang: Lang, kind: OrderKind) -> &'static str {
    match kind {
        OrderKind::Sma => lang.t("SMA purchase", "SMA-Kauf"),
        OrderKind::Renewal => lang.t("SMA renewal", "SMA-Verlängerung"),
        OrderKind::Expansion => lang.t("Expansion", "Erweiterung"),
        OrderKind::Upgrade => lang.t("Edition upgrade", "Edition-Upgrade"),
        OrderKind::LegacyExtension => lang.t(
            "Maintenance Contract extension",
            "Verlängerung des Wartungsvertrags",
        ),
        OrderKind::LegacyExpansion => lang.t(
            "Expansion under the Maintenance Contract",
            "Erweiterung im Wartungsvertrag",
        ),
        OrderKind::SwitchToSma => lang.t("Switch to the SMA", "Wechsel zum SMA"),
        OrderKind::LegacyContract => lang.t("Maintenance Contract", "Wartungsvertrag"),
    }
}

/// The button that opens an order of `kind` for an SMA in `status` (the order panel).
pub fn order_button(lang: Lang, kind: OrderKind, status: SmaStatus) -> &'static str {
    match (kind, status) {
        (OrderKind::Renewal, _) => lang.t("Renew now", "Jetzt verlängern"),
        (OrderKind::Sma, SmaStatus::Lapsed) => lang.t("Reinstate SMA", "SMA wieder aufnehmen"),
        (OrderKind::Sma, _) => lang.t("Buy SMA", "SMA kaufen"),
        (OrderKind::Expansion, _) => lang.t("Expand", "Erweitern"),
        (OrderKind::Upgrade, _) => lang.t("Upgrade edition", "Edition upgraden"),
        (OrderKind::LegacyExtension, _) => lang.t("Extend the contract", "Vertrag verlängern"),
        (OrderKind::LegacyExpansion, _) => lang.t("Expand", "Erweitern"),
        (OrderKind::SwitchToSma, _) => lang.t("Switch to the SMA", "Zum SMA wechseln"),
        (OrderKind::LegacyContract, _) => lang.t("Maintenance Contract", "Wartungsvertrag"),
    }
}

/// The link that restores coverage with `fix` for an SMA in `status` (a release page).
pub fn fix_link(lang: Lang, fix: OrderKind, status: SmaStatus) -> &'static str {
    match (fix, status) {
        (OrderKind::Sma, SmaStatus::None) => lang.t("Buy an SMA", "SMA abschließen"),
        (OrderKind::Sma, _) => lang.t("Reinstate SMA", "SMA wieder aufnehmen"),
        _ => lang.t("Renew SMA", "SMA verlängern"),
    }
}

/// The state of an SMA on its badge (a cancelled one with its end: `text::account`).
pub fn sma_status(lang: Lang, status: SmaStatus) -> &'static str {
    match status {
        SmaStatus::Active => lang.t("Active", "Aktiv"),
        SmaStatus::Cancelled => lang.t("Cancelled", "Gekündigt"),
        SmaStatus::Lapsed => lang.t("Lapsed", "Abgelaufen"),
        SmaStatus::None => lang.t("No SMA", "Kein SMA"),
    }
}

/// What an entry of an installation's activity (the audit log) means.
pub fn activity(lang: Lang, action: &str) -> String {
    let label = match action {
        "sma.cancel" => lang.t(
            "Auto-renew cancelled",
            "Automatische Verlängerung gekündigt",
        ),
        "sma.resume" => lang.t(
            "Auto-renew resumed",
            "Automatische Verlängerung fortgesetzt",
        ),
        "order.sma" => lang.t("SMA bought", "SMA gekauft"),
        "order.renewal" => lang.t("SMA renewed", "SMA verlängert"),
        "order.expansion" => lang.t("Expanded", "Erweitert"),
        "order.upgrade" => lang.t("Edition upgraded", "Edition aktualisiert"),
        "engine.renew" => lang.t("Renewed automatically", "Automatisch verlängert"),
        "engine.lapse" => lang.t("SMA ended", "SMA beendet"),
        "engine.remind" => lang.t("Deadline reminder sent", "Fristerinnerung gesendet"),
        "download.link" => lang.t("Download link issued", "Download-Link ausgegeben"),
        other => return other.to_owned(),
    };
    label.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lapsed_sma_is_reinstated_and_a_missing_one_bought() {
        let lapsed = order_button(Lang::En, OrderKind::Sma, SmaStatus::Lapsed);
        assert_eq!(lapsed, "Reinstate SMA");
        let none = order_button(Lang::En, OrderKind::Sma, SmaStatus::None);
        assert_eq!(none, "Buy SMA");
        assert_eq!(
            fix_link(Lang::En, OrderKind::Sma, SmaStatus::None),
            "Buy an SMA"
        );
        assert_eq!(
            fix_link(Lang::De, OrderKind::Sma, SmaStatus::Lapsed),
            "SMA wieder aufnehmen"
        );
    }

    #[test]
    fn unknown_codes_are_shown_as_they_are() {
        assert_eq!(activity(Lang::De, "engine.lapse"), "SMA beendet");
        assert_eq!(activity(Lang::De, "admin.fix"), "admin.fix");
        assert_eq!(file_kind(Lang::En, "sbom"), "sbom");
        assert_eq!(platform(Lang::De, "any"), "Alle");
    }
}
