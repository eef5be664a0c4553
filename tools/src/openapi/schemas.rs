//! The document's `components`: the JSON Schemas of `sma_shared::api`'s types (requests as
//! serde reads them, responses as serde writes them), the error answers, and the shared
//! headers.

use schemars::{generate::SchemaSettings, JsonSchema, SchemaGenerator};
use serde_json::{json, Map, Value};

/// Where the schemas live in the document.
const SCHEMAS: &str = "/components/schemas";

/// The schema generators of one document: requests are described as serde deserialises them
/// (a defaulted field is optional), responses as it serialises them (every field that is
/// always written is required, and no other field is allowed).
pub struct Schemas {
    requests: SchemaGenerator,
    responses: SchemaGenerator,
}

impl Schemas {
    /// Generators for draft 2020-12 (OpenAPI 3.1) with references into `components`.
    pub fn new() -> Schemas {
        let settings = SchemaSettings::draft2020_12().with(|s| {
            s.definitions_path = SCHEMAS.into();
            s.meta_schema = None;
        });
        Schemas {
            requests: settings.clone().for_deserialize().into_generator(),
            responses: settings.for_serialize().into_generator(),
        }
    }

    /// The schema (usually a `$ref`) of a request body of type `T`.
    pub fn request<T: JsonSchema>(&mut self) -> Value {
        self.requests.subschema_for::<T>().to_value()
    }

    /// The schema (usually a `$ref`) of a response body of type `T`.
    pub fn response<T: JsonSchema>(&mut self) -> Value {
        self.responses.subschema_for::<T>().to_value()
    }

    /// The schema of one field of the request type `T`, as `T`'s schema declares it.
    pub fn request_field<T: JsonSchema>(&mut self, field: &str) -> Value {
        let reference = self.request::<T>();
        let name = ref_name(&reference);
        let mut schema = self.requests.definitions()[name]["properties"][field].clone();
        tidy(&mut schema);
        schema
    }

    /// Every schema the document refers to, by name. A type used both ways must be described
    /// alike both ways (else the generator stops: give one of them another name).
    pub fn into_components(mut self) -> Map<String, Value> {
        let mut all = self.requests.take_definitions(true);
        all.values_mut().for_each(tidy);
        for (name, mut schema) in self.responses.take_definitions(true) {
            tidy(&mut schema);
            close_objects(&mut schema);
            if let Some(other) = all.get(&name) {
                assert_eq!(
                    other, &schema,
                    "the schema `{name}` differs between requests and responses"
                );
            }
            all.insert(name, schema);
        }
        all
    }
}

/// The name a `#/components/schemas/{name}` reference points to.
pub fn ref_name(reference: &Value) -> &str {
    reference["$ref"]
        .as_str()
        .and_then(|r| r.rsplit('/').next())
        .expect("a reference into components")
}

/// The formats of OpenAPI's registry and JSON Schema that the document keeps; others (Rust's
/// `uint32`…) say no more than `minimum` already does.
const FORMATS: &[&str] = &["date", "date-time", "int32", "int64"];

/// Makes doc comments read as prose (rustdoc links become code spans, wrapped lines are joined)
/// and drops formats no validator knows.
fn tidy(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map
                .get("format")
                .and_then(Value::as_str)
                .is_some_and(|f| !FORMATS.contains(&f))
            {
                map.remove("format");
            }
            if let Some(Value::String(text)) = map.get_mut("description") {
                *text = prose(text);
            }
            map.values_mut().for_each(tidy);
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

/// A doc comment as plain Markdown: "[`X`](path)" and "[`X`]" become "`X`", and the lines of
/// a paragraph are joined.
fn prose(doc: &str) -> String {
    let mut out = String::new();
    let mut rest = doc;
    while let Some(start) = rest.find("[`") {
        let Some(close) = rest[start..].find("`]") else {
            break;
        };
        let close = start + close;
        out.push_str(&rest[..start]);
        out.push_str(&rest[start + 1..close + 1]);
        rest = &rest[close + 2..];
        if rest.starts_with('(') {
            if let Some(end) = rest.find(')') {
                rest = &rest[end + 1..];
            }
        }
    }
    out.push_str(rest);
    out.split("\n\n")
        .map(|paragraph| paragraph.replace('\n', " "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Marks every object schema with listed properties `additionalProperties: false`, so that a
/// response with a field the document does not describe fails validation.
fn close_objects(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            map.values_mut().for_each(close_objects);
        }
        Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}

/// The `x-request-id` header every response carries.
pub fn request_id_header() -> Value {
    json!({"x-request-id": {"$ref": "#/components/headers/RequestId"}})
}

/// `components.headers`.
pub fn headers() -> Value {
    json!({
        "RequestId": {
            "description": "The id of this request (32 lower-case hex digits). Every response carries it, errors included; server logs use the same id.",
            "required": true,
            "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
            "example": "4f1c2a9be07d4c35a6e8b1d2f3a4c5d6"
        },
        "RetryAfter": {
            "description": "Seconds until the rate limit's window ends and the request may be tried again (at least 1).",
            "required": true,
            "schema": {"type": "string", "pattern": "^[1-9][0-9]*$"},
            "example": "1800"
        }
    })
}

/// An error answer whose `error.code` is one of `codes`.
pub fn error_response(error_body: &Value, description: &str, codes: &[&str]) -> Value {
    json!({
        "description": description,
        "headers": request_id_header(),
        "content": {"application/json": {"schema": {
            "allOf": [error_body],
            "properties": {"error": {"properties": {"code": {"enum": codes}}}}
        }}}
    })
}

/// `components.securitySchemes`.
pub fn security_schemes() -> Value {
    json!({
        "session": {
            "type": "apiKey",
            "in": "cookie",
            "name": sma_shared::api::SESSION_COOKIE,
            "description": "The session cookie set by `POST /api/session` (HttpOnly, Secure, SameSite=Strict, Path=/, no Domain, 8 hours). Without a valid one a customer operation answers 401 `unauthenticated`."
        },
        "admin": {
            "type": "http",
            "scheme": "bearer",
            "description": "`Authorization: Bearer <token>`: a token of the secret `ADMIN_TOKENS` (`name:token,…`, tokens of at least 32 characters; the name is the operator's in the audit log) or the single `ADMIN_TOKEN` (at least 16 characters, the operator `admin`). Compared as SHA-256 digests in constant time. A missing or wrong token is 401 `unauthenticated`."
        }
    })
}
