//! Every message in both languages: what it says, what it links to, and that no value can add
//! markup to its HTML.

use super::*;
use crate::accounts::{Approver, Decision, LicenceNumber, Role, Token, TOKEN_BYTES};
use crate::foundation::{Money, Rate};

const HOSTILE: &str = "<b>Evil & \"Co\"</b>";

use crate::test_dates::d;

fn links() -> Links {
    Links::new("https://portal.example.com").unwrap()
}

fn token() -> Token {
    Token::from_random(&[0x5a; TOKEN_BYTES])
}

/// One message of every kind, with `name` wherever a name goes.
fn every_message(name: &str) -> Vec<Message> {
    every_message_to(name, "anna@demo.example")
}

/// One message of every kind, with `name` wherever a name goes and `email` for the addresses.
fn every_message_to(name: &str, email: &str) -> Vec<Message> {
    let requester = email.replace("anna", "carl");
    vec![
        Message::Verification(Verification {
            email: email.into(),
            customer: name.into(),
            token: token(),
        }),
        Message::ApprovalRequest(ApprovalRequest {
            requester,
            customer: name.into(),
            licence_number: LicenceNumber::from_payload(1),
            role: Role::Viewer,
            approver: Approver::Administrator,
            token: token(),
        }),
        Message::ApprovalResult(ApprovalResult {
            customer: name.into(),
            decision: Decision::Approve,
        }),
        Message::Invitation(Invitation {
            inviter: email.into(),
            customer: name.into(),
            role: Role::Viewer,
            token: token(),
        }),
        Message::PasswordReset(PasswordReset {
            email: email.into(),
            token: token(),
        }),
        Message::PasswordChanged(PasswordChanged {
            email: email.into(),
            on: d(2026, 3, 10),
        }),
        Message::RenewalReminder(RenewalReminder {
            installation_id: "inst_1".into(),
            installation: name.into(),
            term_end: d(2026, 6, 9),
            cancellation_deadline: d(2026, 3, 10),
            next_term_end: d(2027, 6, 9),
            next_price: Money::from_cents(129_000),
        }),
        Message::RenewalDone(RenewalDone {
            installation: name.into(),
            order_id: "ord_1".into(),
            renewed_on: d(2026, 6, 10),
            term_end: d(2027, 6, 9),
            net: Money::from_cents(129_000),
            vat_rate: Rate::percent(19),
            vat: Money::from_cents(24_510),
            gross: Money::from_cents(153_510),
        }),
        Message::Lapse(Lapse {
            installation_id: "inst_2".into(),
            installation: name.into(),
            customer: name.into(),
            ended_at: d(2026, 6, 10),
            today: d(2026, 6, 10),
            price_today: Money::from_cents(129_000),
        }),
        Message::LegacyReminder(LegacyExtensionReminder {
            installation_id: "inst_3".into(),
            installation: name.into(),
            term_end: d(2027, 5, 31),
            extend_until: d(2027, 7, 1),
            fee: Money::from_cents(44_000),
        }),
        Message::LegacyEnded(LegacyContractEnded {
            installation_id: "inst_3".into(),
            installation: name.into(),
            ended_at: d(2027, 6, 1),
        }),
        Message::SalesRequest(SalesRequestNotice {
            request_id: "sr_1".into(),
            name: name.into(),
            company: name.into(),
            email: email.into(),
            phone: None,
            sender_lang: Lang::De,
            message: name.into(),
            customer: Some(name.into()),
            installation: None,
            quote: Some(sales_quote()),
        }),
        Message::SalesConfirmation(SalesRequestConfirmation {
            request_id: "sr_1".into(),
            quote: Some(sales_quote()),
        }),
    ]
}

fn sales_quote() -> SalesQuote {
    SalesQuote {
        licence_total: Money::from_cents(246_100),
        total_over_years: Money::from_cents(460_565),
        years: 5,
        link: "https://portal.example.com/?ed=probox&cam=12".into(),
    }
}

fn render(message: &Message, lang: Lang) -> Email {
    message.render(lang, &links())
}

