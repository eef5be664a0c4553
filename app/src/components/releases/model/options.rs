//! The options of a version select, written as HTML in one string (the select's
//! `inner_html`): one effect per select instead of an element and a reactive `selected` per
//! option, which is what grew with the number of releases (docs/performance.md, "The release
//! browser with more releases").

use sma_shared::releases::xml_escape;

/// `<option value="">first</option>`, then one option per version, the one equal to `selected`
/// marked `selected` (none of them when `selected` is empty: then the first is shown).
pub fn version_options<'a>(
    first: &str,
    versions: impl IntoIterator<Item = &'a str>,
    selected: &str,
) -> String {
    let mut html = format!("<option value=\"\">{}</option>", xml_escape(first));
    for v in versions {
        let mark = if !selected.is_empty() && v == selected {
            " selected"
        } else {
            ""
        };
        let v = xml_escape(v);
        html.push_str(&format!("<option value=\"{v}\"{mark}>{v}</option>"));
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_option_has_the_empty_value_and_each_version_one_of_its_own() {
        assert_eq!(
            version_options("Any version", ["6.1.2", "6.1.1"], ""),
            "<option value=\"\">Any version</option>\
             <option value=\"6.1.2\">6.1.2</option>\
             <option value=\"6.1.1\">6.1.1</option>"
        );
    }

    #[test]
    fn the_selected_version_is_marked_and_no_other() {
        let html = version_options("Any version", ["6.1.2", "6.1.1", "6.1.10"], "6.1.1");
        assert!(html.contains("<option value=\"6.1.1\" selected>6.1.1</option>"));
        assert_eq!(html.matches(" selected").count(), 1);
    }

    #[test]
    fn a_selected_version_that_is_not_listed_marks_nothing() {
        let html = version_options("Latest version", ["6.1.2"], "9.9.9");
        assert!(!html.contains(" selected"));
    }

    #[test]
    fn texts_and_values_are_escaped() {
        let html = version_options("<b>& \"all\"", ["1.0.0\"><script>"], "");
        assert!(html.starts_with("<option value=\"\">&lt;b&gt;&amp; &quot;all&quot;</option>"));
        assert!(html.contains("value=\"1.0.0&quot;&gt;&lt;script&gt;\""));
        assert!(!html.contains("<script>"));
    }
}
