//! One operation of the route table: its method and path, what it takes and every status it
//! answers, with the error codes of each.

use serde_json::{json, Map, Value};

use super::schemas::{error_response, request_id_header};

/// Who may call an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Auth {
    /// Anyone.
    Public,
    /// A signed-in customer (the session cookie); 401 without one.
    Session,
    /// The operator (bearer token); 401 without it.
    Admin,
}

/// An operation being described.
#[derive(Debug)]
pub struct Op {
    /// `get`, `post`…
    pub method: &'static str,
    /// The path template.
    pub path: String,
    auth: Auth,
    /// Whether a declared `Content-Length` above 64 KiB is refused (every route but the uploads).
    limited: bool,
    fields: Map<String, Value>,
    parameters: Vec<Value>,
    responses: Map<String, Value>,
    error_body: Value,
}

impl Op {
    /// An operation with its id, tag and summary; `error_body` is the schema of the error body.
    pub fn new(
        method: &'static str,
        path: impl Into<String>,
        id: &str,
        tag: &str,
        summary: &str,
        error_body: &Value,
    ) -> Op {
        let mut fields = Map::new();
        fields.insert("operationId".into(), id.into());
        fields.insert("tags".into(), json!([tag]));
        fields.insert("summary".into(), summary.into());
        Op {
            method,
            path: path.into(),
            auth: Auth::Public,
            limited: true,
            fields,
            parameters: Vec::new(),
            responses: Map::new(),
            error_body: error_body.clone(),
        }
    }

    /// The operation's description (Markdown).
    pub fn describe(mut self, text: &str) -> Op {
        self.fields.insert("description".into(), text.into());
        self
    }

    /// Who may call it.
    pub fn auth(mut self, auth: Auth) -> Op {
        self.auth = auth;
        self
    }

    /// Takes bodies of any size (the artifact uploads).
    pub fn unlimited(mut self) -> Op {
        self.limited = false;
        self
    }

    /// A parameter object.
    pub fn param(mut self, parameter: Value) -> Op {
        self.parameters.push(parameter);
        self
    }

    /// A required JSON body with its schema and named examples (`{}` for none).
    pub fn body(mut self, schema: Value, examples: Value) -> Op {
        let mut media = json!({"schema": schema});
        if examples.as_object().is_some_and(|e| !e.is_empty()) {
            media["examples"] = examples;
        }
        self.fields.insert(
            "requestBody".into(),
            json!({"required": true, "content": {"application/json": media}}),
        );
        self
    }

    /// A required body of another type: its description and `content` object.
    pub fn raw_body(mut self, description: &str, content: Value) -> Op {
        self.fields.insert(
            "requestBody".into(),
            json!({"required": true, "description": description, "content": content}),
        );
        self
    }

    /// A JSON answer with its schema and named examples (`{}` for none).
    pub fn json(mut self, status: u16, description: &str, schema: Value, examples: Value) -> Op {
        let mut media = json!({"schema": schema});
        if examples.as_object().is_some_and(|e| !e.is_empty()) {
            media["examples"] = examples;
        }
        self.responses.insert(
            status.to_string(),
            json!({
                "description": description,
                "headers": request_id_header(),
                "content": {"application/json": media}
            }),
        );
        self
    }

    /// OpenAPI links from the answer of `status` to other operations.
    pub fn links(mut self, status: u16, links: Value) -> Op {
        self.responses
            .get_mut(&status.to_string())
            .and_then(Value::as_object_mut)
            .expect("the answer before its links")
            .insert("links".into(), links);
        self
    }

    /// A public read served from the Workers cache (after its 200 answer): the 200 carries a
    /// strong `ETag` and public `Cache-Control`, and an `If-None-Match` naming the ETag is
    /// answered 304 without a body.
    pub fn cached(self) -> Op {
        let header =
            |description: &str| json!({"description": description, "schema": {"type": "string"}});
        let etag = header(
            "Strong ETag of this answer (the first 128 bits of its SHA-256, hex, in quotes).",
        );
        let control = header("`public, max-age=60, stale-while-revalidate=600`.");
        let mut op = self.param(json!({
            "name": "If-None-Match", "in": "header", "required": false,
            "description": "ETags the client holds; when one is this answer's, the answer is a 304 without a body.",
            "schema": {"type": "string"}
        }));
        let ok = op
            .responses
            .get_mut("200")
            .and_then(|r| r.get_mut("headers"))
            .and_then(Value::as_object_mut)
            .expect("the 200 answer before cached()");
        ok.insert("etag".into(), etag.clone());
        ok.insert("cache-control".into(), control.clone());
        op.answer(
            304,
            json!({
                "description": "Not modified: the client's copy (named by `If-None-Match`) is current.",
                "headers": {"etag": etag, "cache-control": control}
            }),
        )
    }

