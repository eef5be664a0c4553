//! One installation on the account pages: its facts and SMA state, its auto-renew switch and
//! its order panel; and what the list says when it is empty or could not be loaded.

use super::{auto_renew::AutoRenewSwitch, legacy::LegacyContract, model, order_panel::OrderPanel};
use crate::components::{notice::LoadFailed, sales::ask::AskSales};
use crate::{clock::book_today, clock::today, i18n::use_lang, text::account as text};
use leptos::prelude::*;
use sma_shared::api::{NewQuoteRequest, WireNumber};
use sma_shared::{
    accounts::{Action, Role},
    api::Installation,
    lifecycle::SmaStatus,
    orders::OrderKind,
};

/// The installations could not be loaded: why, and a retry.
#[component]
pub fn InstallationsUnavailable(message: String, retry: Callback<()>) -> impl IntoView {
    let heading = (
        "Your installations could not be loaded.",
        "Ihre Installationen konnten nicht geladen werden.",
    );
    view! { <LoadFailed heading message retry/> }
}

/// The account has no installations yet.
#[component]
pub fn NoInstallations() -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="notice info">{move || lang.get().t("There are no installations on your account yet.", "Ihrem Konto sind noch keine Installationen zugeordnet.")}</p>
    }
}

/// One installation with its auto-renew switch and order panel (`initial` opens an order);
/// a `role` that may not change them is not shown them.
#[component]
pub fn InstallationCard(
    installation: Installation,
    initial: Option<OrderKind>,
    role: Role,
) -> impl IntoView {
    let lang = use_lang();
    let heading_id = format!("acct-inst-{}", installation.id);
    let id = installation.id.clone();
    let current = RwSignal::new(installation);
    // The installation as configured, for "Ask sales about this".
    let config = Signal::derive(move || {
        current.with(|i| {
            Some(NewQuoteRequest {
                edition: i.edition.clone(),
                cameras: WireNumber::from(i.cameras),
                modules: i.modules.clone(),
                licence_date: Some(i.licence_date.to_string()),
                sma: None,
                years: None,
            })
        })
    });
    let switch = role.may(Action::ChangeAutoRenew);
    let order = role.may(Action::PlaceOrder);
    view! {
        <article class="card acct-card" aria-labelledby=heading_id>
            {move || view! { <CardFacts installation=current.get()/> }}
            <LegacyContract current/>
            {switch.then(|| view! { <AutoRenewSwitch current/> })}
            {order.then(|| view! { <OrderPanel current initial/> })}
            {(!switch || !order).then(|| view! {
                <p class="acct-renew-why acct-role-note">{move || lang.get().t(
                    "An administrator of your company orders and changes auto-renew.",
                    "Bestellungen und die automatische Verlängerung ändert ein Administrator Ihrer Firma.",
                )}</p>
            })}
            <AskSales config installation_id=Some(id.clone()) key=id/>
        </article>
    }
}

/// The facts of one installation.
#[component]
fn CardFacts(installation: Installation) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let i = installation;
    let sma = i.sma;
    let (status, term_end) = (sma.status, sma.term_end);
    let deadline = sma.cancellation_deadline;
    let licence = i.licence_date;
    let heading_id = format!("acct-inst-{}", i.id);
    let modules = model::modules_summary(&i.modules);
    let badge_class = match status {
        SmaStatus::Active => "badge ok",
        SmaStatus::Cancelled => "badge warn",
        SmaStatus::Lapsed => "badge bad",
        SmaStatus::None => "badge",
    };
    let covered = matches!(status, SmaStatus::Active | SmaStatus::Cancelled);
    let days_left = model::days_left(&sma, today());
    let price = sma.renewal_price;

    view! {
            <header class="acct-card-head">
                <h2 id=heading_id>{i.name.clone()}</h2>
                <p class="acct-status">
                    <span class="sr-only">{move || t("SMA status:", "SMA-Status:")}" "</span>
                    <span class=badge_class>{move || text::sma_badge(lang.get(), status, term_end)}</span>
                </p>
            </header>
            <dl class="acct-facts">
                <div>
                    <dt>{move || t("Edition", "Edition")}</dt>
                    <dd>{book_today().edition_name(&i.edition).to_owned()}</dd>
                </div>
                <div>
                    <dt>{move || t("Cameras", "Kameras")}</dt>
                    <dd>{i.cameras}</dd>
                </div>
                <div>
                    <dt>{move || t("Modules", "Module")}</dt>
                    <dd>{modules.unwrap_or_else(|| "—".to_owned())}</dd>
                </div>
                <div>
                    <dt>{move || t("Installed version", "Installierte Version")}</dt>
                    <dd>{i.installed_version.clone().unwrap_or_else(|| "—".to_owned())}</dd>
                </div>
                <div>
                    <dt>{move || t("Licensed since", "Lizenziert seit")}</dt>
                    <dd>{move || lang.get().date(licence)}</dd>
                </div>
                {term_end.map(|d| view! {
                    <div>
                        <dt>{move || if covered { t("Covered until", "Abgedeckt bis") } else { t("Coverage ended on", "Abdeckung endete am") }}</dt>
                        <dd>{move || lang.get().date(d)}</dd>
                    </div>
                })}
                {days_left.map(|n| view! {
                    <div>
                        <dt>{move || t("Days left in this term", "Verbleibende Tage der Laufzeit")}</dt>
                        <dd>{n}</dd>
                    </div>
                })}
                {deadline.map(|d| view! {
                    <div>
                        <dt>{move || t("Cancellation deadline", "Kündigungsfrist")}</dt>
                        <dd>{move || lang.get().date(d)}</dd>
                    </div>
                })}
                {price.map(|p| view! {
                    <div>
                        <dt>{move || t("Next renewal", "Nächste Verlängerung")}</dt>
                        <dd>{move || lang.get().money(p)}</dd>
                    </div>
                })}
            </dl>
    }
}
