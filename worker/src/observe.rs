//! Structured logs: one JSON line per request (`console.log`, collected by Workers Logs, see
//! `[observability]` in wrangler.toml) with the request id, the route pattern, the method, the
//! status, the duration and, where known, the customer or operator. Never a path (links and
//! query strings carry credentials), a header, a cookie, a token or a body.
//!
//! The line's fields are gathered along the way: `fetch` opens a [`Trace`] for the request,
//! the router's adapter notes the route pattern, `access` notes who called. They find the
//! request's line through the request object itself ([`note`]), so that no handler has to
//! pass anything on; requests that run interleaved in one isolate never share a line.

use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use worker::wasm_bindgen::JsValue;
use worker::Request;

/// The fields of one request's log line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RequestLine {
    /// `info`, or `error` for a 5xx.
    pub level: &'static str,
    /// Always `request`.
    pub event: &'static str,
    /// The id the response carries in `x-request-id`.
    pub request_id: String,
    /// The HTTP method.
    pub method: String,
    /// The route's pattern (`/api/installations/:id`), `unmatched` when no route took it.
    pub route: String,
    /// The response's status.
    pub status: u16,
    /// From the request's start to its answer, in milliseconds.
    pub duration_ms: u64,
    /// The signed-in customer, when the route asked for one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// The operator's token name, when an admin route was called.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin: Option<String>,
}

impl RequestLine {
    /// The line as logged: JSON on one line, the level by the status.
    pub fn render(mut self, status: u16, duration_ms: u64) -> String {
        self.level = if status >= 500 { "error" } else { "info" };
        self.event = "request";
        self.status = status;
        self.duration_ms = duration_ms;
        if self.route.is_empty() {
            self.route = "unmatched".into();
        }
        serde_json::to_string(&self).unwrap_or_default()
    }
}

type Shared = Rc<RefCell<RequestLine>>;

thread_local! {
    /// The lines of the requests in flight, by their request object.
    static OPEN: RefCell<Vec<(JsValue, Shared)>> = const { RefCell::new(Vec::new()) };
}

/// The log line of one request, from its start (`fetch`) to its answer.
pub struct Trace {
    request: JsValue,
    line: Shared,
    started_ms: u64,
}

impl Trace {
    /// Opens the line of `req`, begun at `started_ms` (Unix milliseconds).
    pub fn begin(req: &Request, request_id: &str, started_ms: u64) -> Trace {
        let line = Rc::new(RefCell::new(RequestLine {
            request_id: request_id.to_owned(),
            method: req.method().to_string(),
            ..RequestLine::default()
        }));
        let request: JsValue = AsRef::<JsValue>::as_ref(req.inner()).clone();
        OPEN.with(|open| open.borrow_mut().push((request.clone(), line.clone())));
        Trace {
            request,
            line,
            started_ms,
        }
    }

    /// Writes the line with the answer's status.
    pub fn finish(self, status: u16) {
        let now = worker::Date::now().as_millis();
        let line = self.line.borrow().clone();
        worker::console_log!(
            "{}",
            line.render(status, now.saturating_sub(self.started_ms))
        );
    }
}

impl Drop for Trace {
    fn drop(&mut self) {
        OPEN.with(|open| {
            open.borrow_mut()
                .retain(|(request, _)| !worker::js_sys::Object::is(request, &self.request))
        });
    }
}

/// Notes a field on the line of `req`'s request (nothing when it has none, e.g. in a test).
pub fn note(req: &Request, set: impl FnOnce(&mut RequestLine)) {
    let request: &JsValue = req.inner();
    let line = OPEN.with(|open| {
        open.borrow()
            .iter()
            .find(|(r, _)| worker::js_sys::Object::is(r, request))
            .map(|(_, line)| line.clone())
    });
    if let Some(line) = line {
        set(&mut line.borrow_mut());
    }
}

/// A JSON log line of an event besides the request lines (the daily run, an internal error).
#[derive(Debug, Serialize)]
pub struct EventLine<'a, T: Serialize> {
    /// `info` or `error`.
    pub level: &'static str,
    /// What happened, e.g. `daily_run`.
    pub event: &'static str,
    /// The request's or run's id, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<&'a str>,
    /// What it reports.
    #[serde(flatten)]
    pub detail: T,
}

impl<T: Serialize> EventLine<'_, T> {
    /// The line as logged: JSON on one line.
    pub fn render(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// What an error line says besides its event.
#[derive(Debug, Serialize)]
pub struct Failure<'a> {
    /// What it concerns, e.g. `d1` or an installation id, when something in particular.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<&'a str>,
    /// The error (never a secret: the callers log what the runtime or D1 said).
    pub detail: &'a str,
}

/// Logs an error as one JSON line: `event`, the request id if any, what it concerns.
pub fn error(event: &'static str, request_id: Option<&str>, subject: Option<&str>, detail: &str) {
    let line = EventLine {
        level: "error",
        event,
        request_id,
        detail: Failure { subject, detail },
    };
    worker::console_error!("{}", line.render());
}

/// Logs what an event did as one JSON line: `event`, the request or run id, the detail's fields.
pub fn info<T: Serialize>(event: &'static str, request_id: Option<&str>, detail: &T) {
    let line = EventLine {
        level: "info",
        event,
        request_id,
        detail,
    };
    worker::console_log!("{}", line.render());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line() -> RequestLine {
        RequestLine {
            request_id: "0123456789abcdef0123456789abcdef".into(),
            method: "POST".into(),
            route: "/api/orders".into(),
            customer_id: Some("cus_1".into()),
            ..RequestLine::default()
        }
    }

    #[test]
    fn a_request_line_is_one_json_object_with_the_documented_fields() {
        let text = line().render(201, 37);
        assert!(!text.contains('\n'));
        assert_eq!(
            text,
            r#"{"level":"info","event":"request","request_id":"0123456789abcdef0123456789abcdef","method":"POST","route":"/api/orders","status":201,"duration_ms":37,"customer_id":"cus_1"}"#
        );
    }

    #[test]
    fn a_server_error_is_logged_as_an_error_and_an_unrouted_request_as_unmatched() {
        let text = RequestLine::default().render(500, 1);
        assert!(text.contains(r#""level":"error""#), "{text}");
        assert!(text.contains(r#""route":"unmatched""#), "{text}");
        assert!(!text.contains("customer_id") && !text.contains("admin"));
    }

    #[test]
    fn an_error_line_names_its_event_and_subject() {
        let line = EventLine {
            level: "error",
            event: "health_check",
            request_id: None,
            detail: Failure {
                subject: Some("d1"),
                detail: "D1_ERROR",
            },
        };
        assert_eq!(
            line.render(),
            r#"{"level":"error","event":"health_check","subject":"d1","detail":"D1_ERROR"}"#
        );
    }

    #[test]
    fn an_event_line_flattens_its_detail() {
        #[derive(Serialize)]
        struct Detail {
            checked: usize,
        }
        let line = EventLine {
            level: "info",
            event: "daily_run",
            request_id: Some("abc"),
            detail: Detail { checked: 3 },
        };
        assert_eq!(
            line.render(),
            r#"{"level":"info","event":"daily_run","request_id":"abc","checked":3}"#
        );
    }
}