    /// Any other answer object (a body that is not JSON, or none).
    pub fn answer(mut self, status: u16, mut response: Value) -> Op {
        let headers = response
            .as_object_mut()
            .expect("a response object")
            .entry("headers")
            .or_insert_with(|| json!({}));
        headers
            .as_object_mut()
            .expect("headers")
            .extend(request_id_header().as_object().cloned().unwrap_or_default());
        self.responses.insert(status.to_string(), response);
        self
    }

    /// An error answer in the error shape with its possible codes.
    pub fn error(mut self, status: u16, description: &str, codes: &[&str]) -> Op {
        self.responses.insert(
            status.to_string(),
            error_response(&self.error_body, description, codes),
        );
        self
    }

    /// An answer described once in `components.responses` (see [`common_responses`]).
    fn common(mut self, status: u16, name: &str) -> Op {
        self.responses.insert(
            status.to_string(),
            json!({"$ref": format!("#/components/responses/{name}")}),
        );
        self
    }

    /// 400 `malformed_request` for a body that does not have the documented form.
    pub fn malformed(self) -> Op {
        self.common(400, "MalformedRequest")
    }

    /// 403 `forbidden` of a state-changing request that is not from the portal.
    pub fn same_origin(self) -> Op {
        self.common(403, "Forbidden")
    }

    /// 403 of a write only an administrator may do: `forbidden` (another origin, not JSON) or
    /// `forbidden_role` (the user is a viewer; the message says why).
    pub fn admin_only(self) -> Op {
        self.error(
            403,
            "`forbidden`: a state-changing request that is not from the portal; or `forbidden_role`: the signed-in user is a `viewer`, and only an `admin` may do this (the message says why).",
            &["forbidden", "forbidden_role"],
        )
    }

    /// 429 `rate_limited` with `Retry-After` (the seconds until the window ends).
    pub fn rate_limited(mut self, description: &str) -> Op {
        let mut answer = error_response(
            &self.error_body,
            &format!("`rate_limited`: {description}"),
            &["rate_limited"],
        );
        answer["headers"]["retry-after"] = json!({"$ref": "#/components/headers/RetryAfter"});
        self.responses.insert("429".into(), answer);
        self
    }

    /// 404 `not_found` with what is not found.
    pub fn not_found(self, what: &str) -> Op {
        self.error(404, &format!("`not_found`: {what}"), &["not_found"])
    }

    /// The operation as the document's path item entry: the given answers plus those every
    /// operation of its kind has (401 for a protected one, 413 for a limited one, 500).
    pub fn finish(mut self) -> Value {
        match self.auth {
            Auth::Public => {}
            Auth::Session => {
                self.fields
                    .insert("security".into(), json!([{"session": []}]));
                if !self.responses.contains_key("401") {
                    self = self.common(401, "Unauthenticated");
                }
            }
            Auth::Admin => {
                self.fields
                    .insert("security".into(), json!([{"admin": []}]));
                self = self.error(
                    401,
                    "`unauthenticated`: no or a wrong bearer token.",
                    &["unauthenticated"],
                );
            }
        }
        if self.limited {
            self = self.common(413, "PayloadTooLarge");
        }
        self = self.common(500, "Internal");
        let mut op = self.fields;
        if !self.parameters.is_empty() {
            op.insert("parameters".into(), Value::Array(self.parameters));
        }
        // Statuses in numeric order (all have three digits).
        let mut responses: Vec<(String, Value)> = self.responses.into_iter().collect();
        responses.sort_by(|a, b| a.0.cmp(&b.0));
        op.insert(
            "responses".into(),
            Value::Object(responses.into_iter().collect()),
        );
        Value::Object(op)
    }
}

/// The error answers many operations share, by name (`components.responses`).
pub fn common_responses(error_body: &Value) -> Value {
    let answer = |description: &str, code: &str| error_response(error_body, description, &[code]);
    json!({
        "MalformedRequest": answer("`malformed_request`: the body is not JSON, has a wrong type (e.g. a string where a number is expected), misses a required field or has an unknown field; `field` names the field when it can be told.", "malformed_request"),
        "Unauthenticated": answer("`unauthenticated`: no valid session (sign in with `POST /api/session`).", "unauthenticated"),
        "Forbidden": answer("`forbidden`: a state-changing request from another origin (`Origin` is not the API's own and `Sec-Fetch-Site` is not `same-origin`), or a POST that is not `Content-Type: application/json`.", "forbidden"),
        "PayloadTooLarge": answer("`payload_too_large`: the body is over 64 KiB (65 536 bytes). A declared `Content-Length` over the limit is refused before anything is read; a body without one (chunked) is read as it arrives and refused as soon as it grows past the limit, the rest is not read.", "payload_too_large"),
        "Internal": answer("`internal`: a failure on the server's side. It carries no internals; it is logged under the response's `x-request-id`.", "internal"),
    })
}

/// A path parameter.
pub fn path_param(name: &str, description: &str, schema: Value) -> Value {
    json!({"name": name, "in": "path", "required": true, "description": description, "schema": schema})
}

/// An optional query parameter with an example.
pub fn query_param(name: &str, description: &str, schema: Value, example: &str) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description, "schema": schema, "example": example})
}
