//! `/account`: the signed-in customer area: the sign-in form, and once signed in the customer's
//! installations with the state of their SMA.
//!
//! The session is an HttpOnly cookie the page cannot see, so the page remembers in
//! `localStorage` only *that* it signed in from this browser; `GET /api/me` is asked on load
//! when it did (a signed-out visitor is shown the form without a request that must fail).

use crate::{
    api::{self, ApiError},
    clock::{book_today, today},
    components::order_panel::OrderPanel,
    hooks::use_document_title,
    i18n::{use_lang, Lang},
    session::{set_signed_in_hint, signed_in_hint},
};
use chrono::NaiveDate;
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};
use sma_shared::{
    api::{Installation, User},
    lifecycle::SmaStatus,
    orders::OrderKind,
};

/// Where the page stands.
#[derive(Clone, Debug, PartialEq)]
enum Auth {
    Checking,
    SignedOut,
    SignedIn(User),
}

/// The message of a failed sign-in, in the page's language.
fn sign_in_error(l: Lang, e: &ApiError) -> String {
    match e.code.as_str() {
        "invalid_credentials" => l
            .t(
                "The email address or the password is not correct.",
                "Die E-Mail-Adresse oder das Passwort ist nicht korrekt.",
            )
            .to_owned(),
        "rate_limited" => l
            .t(
                "Too many failed sign-ins for this email address. Please wait 15 minutes and try again.",
                "Zu viele fehlgeschlagene Anmeldungen für diese E-Mail-Adresse. Bitte warten Sie 15 Minuten und versuchen Sie es erneut.",
            )
            .to_owned(),
        _ => e.message.clone(),
    }
}

/// A signed-in visitor, and how to tell the gate that they signed out.
#[derive(Clone)]
pub struct SignedIn {
    /// The user.
    pub user: User,
    /// Call after signing out.
    pub signed_out: Callback<()>,
}

/// The account page.
#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = use_lang();
    use_document_title(move || {
        format!("{} · SMA Portal", lang.get().t("My account", "Mein Konto"))
    });
    view! {
        <AccountGate content=Callback::new(|s: SignedIn| {
            view! { <Dashboard user=s.user on_signed_out=s.signed_out/> }.into_any()
        })/>
    }
}

/// Shows `content` to a signed-in customer and the sign-in form to anyone else.
#[component]
pub fn AccountGate(content: Callback<SignedIn, AnyView>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let auth = RwSignal::new(if signed_in_hint() {
        Auth::Checking
    } else {
        Auth::SignedOut
    });
    if signed_in_hint() {
        spawn_local(async move {
            match api::me().await {
                Ok(body) => auth.set(Auth::SignedIn(body.user)),
                Err(_) => {
                    set_signed_in_hint(false);
                    auth.set(Auth::SignedOut);
                }
            }
        });
    }
    let on_signed_in = Callback::new(move |user: User| {
        set_signed_in_hint(true);
        auth.set(Auth::SignedIn(user));
    });
    let signed_out = Callback::new(move |()| {
        set_signed_in_hint(false);
        auth.set(Auth::SignedOut);
    });

    move || match auth.get() {
        Auth::Checking => view! {
            <section class="hero">
                <h1>{move || t("My account", "Mein Konto")}</h1>
                <p class="muted" role="status" aria-live="polite">
                    {move || t("Checking your sign-in…", "Anmeldung wird geprüft …")}
                </p>
            </section>
        }
        .into_any(),
        Auth::SignedOut => view! { <SignInForm on_signed_in/> }.into_any(),
        Auth::SignedIn(user) => content.run(SignedIn { user, signed_out }),
    }
}

