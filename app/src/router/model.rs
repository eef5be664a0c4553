//! The portal's routes and addresses, pure: which page a path shows, a query string's values,
//! which navigation link is current, and which clicks the portal routes itself.

/// The portal's pages (the calculator bundle has one page and no router).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// `/releases`
    Releases,
    /// `/releases/{version}`
    Release,
    /// `/account`
    Account,
    /// `/account/installations/{id}`
    Installation,
    /// `/account/orders`
    Orders,
    /// `/account/orders/{id}`
    Invoice,
    /// `/account/register`
    Register,
    /// `/account/password-reset`
    PasswordReset,
    /// `/account/token`
    Token,
    /// `/account/profile` and `/account/notifications`
    Profile,
    /// `/account/colleagues`
    Colleagues,
    /// Any other path.
    NotFound,
}

/// The route of `path` (without query; one trailing slash ignored) and its one parameter, the
/// `{version}` or `{id}` segment, percent-decoded.
pub fn route(path: &str) -> (Route, Option<String>) {
    let path = match path.strip_suffix('/') {
        Some(p) if !p.is_empty() => p,
        _ => path,
    };
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let param = |s: &str| Some(percent_decode(s));
    match segments.as_slice() {
        ["releases"] => (Route::Releases, None),
        ["releases", v] if !v.is_empty() => (Route::Release, param(v)),
        ["account"] => (Route::Account, None),
        ["account", "installations", id] if !id.is_empty() => (Route::Installation, param(id)),
        ["account", "orders"] => (Route::Orders, None),
        ["account", "orders", id] if !id.is_empty() => (Route::Invoice, param(id)),
        ["account", "register"] => (Route::Register, None),
        ["account", "password-reset"] => (Route::PasswordReset, None),
        ["account", "token"] => (Route::Token, None),
        ["account", "profile" | "notifications"] => (Route::Profile, None),
        ["account", "colleagues"] => (Route::Colleagues, None),
        _ => (Route::NotFound, None),
    }
}

/// The values of a query string (`?a=1&b=x+y`), decoded as the browser's `URLSearchParams`
/// does (`+` is a space, `%XX` a byte of UTF-8).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query(Vec<(String, String)>);

impl Query {
    /// Reads `search` (with or without its `?`).
    pub fn parse(search: &str) -> Query {
        let search = search.strip_prefix('?').unwrap_or(search);
        Query(
            search
                .split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| {
                    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                    (form_decode(k), form_decode(v))
                })
                .collect(),
        )
    }

    /// The first value of `key`.
    pub fn get(&self, key: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }
}

fn form_decode(s: &str) -> String {
    percent_decode(&s.replace('+', " "))
}

/// `%XX` sequences as bytes of UTF-8 (invalid ones kept as they are, as the browser does).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether the navigation link to `href` is the current page's at `path`: the page itself or
/// one below it (`/releases` on `/releases/6.1.2`); `/` only on itself.
pub fn is_current(href: &str, path: &str) -> bool {
    path == href
        || (href != "/"
            && path
                .strip_prefix(href)
                .is_some_and(|rest| rest.starts_with('/')))
}

/// A click on a link, as far as routing cares.
#[derive(Debug, Clone, Default)]
pub struct LinkClick<'a> {
    /// Another button than the main one, or a key held (open in a new tab or window).
    pub modified: bool,
    /// The link has a `target` other than `_self`, a `download` or `rel="external"`.
    pub leaves: bool,
    /// Whether the link's address is on this origin.
    pub same_origin: bool,
    /// The link's path, query and fragment.
    pub path: &'a str,
    pub search: &'a str,
    pub hash: &'a str,
    /// The current address's path and query.
    pub current_path: &'a str,
    pub current_search: &'a str,
}

