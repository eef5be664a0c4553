//! The files of a release: a table with human-readable sizes and SHA-256 checksums, how to
//! verify a download, and who may download (the buttons are per installation, in
//! `entitlement`).

use crate::{
    i18n::use_lang,
    text::{labels, releases as text},
};
use leptos::prelude::*;
use sma_shared::releases::{Artifact, Version};

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
    sma_shared::sort_small_by_key(&mut artifacts, |a| (rank(&a.kind), a.name.clone()));
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
                    <td>{move || labels::file_kind(lang.get(), &kind)}</td>
                    <td>{move || labels::platform(lang.get(), &platform)}</td>
                    <td class="num">
                        {move || text::human_size(lang.get(), size)}
                        <span class="sr-only">{move || text::bytes(lang.get(), size)}</span>
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
                        {move || text::files_of(lang.get(), &caption_version)}
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
