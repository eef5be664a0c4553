//! The files of a release: a table with human-readable sizes and SHA-256 checksums, how to
//! verify a download, and who may download (the buttons are per installation, in
//! `release_entitlement`).

use crate::i18n::{use_lang, Lang};
use leptos::prelude::*;
use sma_shared::releases::{Artifact, Version};

/// A size in bytes as Windows shows it (binary units: `40.0 MB`, `382.0 KB`), in the UI language.
pub fn human_size(lang: Lang, bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{} B", lang.number(&bytes.to_string()));
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
    format!("{}\u{a0}{}", lang.number(&plain), UNITS[i])
}

fn platform_label(lang: Lang, platform: &str) -> String {
    match platform {
        "windows-x64" => "Windows x64".to_owned(),
        "any" => lang.t("Any", "Alle").to_owned(),
        other => other.to_owned(),
    }
}

fn kind_label(lang: Lang, kind: &str) -> String {
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

/// The downloads section of a release page (`signed_in`: the account page signed in from this
/// browser, so the installations and their Download buttons follow).
#[component]
pub fn ReleaseArtifacts(
    version: Version,
    mut artifacts: Vec<Artifact>,
    signed_in: bool,
) -> impl IntoView {
    let lang = use_lang();
    let rank = |kind: &str| {
        ["installer", "client", "notes"]
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(3)
    };
    artifacts.sort_by(|a, b| {
        rank(&a.kind)
            .cmp(&rank(&b.kind))
            .then_with(|| a.name.cmp(&b.name))
    });
    let t = move |en, de| lang.get().t(en, de);
    let example = artifacts
        .iter()
        .find(|a| a.kind == "installer")
        .or(artifacts.first())
        .map(|a| a.name.clone())
        .unwrap_or_else(|| format!("vms-server-{version}-x64.exe"));
    let win_cmd = format!("Get-FileHash .\\{example} -Algorithm SHA256");
    let linux_cmd = format!("sha256sum {example}");
    let caption_version = version.to_string();
    let rows = artifacts
        .into_iter()
        .map(|a| {
            let size = a.size;
            let platform = a.platform.clone();
            let kind = a.kind.clone();
            view! {
                <tr>
                    <th scope="row"><span class="rel-file">{a.name}</span></th>
                    <td>{move || kind_label(lang.get(), &kind)}</td>
                    <td>{move || platform_label(lang.get(), &platform)}</td>
                    <td class="num">
                        {move || human_size(lang.get(), size)}
                        <span class="sr-only">
                            {move || match lang.get() {
                                Lang::En => format!(" ({} bytes)", lang.get().number(&size.to_string())),
                                Lang::De => format!(" ({} Byte)", lang.get().number(&size.to_string())),
                            }}
                        </span>
                    </td>
                    <td><code class="rel-sha">{a.sha256}</code></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card rel-downloads" aria-labelledby="rel-downloads-h">
            <h2 id="rel-downloads-h">{move || t("Downloads", "Downloads")}</h2>
            <p class="notice info">
                {move || if signed_in {
                    t(
                        "Each of your installations whose Software Maintenance Agreement covers this release has its Download buttons below.",
                        "Jede Ihrer Installationen, deren Softwarepflegevertrag diese Version abdeckt, hat unten ihre Download-Schaltflächen.",
                    )
                } else {
                    t(
                        "Downloads are for customers whose Software Maintenance Agreement covers this release.",
                        "Downloads sind Kunden vorbehalten, deren Softwarepflegevertrag diese Version abdeckt.",
                    )
                }}
                {(!signed_in).then(|| view! {
                    " "
                    <a href="/account">{move || t("Sign in to download.", "Zum Herunterladen anmelden.")}</a>
                })}
            </p>
            <div class="table-wrap" role="region" aria-labelledby="rel-files-caption" tabindex="0">
                <table class="rel-files">
                    <caption id="rel-files-caption">
                        {move || match lang.get() {
                            Lang::En => format!("Files of version {caption_version}"),
                            Lang::De => format!("Dateien der Version {caption_version}"),
                        }}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || t("File", "Datei")}</th>
                            <th scope="col">{move || t("Kind", "Art")}</th>
                            <th scope="col">{move || t("Platform", "Plattform")}</th>
                            <th scope="col" class="num">{move || t("Size", "Größe")}</th>
                            <th scope="col">{move || t("SHA-256 checksum", "SHA-256-Prüfsumme")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <h3>{move || t("Verify a download", "Download prüfen")}</h3>
            <p>
                {move || t(
                    "Compare the checksum of the downloaded file with the SHA-256 value above; they must be identical. Otherwise the file is damaged or not ours: do not install it.",
                    "Vergleichen Sie die Prüfsumme der heruntergeladenen Datei mit dem SHA-256-Wert oben; beide müssen gleich sein. Sonst ist die Datei beschädigt oder nicht von uns: nicht installieren.",
                )}
            </p>
            <dl class="rel-verify">
                <dt>{move || t("Windows (PowerShell)", "Windows (PowerShell)")}</dt>
                <dd><code>{win_cmd}</code></dd>
                <dt>"Linux"</dt>
                <dd><code>{linux_cmd}</code></dd>
            </dl>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_human() {
        assert_eq!(human_size(Lang::En, 41_943_040), "40.0\u{a0}MB");
        assert_eq!(human_size(Lang::De, 12_845_056), "12,3\u{a0}MB");
        assert_eq!(human_size(Lang::En, 391_168), "382.0\u{a0}KB");
        assert_eq!(human_size(Lang::En, 512), "512 B");
        assert_eq!(human_size(Lang::En, 5 * 1024 * 1024 * 1024), "5.0\u{a0}GB");
    }
}