/// The sign-in form.
#[component]
fn SignInForm(on_signed_in: Callback<User>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let submitting = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        submitting.set(true);
        error.set(None);
        let (e, p) = (email.get_untracked(), password.get_untracked());
        spawn_local(async move {
            let answer = api::sign_in(e.trim(), &p).await;
            submitting.set(false);
            match answer {
                Ok(body) => on_signed_in.run(body.user),
                Err(err) => {
                    password.set(String::new());
                    error.set(Some(err));
                }
            }
        });
    };

    view! {
        <section class="hero">
            <h1>{move || t("Sign in to your account", "Anmeldung zu Ihrem Konto")}</h1>
            <p class="lead">
                {move || t(
                    "See your installations and the state of their SMA.",
                    "Sehen Sie Ihre Installationen und den Stand ihres SMA.",
                )}
            </p>
        </section>
        <form class="card acct-signin" on:submit=on_submit>
            <div class="field">
                <label for="acct-email">{move || t("Email", "E-Mail")}</label>
                <input
                    id="acct-email"
                    type="email"
                    name="email"
                    autocomplete="username"
                    required
                    prop:value=move || email.get()
                    on:input=move |ev| email.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for="acct-password">{move || t("Password", "Passwort")}</label>
                <input
                    id="acct-password"
                    type="password"
                    name="password"
                    autocomplete="current-password"
                    required
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))
                />
            </div>
            <div role="alert" class="acct-alert">
                {move || {
                    error
                        .get()
                        .map(|e| view! { <p class="notice bad">{sign_in_error(lang.get(), &e)}</p> })
                }}
            </div>
            <button type="submit" disabled=move || submitting.get() aria-busy=move || submitting.get().to_string()>
                {move || if submitting.get() { t("Signing in…", "Anmeldung läuft …") } else { t("Sign in", "Anmelden") }}
            </button>
        </form>
    }
}

/// The signed-in dashboard.
#[component]
fn Dashboard(user: User, on_signed_out: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let installations = LocalResource::new(api::installations);
    let signing_out = RwSignal::new(false);
    let out_error = RwSignal::new(None::<String>);
    let sign_out = move |_| {
        signing_out.set(true);
        out_error.set(None);
        spawn_local(async move {
            let answer = api::sign_out().await;
            signing_out.set(false);
            match answer {
                Ok(()) => on_signed_out.run(()),
                Err(e) => out_error.set(Some(e.message)),
            }
        });
    };

    let content = move || {
        Suspend::new(async move {
            match installations.await {
                Err(e) => view! {
                    <InstallationsUnavailable message=e.message retry=Callback::new(move |()| installations.refetch())/>
                }
                .into_any(),
                Ok(list) if list.installations.is_empty() => view! { <NoInstallations/> }.into_any(),
                Ok(list) => {
                    let count = list.installations.len();
                    view! {
                    <p class="sr-only" role="status" aria-live="polite">
                        {move || match count {
                            1 => t("1 installation", "1 Installation").to_owned(),
                            n => format!("{n} {}", t("installations", "Installationen")),
                        }}
                    </p>
                    <ul class="acct-list">
                        {list
                            .installations
                            .into_iter()
                            .map(|i| view! { <li><DashboardCard installation=i/></li> })
                            .collect_view()}
                    </ul>
                    }
                    .into_any()
                }
            }
        })
    };

    view! {
        <section class="hero acct-hero">
            <div>
                <h1>{move || t("My account", "Mein Konto")}</h1>
                <p class="lead">
                    <span class="acct-customer">{user.customer.name.clone()}</span>
                    <span class="muted small">" · " {user.email.clone()}</span>
                </p>
            </div>
            <button type="button" class="secondary" on:click=sign_out disabled=move || signing_out.get()>
                {move || t("Sign out", "Abmelden")}
            </button>
        </section>
        <div role="alert">
            {move || out_error.get().map(|m| view! { <p class="notice bad">{m}</p> })}
        </div>
        <h2 class="sr-only">{move || t("Your installations", "Ihre Installationen")}</h2>
        <Suspense fallback=move || view! { <p class="muted" role="status">{move || t("Loading your installations…", "Ihre Installationen werden geladen …")}</p> }>
            {content}
        </Suspense>
        <p class="acct-next">
            <a href="/account/orders">{move || t("Orders and invoices", "Bestellungen und Rechnungen")}</a>
        </p>
    }
}

/// The installations could not be loaded: why, and a retry.
#[component]
pub fn InstallationsUnavailable(message: String, retry: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    view! {
        <div class="notice bad" role="alert">
            <p>
                <strong>{move || t("Your installations could not be loaded.", "Ihre Installationen konnten nicht geladen werden.")}</strong>
                " "
                {message}
            </p>
            <button type="button" class="secondary" on:click=move |_| retry.run(())>
                {move || t("Try again", "Erneut versuchen")}
            </button>
        </div>
    }
}

