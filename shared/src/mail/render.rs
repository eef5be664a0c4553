//! How a composed message becomes its plain text and its HTML.
//!
//! A message is composed of whole sentences with their values already filled in; the HTML
//! escapes every piece of text it writes (sentences, labels, values, addresses), so no value can
//! add markup. The frame (greeting, sign-off, the hint under a button, the footers) is written
//! here, English and German side by side.

use crate::foundation::Lang;

use super::Links;

/// A piece of a message body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Block {
    /// A paragraph: whole sentences with their values.
    Para(String),
    /// A link the reader should follow: a button in HTML, the label and the address in text.
    Action {
        /// What following it does.
        label: String,
        /// The absolute address.
        url: String,
    },
    /// Label and value rows.
    Facts(Vec<(String, String)>),
}

/// A paragraph.
pub(super) fn para(text: impl Into<String>) -> Block {
    Block::Para(text.into())
}

/// A link to follow.
pub(super) fn action(label: impl Into<String>, url: String) -> Block {
    Block::Action {
        label: label.into(),
        url,
    }
}

/// Why the recipient receives the message: the footer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Footer {
    /// Someone entered this address (registration, invitation, reset).
    Entered,
    /// A notice about the security of the account.
    Security,
    /// The recipient administers `customer`.
    Administrator(String),
    /// The recipient is `customer`'s registered contact, and the customer has no administrator.
    Contact(String),
    /// Part of the SMA contract: always sent.
    Contract,
    /// About a legacy Maintenance Contract's coverage: always sent.
    Legacy,
    /// A request for the sales team, sent by the portal.
    Sales,
    /// The recipient is a user of `customer` and may turn such messages off.
    OptOut(String),
}

/// A message before rendering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Composed {
    pub subject: String,
    pub blocks: Vec<Block>,
    pub footer: Footer,
}

/// The words of the frame around every message.
struct Frame {
    greeting: &'static str,
    sign_off: &'static str,
    button_hint: &'static str,
    preferences: &'static str,
}

fn frame(lang: Lang) -> Frame {
    match lang {
        Lang::En => Frame {
            greeting: "Hello,",
            sign_off: "Your SMA portal",
            button_hint: "If the button does not work, copy this address into your browser:",
            preferences: "Manage notifications",
        },
        Lang::De => Frame {
            greeting: "Guten Tag,",
            sign_off: "Ihr SMA-Portal",
            button_hint: "Falls die Schaltfläche nicht funktioniert, kopieren Sie diese Adresse in Ihren Browser:",
            preferences: "Benachrichtigungen verwalten",
        },
    }
}

/// The footer's sentence.
fn footer_text(footer: &Footer, lang: Lang) -> String {
    match (footer, lang) {
        (Footer::Entered, Lang::En) => {
            "You receive this message because this address was entered in the SMA portal.".into()
        }
        (Footer::Entered, Lang::De) => {
            "Sie erhalten diese Nachricht, weil diese Adresse im SMA-Portal eingegeben wurde.".into()
        }
        (Footer::Security, Lang::En) => {
            "Messages about the security of your account are always sent.".into()
        }
        (Footer::Security, Lang::De) => {
            "Nachrichten zur Sicherheit Ihres Kontos werden immer versandt.".into()
        }
        (Footer::Administrator(customer), Lang::En) => {
            format!("You receive this message as an administrator of {customer} in the SMA portal.")
        }
        (Footer::Administrator(customer), Lang::De) => {
            format!("Sie erhalten diese Nachricht als Administrator von {customer} im SMA-Portal.")
        }
        (Footer::Contact(customer), Lang::En) => format!(
            "You receive this message as the contact of {customer} registered with us, because {customer} has no administrator in the SMA portal yet."
        ),
        (Footer::Contact(customer), Lang::De) => format!(
            "Sie erhalten diese Nachricht als bei uns hinterlegter Kontakt von {customer}, weil {customer} noch keinen Administrator im SMA-Portal hat."
        ),
        (Footer::Contract, Lang::En) => {
            "This message is part of your SMA contract and is always sent.".into()
        }
        (Footer::Contract, Lang::De) => {
            "Diese Nachricht gehört zu Ihrem SMA-Vertrag und wird immer versandt.".into()
        }
        (Footer::Legacy, Lang::En) => {
            "This message concerns the coverage of your Maintenance Contract and is always sent.".into()
        }
        (Footer::Legacy, Lang::De) => {
            "Diese Nachricht betrifft die Abdeckung Ihres Wartungsvertrags und wird immer versandt.".into()
        }
        (Footer::Sales, Lang::En) => {
            "Sent by the SMA portal's form \"Ask sales about this\"; reply to the sender's address.".into()
        }
        (Footer::Sales, Lang::De) => {
            "Gesendet über das Formular „Vertrieb fragen“ des SMA-Portals; antworten Sie an die Adresse des Absenders.".into()
        }
        (Footer::OptOut(customer), Lang::En) => format!(
            "You receive this message as a user of {customer} in the SMA portal; you can turn off messages like this one."
        ),
        (Footer::OptOut(customer), Lang::De) => format!(
            "Sie erhalten diese Nachricht als Benutzer von {customer} im SMA-Portal; Nachrichten wie diese können Sie abbestellen."
        ),
    }
}

/// The link under the footer (the preferences, for messages one may turn off).
fn footer_link(footer: &Footer, links: &Links) -> Option<String> {
    matches!(footer, Footer::OptOut(_)).then(|| links.preferences())
}

