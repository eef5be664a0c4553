//! The frame of a release's page: what `/releases/{version}` paints before the portal's Wasm
//! arrives (the breadcrumb, the heading and the lead of the release, as the app renders them;
//! the page's script writes in each `data-de` for a German visitor), and its title and
//! description. The Worker writes them into the built page (`release.html`: [`release_page`]);
//! the app replaces the frame when it starts.

use super::{xml_escape, Release};
use crate::{fill, Lang};

/// Where the release's frame goes in the built `release.html` (inside its `<main>`).
pub const FRAME_SLOT: &str = "<!--release-frame-->";

/// The breadcrumb and the page's header of `release`, as the app's release page renders them
/// (its date, channel, files and changes follow when the app starts).
pub fn release_frame(release: &Release) -> String {
    let version = xml_escape(&release.version.to_string());
    format!(
        "<nav class=\"rel-crumbs\" aria-label=\"Breadcrumb\" data-de-label=\"Navigationspfad\"><ol>\
         <li><a href=\"/releases\" data-de=\"Versionen\">Releases</a></li>\
         <li aria-current=\"page\">{version}</li></ol></nav>\
         <article class=\"rel-page\" aria-labelledby=\"rel-h1\"><header class=\"hero rel-page-head\">\
         <h1 id=\"rel-h1\"><span class=\"rel-version\">{heading}</span> \
         <span class=\"rel-h1-title\">{title}</span></h1>\
         <p class=\"lead\">{summary}</p></header></article>",
        heading = version_heading(Lang::En, &version),
        title = xml_escape(&release.title),
        summary = xml_escape(&release.summary),
    )
}

/// The hint that fetches the release's own answer (`GET /api/releases/{version}`, which the app
/// asks for first) while the Wasm loads; the app's request then finds it in the cache.
pub fn release_preload(release: &Release) -> String {
    format!(
        "<link rel=\"preload\" href=\"/api/releases/{}\" as=\"fetch\" crossorigin=\"anonymous\">",
        xml_escape(&release.version.to_string())
    )
}

/// `Version 6.1.2`: the heading of a release's page, here and in the app.
pub fn version_heading(l: Lang, version: &str) -> String {
    fill(l.t("Version {0}", "Version {0}"), &[version])
}

/// The title of a release's page, as the app sets it: `6.1.2 · Releases · SMA Portal`.
pub fn release_title(l: Lang, version: &str) -> String {
    format!("{version} · {} · SMA Portal", l.t("Releases", "Versionen"))
}

/// The built page of `release`: its title (with the German one in `data-de`, for the page's
/// script) and its summary as the description in the head, its frame in the slot, with the
/// preload of its answer when `preload` (the address names the version as the app asks).
pub fn release_page(page: &str, release: &Release, preload: bool) -> String {
    let version = release.version.to_string();
    let title = format!(
        "<title data-de=\"{}\">{}</title>",
        xml_escape(&release_title(Lang::De, &version)),
        xml_escape(&release_title(Lang::En, &version)),
    );
    let frame = if preload {
        release_preload(release) + &release_frame(release)
    } else {
        release_frame(release)
    };
    let page = with_frame(page, &frame).replacen(PAGE_TITLE, &title, 1);
    match page.split_once(DESCRIPTION) {
        Some((head, rest)) => match rest.split_once('"') {
            Some((_, rest)) => format!(
                "{head}{DESCRIPTION}{}\"{rest}",
                xml_escape(&release.summary)
            ),
            None => page,
        },
        None => page,
    }
}

/// The built pages' own title and the start of their description, which a release's page
/// replaces.
const PAGE_TITLE: &str = "<title>SMA Portal</title>";
const DESCRIPTION: &str = "<meta name=\"description\" content=\"";

/// The built page with `frame` in its slot; the page unchanged when it has no slot.
pub fn with_frame(page: &str, frame: &str) -> String {
    page.replacen(FRAME_SLOT, frame, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn release(title: &str, summary: &str) -> Release {
        Release {
            version: crate::releases::Version::parse("6.1.2").unwrap(),
            date: crate::test_dates::d(2027, 4, 20),
            channel: crate::releases::Channel::Stable,
            title: title.into(),
            summary: summary.into(),
            highlights: Vec::new(),
            notes: Vec::new(),
            compatibility: crate::releases::Compatibility::default(),
            artifacts: Vec::new(),
        }
    }

    #[test]
    fn the_frame_names_the_version_its_title_and_summary() {
        let f = release_frame(&release("Camera update", "Adds cameras."));
        assert!(f.contains("<li aria-current=\"page\">6.1.2</li>"));
        assert!(f.contains("<a href=\"/releases\" data-de=\"Versionen\">Releases</a>"));
        assert!(f.contains("<span class=\"rel-version\">Version 6.1.2</span> <span class=\"rel-h1-title\">Camera update</span>"));
        assert!(f.contains("<p class=\"lead\">Adds cameras.</p>"));
    }

    #[test]
    fn the_preload_names_the_release_s_own_answer() {
        assert_eq!(
            release_preload(&release("Camera update", "Adds cameras.")),
            "<link rel=\"preload\" href=\"/api/releases/6.1.2\" as=\"fetch\" crossorigin=\"anonymous\">"
        );
    }

    #[test]
    fn a_release_s_page_is_titled_and_described_by_the_release() {
        let built = format!(
            "<head><meta name=\"description\" content=\"The portal.\" /><title>SMA Portal</title></head><main>{FRAME_SLOT}</main>"
        );
        let page = release_page(&built, &release("Camera update", "Adds \"cameras\"."), true);
        assert!(page.contains("<title data-de=\"6.1.2 · Versionen · SMA Portal\">6.1.2 · Releases · SMA Portal</title>"));
        assert!(
            page.contains("<meta name=\"description\" content=\"Adds &quot;cameras&quot;.\" />")
        );
        assert!(page.contains("<main><link rel=\"preload\" href=\"/api/releases/6.1.2\""));
        assert!(page.contains("<h1 id=\"rel-h1\">"));
        let unpreloaded = release_page(&built, &release("Camera update", "Adds cameras."), false);
        assert!(!unpreloaded.contains("rel=\"preload\""));
    }

    #[test]
    fn published_text_is_escaped_never_markup() {
        let f = release_frame(&release("<script>x</script>", "a & \"b\" <img src=x>"));
        assert!(!f.contains("<script>") && !f.contains("<img"));
        assert!(f.contains("&lt;script&gt;x&lt;/script&gt;"));
        assert!(f.contains("a &amp; &quot;b&quot; &lt;img src=x&gt;"));
    }

    #[test]
    fn the_frame_goes_into_the_slot_once_and_a_page_without_one_is_unchanged() {
        let page = format!("<main>{FRAME_SLOT}</main>");
        assert_eq!(with_frame(&page, "<h1>x</h1>"), "<main><h1>x</h1></main>");
        assert_eq!(with_frame("<main></main>", "<h1>x</h1>"), "<main></main>");
    }
}