/// The account has no installations yet.
#[component]
pub fn NoInstallations() -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="notice info">{move || lang.get().t("There are no installations on your account yet.", "Ihrem Konto sind noch keine Installationen zugeordnet.")}</p>
    }
}

/// One installation on the dashboard.
#[component]
fn DashboardCard(installation: Installation) -> impl IntoView {
    view! { <InstallationCard initial=None installation/> }
}

/// One installation with its auto-renew switch and order actions (`initial` opens one).
#[component]
pub fn InstallationCard(installation: Installation, initial: Option<OrderKind>) -> impl IntoView {
    let heading_id = format!("acct-inst-{}", installation.id);
    let current = RwSignal::new(installation);
    view! {
        <article class="card acct-card" aria-labelledby=heading_id>
            {move || view! { <CardFacts installation=current.get()/> }}
            <AutoRenewSwitch current/>
            <OrderPanel current initial/>
        </article>
    }
}

/// What the last answer of the auto-renew switch said.
#[derive(Clone, Debug, PartialEq)]
struct SwitchOutcome {
    resumed: bool,
    coverage_ends: Option<NaiveDate>,
    decision_deadline: Option<NaiveDate>,
}

/// "Cancel auto-renew" / "Resume auto-renew" with the consequence explained before the click and
/// the API's dates after it (pricing.md section 5).
#[component]
fn AutoRenewSwitch(current: RwSignal<Installation>) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<SwitchOutcome>);
    let error = RwSignal::new(None::<String>);
    let status = move || current.with(|i| i.sma.status);
    let shown = move || matches!(status(), SmaStatus::Active | SmaStatus::Cancelled);
    let on_click = move |_| {
        if busy.get_untracked() {
            return;
        }
        let (id, cancelling) =
            current.with_untracked(|i| (i.id.clone(), i.sma.status == SmaStatus::Active));
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let answer = if cancelling {
                api::cancel_auto_renew(&id).await
            } else {
                api::resume_auto_renew(&id).await
            };
            busy.set(false);
            match answer {
                Ok(a) => {
                    outcome.set(Some(SwitchOutcome {
                        resumed: !cancelling,
                        coverage_ends: Some(a.change.coverage_ends),
                        decision_deadline: Some(a.change.decision_deadline),
                    }));
                    current.set(a.installation);
                }
                Err(e) => error.set(Some(e.message)),
            }
        });
    };
    let explanation = move || {
        let l = lang.get();
        let (active, term_end, deadline) = current.with(|i| {
            (
                i.sma.status == SmaStatus::Active,
                i.sma.term_end,
                i.sma.cancellation_deadline,
            )
        });
        let date = |d: Option<NaiveDate>| d.map(|d| l.date(d)).unwrap_or_default();
        if !active {
            return format!(
                "{} {}{}",
                l.t(
                    "If you resume auto-renew today, coverage no longer ends on",
                    "Wenn Sie die automatische Verlängerung heute fortsetzen, endet die Abdeckung nicht am",
                ),
                date(term_end),
                l.t(
                    ": the SMA renews automatically again.",
                    ", sondern das SMA verlängert sich wieder automatisch.",
                ),
            );
        }
        match deadline {
            Some(d) if today() > d => format!(
                "{} {} {}",
                l.t(
                    "The cancellation deadline of this term passed on",
                    "Die Kündigungsfrist dieser Laufzeit endete am",
                ),
                l.date(d),
                l.t(
                    "— if you cancel today, the SMA renews once more and coverage ends at the end of the next term; you can resume until then.",
                    "– wenn Sie heute kündigen, verlängert sich das SMA noch einmal und die Abdeckung endet mit der nächsten Laufzeit; bis dahin können Sie die Kündigung zurücknehmen.",
                ),
            ),
            _ => format!(
                "{} {}{}",
                l.t(
                    "If you cancel today, coverage ends on",
                    "Wenn Sie heute kündigen, endet die Abdeckung am",
                ),
                date(term_end),
                l.t(
                    "; you can resume until then.",
                    "; bis dahin können Sie die Kündigung zurücknehmen.",
                ),
            ),
        }
    };
    let result = move || {
        let l = lang.get();
        outcome.get().map(|o| {
            let date = |d: Option<NaiveDate>| d.map(|d| l.date(d)).unwrap_or_default();
            if o.resumed {
                format!(
                    "{} {}{} {}.",
                    l.t(
                        "Auto-renew is on again. To end coverage on",
                        "Die automatische Verlängerung ist wieder aktiv. Damit die Abdeckung am",
                    ),
                    date(o.coverage_ends),
                    l.t(", cancel by", " endet, kündigen Sie bis zum"),
                    date(o.decision_deadline),
                )
            } else {
                format!(
                    "{} {}{} {}.",
                    l.t(
                        "Auto-renew is cancelled. Coverage ends on",
                        "Die automatische Verlängerung ist gekündigt. Die Abdeckung endet am",
                    ),
                    date(o.coverage_ends),
                    l.t(
                        "; you can resume until",
                        "; Sie können die Kündigung zurücknehmen bis zum"
                    ),
                    date(o.decision_deadline),
                )
            }
        })
    };
    view! {
        <div class="acct-renew">
            <Show when=shown>
                <p class="acct-renew-why">{explanation}</p>
                <button
                    type="button"
                    class="secondary"
                    disabled=move || busy.get()
                    aria-busy=move || busy.get().to_string()
                    on:click=on_click
                >
                    {move || if status() == SmaStatus::Active {
                        t("Cancel auto-renew", "Automatische Verlängerung kündigen")
                    } else {
                        t("Resume auto-renew", "Automatische Verlängerung fortsetzen")
                    }}
                </button>
            </Show>
            <p class="acct-renew-result" role="status" aria-live="polite">{result}</p>
            <div role="alert" class="acct-alert">
                {move || error.get().map(|m| view! { <p class="notice bad">{m}</p> })}
            </div>
        </div>
    }
}

