//! The compatibility matrix: which versions support which operating system (with its update
//! level) and which virus scanners were tested, plus driver packs and the in-place upgrade floor.

use super::{
    model::{os_matrix, release_href, scanner_matrix, Matrix},
    notes::ChannelBadge,
};
use crate::i18n::{use_lang, Lang};
use leptos::prelude::*;
use sma_shared::{
    api::ReleaseBrief,
    releases::{Channel, Version},
};

fn version_header(v: &Version, channel: Channel) -> impl IntoView {
    // Betas say so in their version; LTS does not.
    let badge = (channel == Channel::Lts).then(|| view! { " " <ChannelBadge channel/> });
    view! {
        <th scope="row" class="rel-sticky">
            <a href=release_href(v)>{v.to_string()}</a>
            {badge}
        </th>
    }
}

#[component]
fn MatrixTable(
    id: &'static str,
    caption: fn(Lang) -> &'static str,
    matrix: Matrix,
    yes: fn(Lang) -> &'static str,
    no: fn(Lang) -> &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let caption_id = format!("{id}-caption");
    let labelled_by = caption_id.clone();
    let heads = matrix
        .columns
        .iter()
        .map(|c| view! { <th scope="col">{c.clone()}</th> })
        .collect_view();
    let rows = matrix
        .rows
        .into_iter()
        .map(|(v, channel, cells)| {
            let cells = cells
                .into_iter()
                .map(|cell| match cell {
                    Some(detail) => view! {
                        <td class="rel-yes">
                            <span aria-hidden="true" class="rel-mark">"✓"</span>
                            <span class="sr-only">{move || yes(lang.get())}</span>
                            " "
                            <span class="rel-detail">{detail}</span>
                        </td>
                    }
                    .into_any(),
                    None => view! {
                        <td class="rel-no">
                            <span aria-hidden="true">"–"</span>
                            <span class="sr-only">{move || no(lang.get())}</span>
                        </td>
                    }
                    .into_any(),
                })
                .collect_view();
            view! { <tr>{version_header(&v, channel)}{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-wrap rel-matrix-wrap" role="region" aria-labelledby=labelled_by tabindex="0">
            <table class="rel-matrix rel-marks" id=id>
                <caption id=caption_id>{move || caption(lang.get())}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="rel-sticky">{move || t("Version", "Version")}</th>
                        {heads}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The compatibility view of the release browser (releases newest first).
#[component]
pub fn ReleaseCompat(releases: Vec<ReleaseBrief>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    if releases.is_empty() {
        return view! {
            <p class="notice info">{move || t("No version matches these filters.", "Keine Version passt zu diesen Filtern.")}</p>
        }
        .into_any();
    }
    let os = os_matrix(&releases);
    let scanners = scanner_matrix(&releases);
    let extra = releases
        .iter()
        .map(|r| {
            let min = r.compatibility.min_server_version.clone();
            let date = r.date;
            view! {
                <tr>
                    {version_header(&r.version, r.channel)}
                    <td class="num"><time datetime=date.to_string()>{move || lang.get().date(date)}</time></td>
                    <td>{r.compatibility.driver_pack.clone()}</td>
                    <td>{min.unwrap_or_else(|| "–".to_owned())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card rel-compat" aria-labelledby="rel-compat-os-h">
            <h2 id="rel-compat-os-h">{move || t("Operating systems", "Betriebssysteme")}</h2>
            <p class="hint">
                {move || t(
                    "✓ supported. “CU 2026-03+” means with the Windows cumulative update of March 2026 or later; ESU: only with Extended Security Updates. On a phone, swipe the table sideways.",
                    "✓ unterstützt. „CU 2026-03+“ heißt: mit dem kumulativen Windows-Update von März 2026 oder neuer; ESU: nur mit Extended Security Updates. Auf dem Telefon die Tabelle seitlich wischen.",
                )}
            </p>
            <MatrixTable
                id="rel-compat-os"
                caption=|l: Lang| l.t("Operating systems supported by each version", "Unterstützte Betriebssysteme je Version")
                matrix=os
                yes=|l: Lang| l.t("Supported", "Unterstützt")
                no=|l: Lang| l.t("Not supported", "Nicht unterstützt")
            />
        </section>
        <section class="card rel-compat" aria-labelledby="rel-compat-av-h">
            <h2 id="rel-compat-av-h">{move || t("Virus scanners", "Virenscanner")}</h2>
            <p class="hint">{move || t("The scanner version each release was tested with.", "Die Scanner-Version, mit der jede Version getestet wurde.")}</p>
            <MatrixTable
                id="rel-compat-av"
                caption=|l: Lang| l.t("Virus scanners tested with each version", "Getestete Virenscanner je Version")
                matrix=scanners
                yes=|l: Lang| l.t("Tested:", "Getestet:")
                no=|l: Lang| l.t("Not tested", "Nicht getestet")
            />
        </section>
        <section class="card rel-compat" aria-labelledby="rel-compat-dp-h">
            <h2 id="rel-compat-dp-h">{move || t("Driver packs and upgrades", "Treiberpakete und Updates")}</h2>
            <div class="table-wrap rel-matrix-wrap" role="region" aria-labelledby="rel-compat-dp-caption" tabindex="0">
                <table class="rel-matrix">
                    <caption id="rel-compat-dp-caption">
                        {move || t("Camera driver pack and oldest version that upgrades in place", "Kamera-Treiberpaket und älteste direkt aktualisierbare Version")}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col" class="rel-sticky">{move || t("Version", "Version")}</th>
                            <th scope="col" class="num">{move || t("Released", "Veröffentlicht")}</th>
                            <th scope="col">{move || t("Driver pack", "Treiberpaket")}</th>
                            <th scope="col">{move || t("Upgrades in place from", "Direktes Update ab")}</th>
                        </tr>
                    </thead>
                    <tbody>{extra}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