#[test]
fn there_is_one_message_of_every_kind_and_each_code_is_distinct() {
    let kinds: Vec<_> = every_message("Demo").iter().map(Message::kind).collect();
    assert_eq!(kinds, MessageKind::ALL);
    let codes: std::collections::HashSet<_> = MessageKind::ALL.iter().map(|k| k.code()).collect();
    assert_eq!(codes.len(), MessageKind::ALL.len());
    for kind in MessageKind::ALL {
        assert_eq!(MessageKind::parse(kind.code()), Some(kind));
        assert_eq!(
            serde_json::to_string(&kind).unwrap(),
            format!("\"{}\"", kind.code())
        );
    }
}

#[test]
fn every_message_renders_in_both_languages_with_a_subject_text_and_html() {
    for message in every_message("Demo Retail GmbH") {
        let en = render(&message, Lang::En);
        let de = render(&message, Lang::De);
        for email in [&en, &de] {
            assert_eq!(email.kind, message.kind());
            assert!(!email.subject.is_empty() && !email.subject.contains('\n'));
            assert!(email
                .html
                .contains(&format!("<title>{}</title>", escape(&email.subject))));
            assert!(email.html.starts_with("<!DOCTYPE html>"), "{}", email.html);
            assert!(email
                .html
                .contains(&format!("<html lang=\"{}\">", email.lang.code())));
            assert!(!email.text.contains('{') && !email.html.contains("{}"));
        }
        assert_ne!(en.subject, de.subject);
        assert!(en.text.starts_with("Hello,") && de.text.starts_with("Guten Tag,"));
    }
}

#[test]
fn no_value_adds_markup_to_the_html() {
    for message in every_message_to(HOSTILE, HOSTILE) {
        for lang in Lang::ALL {
            let email = render(&message, lang);
            assert!(!email.html.contains("<b>"), "{}", email.html);
            // The sales confirmation carries no value of the sender's by design (see
            // `the_sales_confirmation_in_german_repeats_nothing_the_sender_wrote`).
            if message.kind() == MessageKind::SalesConfirmation {
                continue;
            }
            assert!(
                email
                    .html
                    .contains("&lt;b&gt;Evil &amp; &quot;Co&quot;&lt;/b&gt;"),
                "{:?}: {}",
                message.kind(),
                email.html
            );
            assert!(email.text.contains(HOSTILE), "{}", email.text);
        }
    }
}

#[test]
fn only_a_message_one_may_turn_off_links_to_the_preferences() {
    let preferences = links().preferences();
    for message in every_message("Demo") {
        let email = render(&message, Lang::En);
        let opt_out = message.kind().may_opt_out();
        assert_eq!(
            email.text.contains(&preferences),
            opt_out,
            "{:?}",
            email.kind
        );
        assert_eq!(
            email.html.contains(&preferences),
            opt_out,
            "{:?}",
            email.kind
        );
        assert_eq!(email.preferences.is_some(), opt_out);
    }
    assert_eq!(
        MessageKind::ALL
            .into_iter()
            .filter(|k| k.may_opt_out())
            .collect::<Vec<_>>(),
        [MessageKind::Lapse]
    );
}

#[test]
fn a_message_is_stored_with_its_kind_code_and_read_back_unchanged() {
    for message in every_message("Demo") {
        let json = serde_json::to_value(&message).unwrap();
        assert_eq!(json["kind"], message.kind().code());
        let back: Message = serde_json::from_value(json).unwrap();
        assert_eq!(back, message);
    }
}

#[test]
fn a_message_stored_without_its_token_renders_the_token_put_back() {
    let kinds_with_token = [
        MessageKind::Verification,
        MessageKind::ApprovalRequest,
        MessageKind::Invitation,
        MessageKind::PasswordReset,
    ];
    for message in every_message("Demo") {
        let mut stored = message.clone();
        let Some(slot) = stored.token_mut() else {
            assert!(!kinds_with_token.contains(&message.kind()), "{message:?}");
            continue;
        };
        *slot = Token::blank();
        let json = serde_json::to_string(&stored).unwrap();
        assert!(!json.contains("5a5a"), "{json}");
        let mut back: Message = serde_json::from_str(&json).unwrap();
        *back.token_mut().unwrap() = token();
        assert_eq!(back, message);
    }
}

