//! One record of an import file: its fields by column name, and the rejections it collects
//! (each with its row, column and why).

use chrono::NaiveDate;

use super::IMPORT_COLUMNS_ALL;
use crate::api::RejectedRow;

/// A record being checked, and the rejections of the whole file.
pub(super) struct Row<'a> {
    pub number: usize,
    pub header: &'a [usize],
    pub fields: &'a [String],
    pub rejected: &'a mut Vec<RejectedRow>,
}

impl Row<'_> {
    /// The trimmed field of `column` ("" when the file has no such column).
    pub fn get(&self, column: &str) -> &str {
        IMPORT_COLUMNS_ALL
            .iter()
            .position(|c| *c == column)
            .and_then(|known| self.header.iter().position(|&h| h == known))
            .and_then(|i| self.fields.get(i))
            .map_or("", |f| f.trim())
    }

    pub fn reject(&mut self, field: &str, message: impl Into<String>) {
        self.rejected.push(RejectedRow {
            row: self.number,
            field: field.to_owned(),
            message: message.into(),
        });
    }

    pub fn text(&mut self, column: &str, max: usize) -> Option<String> {
        let value = self.get(column).to_owned();
        if value.is_empty() || value.chars().count() > max || value.chars().any(char::is_control) {
            self.reject(
                column,
                format!("{column} must be 1 to {max} characters of text."),
            );
            return None;
        }
        Some(value)
    }

    pub fn date(&mut self, column: &str, today: NaiveDate) -> Option<NaiveDate> {
        match NaiveDate::parse_from_str(self.get(column), "%Y-%m-%d") {
            Ok(d) if d <= today => Some(d),
            Ok(_) => {
                self.reject(column, format!("{column} is after today ({today})."));
                None
            }
            Err(_) => {
                let given = self.get(column).to_owned();
                self.reject(
                    column,
                    format!("{column} must be a date YYYY-MM-DD, not {given:?}."),
                );
                None
            }
        }
    }

    /// A date that may lie ahead (the end of a term).
    pub fn any_date(&mut self, column: &str) -> Option<NaiveDate> {
        let parsed = NaiveDate::parse_from_str(self.get(column), "%Y-%m-%d").ok();
        if parsed.is_none() {
            let given = self.get(column).to_owned();
            self.reject(
                column,
                format!("{column} must be a date YYYY-MM-DD, not {given:?}."),
            );
        }
        parsed
    }

    pub fn empty(&mut self, columns: &[&str], why: &str) {
        for column in columns {
            if !self.get(column).is_empty() {
                self.reject(column, format!("{column} must be empty {why}."));
            }
        }
    }

    /// `true` or `false`.
    pub fn flag(&mut self, column: &str) -> Option<bool> {
        match self.get(column) {
            "true" => Some(true),
            "false" => Some(false),
            _ => {
                self.reject(column, format!("{column} must be true or false."));
                None
            }
        }
    }
}
