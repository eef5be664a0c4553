//! The account pages' sentences that carry values, each written whole in English and German:
//! sign-in, the installations' SMA and auto-renew, orders, quotes and invoices.

use crate::i18n::Lang;
use chrono::NaiveDate;
use sma_shared::{
    api::ErrorDetail as ApiError,
    fill,
    lifecycle::SmaStatus,
    orders::{OrderKind, PAYMENT_TERM_DAYS},
    Money,
};

/// The message of a failed sign-in; over a sign-in limit, how long to wait: the answer's
/// `retry_after_seconds` (the end of the window that refused it) in whole minutes, rounded up.
pub fn sign_in_error(l: Lang, e: &ApiError) -> String {
    let minutes = e.retry_after_seconds.map(|s| s.div_ceil(60));
    match (e.code.as_str(), minutes) {
        ("invalid_credentials", _) => l
            .t(
                "The email address or the password is not correct.",
                "Die E-Mail-Adresse oder das Passwort ist nicht korrekt.",
            )
            .to_owned(),
        ("rate_limited", Some(0 | 1)) => l
            .t(
                "Too many failed sign-ins. Please wait a minute and try again.",
                "Zu viele fehlgeschlagene Anmeldungen. Bitte warten Sie eine Minute und versuchen Sie es dann erneut.",
            )
            .to_owned(),
        ("rate_limited", Some(minutes)) => fill(
            l.t(
                "Too many failed sign-ins. Please wait {0} minutes and try again.",
                "Zu viele fehlgeschlagene Anmeldungen. Bitte warten Sie {0} Minuten und versuchen Sie es dann erneut.",
            ),
            &[&minutes.to_string()],
        ),
        ("rate_limited", None) => l
            .t(
                "Too many failed sign-ins. Please wait a while and try again.",
                "Zu viele fehlgeschlagene Anmeldungen. Bitte warten Sie eine Weile und versuchen Sie es dann erneut.",
            )
            .to_owned(),
        _ => e.message.clone(),
    }
}

/// `1 installation`, `3 installations` (announced when the list has loaded).
pub fn installations(l: Lang, n: usize) -> String {
    let t = if n == 1 {
        l.t("{0} installation", "{0} Installation")
    } else {
        l.t("{0} installations", "{0} Installationen")
    };
    fill(t, &[&n.to_string()])
}

/// The badge of an SMA: its state, and a cancelled one's last covered day.
pub fn sma_badge(l: Lang, status: SmaStatus, term_end: Option<NaiveDate>) -> String {
    match (status, term_end) {
        (SmaStatus::Cancelled, Some(d)) => fill(
            l.t("Cancelled — ends on {0}", "Gekündigt — endet am {0}"),
            &[&l.date(d)],
        ),
        (status, _) => super::labels::sma_status(l, status).to_owned(),
    }
}

/// What resuming auto-renew today would do for an SMA whose coverage ends on `ends`.
pub fn resume_explained(l: Lang, ends: Option<NaiveDate>) -> String {
    let t = l.t(
        "If you resume auto-renew today, coverage no longer ends on {0}: the SMA renews automatically again.",
        "Wenn Sie die automatische Verlängerung heute fortsetzen, endet die Abdeckung nicht am {0}, sondern das SMA verlängert sich wieder automatisch.",
    );
    fill(t, &[&ends.map(|d| l.date(d)).unwrap_or_default()])
}

/// What cancelling auto-renew today would do, before the cancellation deadline.
pub fn cancel_explained(l: Lang, ends: Option<NaiveDate>) -> String {
    let t = l.t(
        "If you cancel today, coverage ends on {0}; you can resume until then.",
        "Wenn Sie heute kündigen, endet die Abdeckung am {0}; bis dahin können Sie die Kündigung zurücknehmen.",
    );
    fill(t, &[&ends.map(|d| l.date(d)).unwrap_or_default()])
}

/// What cancelling auto-renew today would do, after the term's cancellation `deadline`.
pub fn cancel_after_deadline(l: Lang, deadline: NaiveDate) -> String {
    let t = l.t(
        "The cancellation deadline of this term passed on {0} — if you cancel today, the SMA renews once more and coverage ends at the end of the next term; you can resume until then.",
        "Die Kündigungsfrist dieser Laufzeit endete am {0} – wenn Sie heute kündigen, verlängert sich das SMA noch einmal und die Abdeckung endet mit der nächsten Laufzeit; bis dahin können Sie die Kündigung zurücknehmen.",
    );
    fill(t, &[&l.date(deadline)])
}

/// What the switch did: auto-renew is off (`resumed` false) or on again, with the day
/// coverage ends (or would end) and until when the choice can be changed.
pub fn auto_renew_switched(l: Lang, resumed: bool, ends: NaiveDate, deadline: NaiveDate) -> String {
    let t = if resumed {
        l.t(
            "Auto-renew is on again. To end coverage on {0}, cancel by {1}.",
            "Die automatische Verlängerung ist wieder aktiv. Damit die Abdeckung am {0} endet, kündigen Sie bis zum {1}.",
        )
    } else {
        l.t(
            "Auto-renew is cancelled. Coverage ends on {0}; you can resume until {1}.",
            "Die automatische Verlängerung ist gekündigt. Die Abdeckung endet am {0}; Sie können die Kündigung bis zum {1} zurücknehmen.",
        )
    };
    fill(t, &[&l.date(ends), &l.date(deadline)])
}