/// Whether the portal shows the link's page itself (no page load): a plain click on a link to
/// one of its own paths, except a jump within the current page (`#main`).
pub fn routes_itself(click: &LinkClick, owns: impl Fn(&str) -> bool) -> bool {
    let jump_within_page = !click.hash.is_empty()
        && click.path == click.current_path
        && click.search == click.current_search;
    !click.modified && !click.leaves && click.same_origin && owns(click.path) && !jump_within_page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_path_shows_its_page_with_its_parameter() {
        assert_eq!(route("/releases"), (Route::Releases, None));
        assert_eq!(route("/releases/"), (Route::Releases, None));
        assert_eq!(
            route("/releases/6.1.2"),
            (Route::Release, Some("6.1.2".into()))
        );
        assert_eq!(route("/releases/6.1.2/more"), (Route::NotFound, None));
        assert_eq!(route("/account"), (Route::Account, None));
        assert_eq!(
            route("/account/installations/inst_7"),
            (Route::Installation, Some("inst_7".into()))
        );
        assert_eq!(route("/account/orders"), (Route::Orders, None));
        assert_eq!(
            route("/account/orders/12"),
            (Route::Invoice, Some("12".into()))
        );
        assert_eq!(route("/account/notifications").0, Route::Profile);
        assert_eq!(route("/account/profile").0, Route::Profile);
        assert_eq!(route("/account/colleagues").0, Route::Colleagues);
        assert_eq!(route("/account/token").0, Route::Token);
        assert_eq!(route("/account/register").0, Route::Register);
        assert_eq!(route("/account/password-reset").0, Route::PasswordReset);
        assert_eq!(route("/account/nothing").0, Route::NotFound);
        assert_eq!(
            route("/releases/a%20b"),
            (Route::Release, Some("a b".into()))
        );
    }

    #[test]
    fn a_query_is_read_as_the_browser_reads_it() {
        let q = Query::parse("?q=server+2025&mine=5.9.2&x=%C3%BCber&bad=%zz&empty=&flag");
        assert_eq!(q.get("q").as_deref(), Some("server 2025"));
        assert_eq!(q.get("mine").as_deref(), Some("5.9.2"));
        assert_eq!(q.get("x").as_deref(), Some("über"));
        assert_eq!(q.get("bad").as_deref(), Some("%zz"));
        assert_eq!(q.get("empty").as_deref(), Some(""));
        assert_eq!(q.get("flag").as_deref(), Some(""));
        assert_eq!(q.get("none"), None);
        assert_eq!(Query::parse(""), Query::default());
    }

    #[test]
    fn a_link_is_current_on_its_page_and_below_it() {
        assert!(is_current("/releases", "/releases"));
        assert!(is_current("/releases", "/releases/6.1.2"));
        assert!(!is_current("/releases", "/releasesx"));
        assert!(is_current("/account", "/account/orders"));
        assert!(is_current("/", "/"));
        assert!(!is_current("/", "/releases"));
    }

    #[test]
    fn only_plain_clicks_on_the_portal_s_own_links_are_routed() {
        let owns = |p: &str| p.starts_with("/releases") || p.starts_with("/account");
        let plain = LinkClick {
            same_origin: true,
            path: "/releases",
            current_path: "/account",
            ..Default::default()
        };
        assert!(routes_itself(&plain, owns));
        assert!(!routes_itself(
            &LinkClick {
                modified: true,
                ..plain.clone()
            },
            owns
        ));
        assert!(!routes_itself(
            &LinkClick {
                leaves: true,
                ..plain.clone()
            },
            owns
        ));
        assert!(!routes_itself(
            &LinkClick {
                same_origin: false,
                ..plain.clone()
            },
            owns
        ));
        assert!(!routes_itself(
            &LinkClick {
                path: "/",
                ..plain.clone()
            },
            owns
        ));
        assert!(!routes_itself(
            &LinkClick {
                path: "/api/downloads/x",
                ..plain.clone()
            },
            owns
        ));
        let skip = LinkClick {
            path: "/account",
            hash: "#main",
            ..plain.clone()
        };
        assert!(!routes_itself(&skip, owns));
        let elsewhere_with_hash = LinkClick {
            hash: "#top",
            ..plain.clone()
        };
        assert!(routes_itself(&elsewhere_with_hash, owns));
    }
}