#[test]
fn the_debug_form_of_a_message_hides_its_token() {
    for message in every_message("Demo") {
        assert!(!format!("{message:?}").contains("5a5a"), "{message:?}");
    }
}

#[test]
fn the_verification_link_has_the_token_form_and_works_for_thirty_minutes() {
    let email = render(&every_message("Demo")[0], Lang::En);
    let link = format!(
        "https://portal.example.com/account/token?token={}",
        "5a".repeat(32)
    );
    assert!(email.text.contains(&link), "{}", email.text);
    assert!(email.html.contains(&format!("href=\"{link}\"")));
    assert!(email.text.contains("works once and for 30 minutes"));
    assert!(email
        .text
        .contains("https://portal.example.com/account/register"));
}

#[test]
fn an_approval_request_names_the_requester_and_offers_to_approve_or_decline() {
    let email = render(&every_message("Demo")[1], Lang::De);
    assert_eq!(
        email.subject,
        "carl@demo.example bittet um Zugang zum SMA-Portal von Demo"
    );
    assert!(email.text.contains("SMA-0000-0001-Y"));
    assert!(email.text.contains("&decision=approve"));
    assert!(email.text.contains("&decision=decline"));
    assert!(email.text.contains("Die Links gelten 7 Tage"));
    assert!(email.text.contains("Rolle Betrachter"));
}

#[test]
fn a_registered_contact_asked_to_approve_is_told_how_to_become_administrator() {
    let Message::ApprovalRequest(request) = &every_message("Demo")[1] else {
        unreachable!()
    };
    let to_contact = Message::ApprovalRequest(ApprovalRequest {
        approver: Approver::RegisteredContact,
        ..request.clone()
    });
    let email = render(&to_contact, Lang::En);
    assert!(email.text.contains(
        "register at https://portal.example.com/account/register with the licence number SMA-0000-0001-Y"
    ));
    assert!(email
        .text
        .contains("as the contact of Demo registered with us"));
    assert!(!email.text.contains("remove them"));
}

#[test]
fn a_declined_request_is_told_to_the_requester_without_a_link() {
    let email = render(
        &Message::ApprovalResult(ApprovalResult {
            customer: "Demo".into(),
            decision: Decision::Decline,
        }),
        Lang::En,
    );
    assert!(email.subject.ends_with("was declined"));
    assert!(!email.text.contains("https://"));
}

#[test]
fn an_invitation_tells_the_role_and_its_seven_days() {
    let email = render(&every_message("Demo")[3], Lang::En);
    assert_eq!(
        email.subject,
        "anna@demo.example invites you to the SMA portal of Demo"
    );
    assert!(email.text.contains("You join as a viewer"));
    assert!(email.text.contains("works once and for 7 days"));
}

#[test]
fn the_password_notice_says_other_sessions_ended_and_how_to_react() {
    let email = render(&every_message("Demo")[5], Lang::De);
    assert!(email.text.contains("am 10.03.2026 geändert"));
    assert!(email.text.contains("alle anderen Sitzungen"));
    assert!(email
        .text
        .contains("https://portal.example.com/account/password-reset"));
}

#[test]
fn the_reminder_in_german_has_the_deadline_the_price_and_says_it_is_always_sent() {
    let email = render(&every_message("Kasse 1")[6], Lang::De);
    assert_eq!(
        email.subject,
        "Ihr SMA für Kasse 1 verlängert sich am 10.06.2026"
    );
    assert!(email.text.contains("Kündigung spätestens am: 10.03.2026"));
    assert!(email
        .text
        .contains("Preis der nächsten Laufzeit, netto: 1.290,00\u{a0}EUR"));
    assert!(email
        .text
        .contains("erst nach der nächsten Laufzeit, am 09.06.2027"));
    assert!(email.text.contains("30 Tage vor jeder Kündigungsfrist"));
    assert!(email
        .text
        .contains("https://portal.example.com/account/installations/inst_1"));
    assert!(email.text.contains("wird immer versandt"));
}

