//! The Atom feed of releases (RFC 4287), rendered from the release model.

use crate::releases::Release;
use std::fmt::Write as _;

/// Escapes text for XML content and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// An Atom feed of `releases` (expected newest first); links are absolute under `origin`.
pub fn atom_feed(releases: &[Release], origin: &str) -> String {
    let updated = releases.iter().map(|r| r.date).max();
    let stamp = |d: chrono::NaiveDate| format!("{d}T00:00:00Z");
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(x, "  <title>VMS release notes</title>");
    let _ = writeln!(
        x,
        "  <subtitle>What each version of the video management software brings.</subtitle>"
    );
    let _ = writeln!(x, "  <id>{}/releases</id>", xml_escape(origin));
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}/releases.atom\"/>",
        xml_escape(origin)
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}/releases\"/>",
        xml_escape(origin)
    );
    let _ = writeln!(
        x,
        "  <updated>{}</updated>",
        updated.map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), stamp)
    );
    let _ = writeln!(x, "  <author><name>VMS product team</name></author>");
    for r in releases {
        let url = format!("{origin}/releases/{}", r.version);
        let mut html = format!("<p>{}</p><ul>", xml_escape(&r.summary));
        for n in &r.notes {
            let _ = write!(
                html,
                "<li><strong>{}</strong>: {}</li>",
                n.category,
                xml_escape(&n.text)
            );
        }
        html.push_str("</ul>");
        let _ = writeln!(x, "  <entry>");
        let _ = writeln!(
            x,
            "    <title>{} – {}</title>",
            r.version,
            xml_escape(&r.title)
        );
        let _ = writeln!(x, "    <id>{}</id>", xml_escape(&url));
        let _ = writeln!(
            x,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml_escape(&url)
        );
        let _ = writeln!(x, "    <updated>{}</updated>", stamp(r.date));
        let _ = writeln!(x, "    <category term=\"{}\"/>", r.channel);
        let _ = writeln!(x, "    <summary>{}</summary>", xml_escape(&r.summary));
        let _ = writeln!(
            x,
            "    <content type=\"html\">{}</content>",
            xml_escape(&html)
        );
        let _ = writeln!(x, "  </entry>");
    }
    x.push_str("</feed>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::releases::{Category, Channel, Compatibility, Note, Version};

    #[test]
    fn the_feed_escapes_text_and_links_every_release() {
        let r = Release {
            version: Version::parse("5.10.0").unwrap(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 4, 14).unwrap(),
            channel: Channel::Stable,
            title: "Archive <v3> & more".into(),
            summary: "S".into(),
            highlights: vec![],
            notes: vec![Note {
                category: Category::Added,
                text: "VoIP & SIP".into(),
                modules: vec!["voip".into()],
                areas: vec![],
                breaking: false,
                os_change: false,
            }],
            compatibility: Compatibility::default(),
            artifacts: vec![],
        };
        let feed = atom_feed(&[r], "http://x");
        assert!(feed.contains("<title>5.10.0 – Archive &lt;v3&gt; &amp; more</title>"));
        assert!(feed.contains("<id>http://x/releases/5.10.0</id>"));
        assert!(feed.contains("<updated>2026-04-14T00:00:00Z</updated>"));
        assert!(feed.contains("VoIP &amp;amp; SIP"));
    }
}