/// The price of the order that restores coverage (`fix` for an SMA in `status`); `extras`:
/// back-pay and reinstatement fee are part of it.
pub fn fix_price(
    l: Lang,
    fix: OrderKind,
    status: SmaStatus,
    net: Money,
    gross: Money,
    extras: bool,
) -> String {
    let what = match (fix, status) {
        (OrderKind::Sma, SmaStatus::None) => l.t("An SMA for one year", "Ein SMA für ein Jahr"),
        (OrderKind::Sma, _) => l.t(
            "Reinstating the SMA for one year",
            "Die Wiederaufnahme des SMA für ein Jahr",
        ),
        _ => l.t(
            "Renewing the SMA for the next term",
            "Die Verlängerung des SMA um die nächste Laufzeit",
        ),
    };
    let t = if extras {
        l.t(
            "{0} costs {1} net of VAT ({2} incl. VAT), back-pay and reinstatement fee included.",
            "{0} kostet {1} netto ({2} inkl. USt.), inklusive Nachzahlung und Wiederaufnahmegebühr.",
        )
    } else {
        l.t(
            "{0} costs {1} net of VAT ({2} incl. VAT).",
            "{0} kostet {1} netto ({2} inkl. USt.).",
        )
    };
    fill(t, &[what, &l.money(net), &l.money(gross)])
}

/// The price of an order could not be asked.
pub fn price_failed(l: Lang, message: &str) -> String {
    let t = l.t(
        "The price could not be loaded. ({0})",
        "Der Preis konnte nicht geladen werden. ({0})",
    );
    fill(t, &[message])
}

/// `Add Client workstation` (a module's field in the expansion form; the name as the price
/// book has it).
pub fn add_module(l: Lang, module: &str) -> String {
    fill(l.t("Add {0}", "{0} hinzufügen"), &[module])
}

/// The button that places the quoted order.
pub fn confirm_order(l: Lang, gross: Money) -> String {
    let t = l.t("Confirm order ({0})", "Bestellung bestätigen ({0})");
    fill(t, &[&l.money(gross)])
}

/// The coverage an order leads to.
pub fn covers_after_order(l: Lang, until: NaiveDate) -> String {
    let t = l.t(
        "After this order the SMA covers until {0}.",
        "Nach dieser Bestellung gilt das SMA bis {0}.",
    );
    fill(t, &[&l.date(until)])
}

/// `VAT 19 %` (the row of a quote's VAT; `rate` as a plain percentage).
pub fn vat(l: Lang, rate: &str) -> String {
    fill(l.t("VAT {0} %", "USt. {0} %"), &[&l.number(rate)])
}

/// `Invoice SMA-2026-0001` (an invoice's heading).
pub fn invoice(l: Lang, number: &str) -> String {
    fill(l.t("Invoice {0}", "Rechnung {0}"), &[number])
}

/// The buyer's VAT id on an invoice.
pub fn vat_id(l: Lang, id: &str) -> String {
    fill(l.t("VAT ID {0}", "USt-IdNr. {0}"), &[id])
}

/// When an invoice is due.
pub fn payment_due(l: Lang) -> String {
    let t = l.t(
        "Due within {0} days of the invoice date",
        "Fällig innerhalb von {0} Tagen nach Rechnungsdatum",
    );
    fill(t, &[&PAYMENT_TERM_DAYS.to_string()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).unwrap()
    }

    #[test]
    fn the_switch_says_when_coverage_ends_and_until_when_to_change_it() {
        assert_eq!(
            auto_renew_switched(Lang::En, false, d(3, 9), d(3, 9)),
            "Auto-renew is cancelled. Coverage ends on 9 Mar 2027; you can resume until 9 Mar 2027."
        );
        assert_eq!(
            auto_renew_switched(Lang::De, true, d(3, 9), d(12, 9)),
            "Die automatische Verlängerung ist wieder aktiv. Damit die Abdeckung am 09.03.2027 endet, kündigen Sie bis zum 09.12.2027."
        );
        assert_eq!(
            cancel_explained(Lang::En, Some(d(3, 9))),
            "If you cancel today, coverage ends on 9 Mar 2027; you can resume until then."
        );
    }

    fn limited(retry_after_seconds: Option<u64>) -> ApiError {
        ApiError {
            retry_after_seconds,
            ..ApiError::new("rate_limited", String::new(), None)
        }
    }

    #[test]
    fn a_refused_sign_in_says_the_wait_of_the_window_that_refused_it() {
        assert_eq!(
            sign_in_error(Lang::En, &limited(Some(2_640))),
            "Too many failed sign-ins. Please wait 44 minutes and try again."
        );
        assert_eq!(
            sign_in_error(Lang::De, &limited(Some(61))),
            "Zu viele fehlgeschlagene Anmeldungen. Bitte warten Sie 2 Minuten und versuchen Sie es dann erneut."
        );
        assert_eq!(
            sign_in_error(Lang::En, &limited(Some(42))),
            "Too many failed sign-ins. Please wait a minute and try again."
        );
        assert_eq!(
            sign_in_error(Lang::De, &limited(Some(60))),
            "Zu viele fehlgeschlagene Anmeldungen. Bitte warten Sie eine Minute und versuchen Sie es dann erneut."
        );
        assert!(sign_in_error(Lang::En, &limited(None)).contains("wait a while"));
    }

    #[test]
    fn policy_numbers_come_from_the_constants() {
        assert_eq!(
            payment_due(Lang::De),
            "Fällig innerhalb von 30 Tagen nach Rechnungsdatum"
        );
        assert_eq!(vat(Lang::De, "19"), "USt. 19 %");
        assert_eq!(
            sma_badge(Lang::En, SmaStatus::Cancelled, Some(d(3, 9))),
            "Cancelled — ends on 9 Mar 2027"
        );
    }
}