#[test]
fn the_renewal_notice_has_the_amounts_and_links_the_invoice() {
    let email = render(&every_message("Kasse 1")[7], Lang::En);
    for line in [
        "Order: ord_1",
        "Net: 1,290.00\u{a0}EUR",
        "VAT 19\u{a0}%: 245.10\u{a0}EUR",
        "Total: 1,535.10\u{a0}EUR",
        "https://portal.example.com/account/orders/ord_1",
        "until 9 Jun 2027",
    ] {
        assert!(email.text.contains(line), "{line}: {}", email.text);
    }
}

#[test]
fn a_lapse_within_the_grace_gives_the_price_today_and_the_grace_end() {
    let email = render(&every_message("Kasse 1")[8], Lang::En);
    assert!(
        email.text.contains("ended after 9 Jun 2026"),
        "{}",
        email.text
    );
    assert!(email.text.contains(
        "Renew by 10 Jul 2026 and the SMA continues as if it had never been interrupted, with no fee: on 10 Jun 2026 that costs 1,290.00\u{a0}EUR net."
    ));
    assert!(email.text.contains("at least 100.00\u{a0}EUR net"));
}

#[test]
fn a_lapse_told_after_the_grace_gives_the_price_with_back_pay_and_fee() {
    let late = Lapse {
        installation_id: "inst_2".into(),
        installation: "Kasse 1".into(),
        customer: "Demo".into(),
        ended_at: d(2026, 6, 10),
        today: d(2026, 7, 11),
        price_today: Money::from_cents(150_000),
    };
    assert_eq!(late.grace_end(), d(2026, 7, 10));
    let email = render(&Message::Lapse(late), Lang::De);
    assert!(
        email.text.contains("endeten am 10.07.2026"),
        "{}",
        email.text
    );
    assert!(email
        .text
        .contains("am 11.07.2026 kostet das insgesamt 1.500,00\u{a0}EUR netto"));
    assert!(email.text.contains("bis zu 1.095 Tage"));
    assert!(email.text.contains("SMA neu abschließen"));
}

#[test]
fn the_legacy_reminder_gives_the_end_the_fee_and_the_last_day_to_extend_in_german() {
    let email = render(&every_message("Depot Graz")[9], Lang::De);
    assert_eq!(
        email.subject,
        "Der Wartungsvertrag für Depot Graz endet am 31.05.2027"
    );
    assert!(email.text.contains("440,00\u{a0}EUR"), "{}", email.text);
    assert!(email
        .text
        .contains("Bis zum 01.07.2027 (30 Tage nach dem Ende)"));
    assert!(email.text.contains("/account/installations/inst_3"));
    assert!(email.preferences.is_none());
}

#[test]
fn the_legacy_end_says_only_the_sma_remains() {
    let email = render(&every_message("Depot Graz")[10], Lang::En);
    assert!(
        email.text.contains("releases published up to 31 May 2027"),
        "{}",
        email.text
    );
    assert!(email
        .text
        .contains("Maintenance Contracts are no longer sold."));
}

#[test]
fn the_sales_confirmation_in_german_repeats_nothing_the_sender_wrote() {
    let email = render(&every_message(HOSTILE)[12], Lang::De);
    assert_eq!(email.subject, "Ihre Anfrage sr_1 an unseren Vertrieb");
    assert!(email.text.contains("4.605,65\u{a0}EUR"), "{}", email.text);
    assert!(!email.text.contains("Evil") && !email.html.contains("Evil"));
}

#[test]
fn the_sales_notice_carries_the_sender_and_the_quote_escaped() {
    let email = render(&every_message(HOSTILE)[11], Lang::En);
    assert!(email.text.contains("Request sr_1 from"));
    assert!(!email.html.contains("<b>Evil"));
}