/// The plain-text body.
pub(super) fn text(c: &Composed, lang: Lang, links: &Links) -> String {
    let f = frame(lang);
    let mut parts = vec![f.greeting.to_owned()];
    for block in &c.blocks {
        parts.push(match block {
            Block::Para(p) => p.clone(),
            Block::Action { label, url } => format!("{label}:\n{url}"),
            Block::Facts(rows) => rows
                .iter()
                .map(|(label, value)| format!("{label}: {value}"))
                .collect::<Vec<_>>()
                .join("\n"),
        });
    }
    parts.push(f.sign_off.to_owned());
    let mut footer = format!("-- \n{}", footer_text(&c.footer, lang));
    if let Some(url) = footer_link(&c.footer, links) {
        footer.push_str(&format!("\n{}: {url}", f.preferences));
    }
    parts.push(footer);
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

const BODY: &str = "margin:0;padding:24px 12px;background:#f3f4f6;color:#1f2937;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5";
const CARD: &str =
    "max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:6px";
const BUTTON: &str = "display:inline-block;padding:10px 18px;background:#0b5cad;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:600";
const SMALL: &str = "font-size:13px;color:#4b5563";
const LABEL: &str = "text-align:left;font-weight:normal;color:#4b5563;padding:2px 16px 2px 0";

/// The HTML body: one card, every text escaped.
pub(super) fn html(c: &Composed, lang: Lang, links: &Links) -> String {
    let f = frame(lang);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n</head>\n<body style=\"{BODY}\">\n<div style=\"{CARD}\">\n<p>{}</p>\n",
        lang.code(),
        escape(&c.subject),
        escape(f.greeting)
    );
    for block in &c.blocks {
        match block {
            Block::Para(p) => out.push_str(&format!("<p>{}</p>\n", escape(p))),
            Block::Action { label, url } => out.push_str(&format!(
                "<p><a href=\"{url}\" style=\"{BUTTON}\">{label}</a></p>\n<p style=\"{SMALL}\">{hint}<br>{url}</p>\n",
                url = escape(url),
                label = escape(label),
                hint = escape(f.button_hint),
            )),
            Block::Facts(rows) => {
                out.push_str("<table role=\"presentation\" style=\"border-collapse:collapse;margin:0 0 16px\">\n");
                for (label, value) in rows {
                    out.push_str(&format!(
                        "<tr><th scope=\"row\" style=\"{LABEL}\">{}</th><td style=\"padding:2px 0\">{}</td></tr>\n",
                        escape(label),
                        escape(value)
                    ));
                }
                out.push_str("</table>\n");
            }
        }
    }
    out.push_str(&format!(
        "<p>{}</p>\n<hr style=\"border:none;border-top:1px solid #d1d5db;margin:24px 0 12px\">\n<p style=\"{SMALL}\">{}",
        escape(f.sign_off),
        escape(&footer_text(&c.footer, lang))
    ));
    if let Some(url) = footer_link(&c.footer, links) {
        out.push_str(&format!(
            "<br><a href=\"{}\" style=\"color:#0b5cad\">{}</a>",
            escape(&url),
            escape(f.preferences)
        ));
    }
    out.push_str("</p>\n</div>\n</body>\n</html>\n");
    out
}

/// Escapes text for HTML content and double- or single-quoted attributes. Unlike the feed's
/// [`xml_escape`](crate::releases::xml_escape) it writes `'` as `&#39;`: desktop mail
/// clients that render HTML 4 do not know `&apos;` and would show it as typed.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> Links {
        Links::new("https://portal.example.com").unwrap()
    }

    fn composed() -> Composed {
        Composed {
            subject: "Q&A <b>".into(),
            blocks: vec![
                para("It's <script>alert(1)</script> & more."),
                action("Go \"now\"", "https://portal.example.com/a?x=1&y=2".into()),
                Block::Facts(vec![("<i>label</i>".into(), "1,290.00\u{a0}EUR".into())]),
            ],
            footer: Footer::OptOut("Demo & Co <KG>".into()),
        }
    }

    #[test]
    fn every_text_in_the_html_is_escaped() {
        let html = html(&composed(), Lang::En, &links());
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(!html.contains("<i>"), "{html}");
        assert!(html.contains("It&#39;s &lt;script&gt;alert(1)&lt;/script&gt; &amp; more."));
        assert!(html.contains("href=\"https://portal.example.com/a?x=1&amp;y=2\""));
        assert!(html.contains("Go &quot;now&quot;"));
        assert!(html.contains("Demo &amp; Co &lt;KG&gt;"));
        assert!(html.contains("<title>Q&amp;A &lt;b&gt;</title>"));
    }

    #[test]
    fn the_text_shows_every_address_in_full() {
        let text = text(&composed(), Lang::De, &links());
        assert!(text.starts_with("Guten Tag,\n\n"), "{text}");
        assert!(text.contains("Go \"now\":\nhttps://portal.example.com/a?x=1&y=2"));
        assert!(text.contains("<i>label</i>: 1,290.00\u{a0}EUR"));
        assert!(text.contains("Ihr SMA-Portal\n\n-- \n"));
        assert!(text.ends_with(
            "Benachrichtigungen verwalten: https://portal.example.com/account/notifications\n"
        ));
    }

    #[test]
    fn the_html_declares_the_language_of_the_message() {
        assert!(html(&composed(), Lang::De, &links()).contains("<html lang=\"de\">"));
    }

    #[test]
    fn only_a_message_one_may_turn_off_links_to_the_preferences() {
        let c = Composed {
            footer: Footer::Contract,
            ..composed()
        };
        assert!(!text(&c, Lang::En, &links()).contains("/account/notifications"));
        assert!(!html(&c, Lang::En, &links()).contains("/account/notifications"));
    }
}