/// The facts of one installation.
#[component]
fn CardFacts(installation: Installation) -> impl IntoView {
    let lang = use_lang();
    let t = move |en, de| lang.get().t(en, de);
    let i = installation;
    let sma = i.sma;
    let term_end = sma.term_end;
    let deadline = sma.cancellation_deadline;
    let licence = i.licence_date;
    let status = sma.status;
    let heading_id = format!("acct-inst-{}", i.id);
    let modules = if i.modules.is_empty() {
        None
    } else {
        Some(
            i.modules
                .iter()
                .map(|m| format!("{} × {}", m.sku, m.qty))
                .collect::<Vec<_>>()
                .join(", "),
        )
    };
    let badge = move || {
        let l = lang.get();
        let (class, text) = match status {
            SmaStatus::Active => ("badge ok", l.t("Active", "Aktiv").to_owned()),
            SmaStatus::Cancelled => (
                "badge warn",
                match term_end {
                    Some(d) => format!(
                        "{} {}",
                        l.t("Cancelled — ends on", "Gekündigt — endet am"),
                        l.date(d)
                    ),
                    None => l.t("Cancelled", "Gekündigt").to_owned(),
                },
            ),
            SmaStatus::Lapsed => ("badge bad", l.t("Lapsed", "Abgelaufen").to_owned()),
            SmaStatus::None => ("badge", l.t("No SMA", "Kein SMA").to_owned()),
        };
        view! { <span class=class>{text}</span> }
    };
    let covered = matches!(sma.status, SmaStatus::Active | SmaStatus::Cancelled);
    let days_left = term_end
        .filter(|_| covered)
        .map(|end| (end - today()).num_days());
    let price = sma.renewal_price;

    view! {
            <header class="acct-card-head">
                <h2 id=heading_id>{i.name.clone()}</h2>
                <p class="acct-status">
                    <span class="sr-only">{move || t("SMA status:", "SMA-Status:")}" "</span>
                    {badge}
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
                    <dd>{modules.clone().unwrap_or_else(|| "—".to_owned())}</dd>
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
                        <dd>{n.max(0)}</dd>
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
