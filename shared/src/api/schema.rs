//! JSON Schemas of the values whose serde form is written by hand (feature `schema`, for the
//! OpenAPI document; never in a Wasm bundle). Every other API type derives its schema where it
//! is declared, from the same attributes serde reads.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use super::{EditionPrices, WireNumber};
use crate::accounts::LicenceNumber;
use crate::foundation::{Money, Rate};
use crate::releases::Version;

impl JsonSchema for Money {
    fn schema_name() -> Cow<'static, str> {
        "Money".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": r"^-?\d+\.\d{2}$",
            "description": "An amount in the price book's currency (EUR, net of VAT) as a decimal string with exactly two decimals, no grouping; rounded half away from zero at each named amount.",
            "examples": ["1290.00"],
        })
    }
}

impl JsonSchema for Rate {
    fn schema_name() -> Cow<'static, str> {
        "Rate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": r"^\d+(\.\d+)?$",
            "description": "A rate in percent as a decimal string (`\"19\"` is 19 %).",
            "examples": ["19"],
        })
    }
}

impl JsonSchema for LicenceNumber {
    fn schema_name() -> Cow<'static, str> {
        "LicenceNumber".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": r"^SMA-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]$",
            "description": "The licence number printed on the licence certificate: `SMA-XXXX-XXXX-C`, eight characters of Crockford's base32 alphabet and a check character (Luhn mod 32). Answers carry the canonical form; requests may use any case, spaces or hyphens, O for 0 and I/L for 1.",
            "examples": ["SMA-ZGG1-6E4C-G"],
        })
    }
}

impl JsonSchema for Version {
    fn schema_name() -> Cow<'static, str> {
        "Version".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z]+(\.[0-9A-Za-z]+)*)?$",
            "description": "A semantic version `MAJOR.MINOR.PATCH[-PRE]` (no leading zeros, no build metadata), ordered as semver orders it (5.10.0 after 5.9.2; 6.0.0 after 6.0.0-beta.1).",
            "examples": ["5.10.0", "6.0.0-beta.1"],
        })
    }
}

/// A quantity as a valid request states it. Any JSON number reaches validation (a fraction,
/// a negative or a larger number is a 422 with its field); a string is a 400. Fields with
/// another range (`years`, `term_years`) narrow it where they are declared.
impl JsonSchema for WireNumber {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Quantity".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "integer",
            "minimum": 0,
            "maximum": 10000,
        })
    }
}

impl JsonSchema for EditionPrices {
    fn schema_name() -> Cow<'static, str> {
        "EditionPrices".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "description": "Unit prices by edition code, in the book's edition order; an edition without the module is absent.",
            "additionalProperties": generator.subschema_for::<Money>(),
            "examples": [{"probox": "79.00", "professional": "119.00"}],
        })
    }
}
