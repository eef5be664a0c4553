//! CSV text as the import reads it (RFC 4180): records of fields, and the parts a large file
//! is sent in.

/// Splits CSV text (RFC 4180: commas, double quotes, `""` inside quotes, CRLF or LF) into
/// records of fields; `Err(record)` for an unterminated quote (the record it opens).
pub fn split_csv(text: &str) -> Result<Vec<Vec<String>>, usize> {
    let mut lines = Vec::new();
    let (mut line, mut field) = (Vec::new(), String::new());
    let (mut quoted, mut number) = (false, 1);
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => line.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                line.push(std::mem::take(&mut field));
                lines.push(std::mem::take(&mut line));
                number += 1;
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err(number);
    }
    if !field.is_empty() || !line.is_empty() {
        line.push(field);
        lines.push(line);
    }
    Ok(lines)
}

/// Whether a record is a blank line (skipped, but counted as a row).
pub fn is_blank(record: &[String]) -> bool {
    record.len() == 1 && record[0].trim().is_empty()
}

/// One field as CSV: quoted when it holds a comma, a quote or a line break.
pub fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// A part of a large file: its text (the header and its records) and the row of its first
/// record in the whole file (the header being row 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportPart {
    /// The row (line) of its first record in the file.
    pub first_row: usize,
    /// Its records (blank lines not counted).
    pub rows: usize,
    /// The header and the records, as CSV.
    pub text: String,
}

/// Splits a file into parts of at most `max_bytes` each (the header repeated in every part;
/// a record longer than that is a part of its own); `Err(record)` for an unterminated quote.
pub fn split_parts(text: &str, max_bytes: usize) -> Result<Vec<ImportPart>, usize> {
    let records = split_csv(text)?;
    let Some((header, data)) = records.split_first() else {
        return Ok(Vec::new());
    };
    let line = |record: &[String]| {
        let fields: Vec<String> = record.iter().map(|f| csv_field(f)).collect();
        format!("{}\n", fields.join(","))
    };
    let head = line(header);
    let mut parts: Vec<ImportPart> = Vec::new();
    let mut current = ImportPart {
        first_row: 2,
        rows: 0,
        text: head.clone(),
    };
    for (i, record) in data.iter().enumerate() {
        let text = line(record);
        if current.rows > 0 && current.text.len() + text.len() > max_bytes {
            let next = ImportPart {
                first_row: i + 2,
                rows: 0,
                text: head.clone(),
            };
            parts.push(std::mem::replace(&mut current, next));
        }
        current.text.push_str(&text);
        current.rows += usize::from(!is_blank(record));
    }
    if current.rows > 0 {
        parts.push(current);
    }
    Ok(parts)
}
