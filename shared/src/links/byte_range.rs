//! The `Range` header of a download (RFC 9110 section 14): which bytes of a file of known size
//! to send. One range is served; anything else (several ranges, another unit, a malformed
//! header) is ignored and the whole file is sent, as the RFC allows.

/// What to send for a `Range` header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ByteRange {
    /// The whole file (200): no header, or one that is ignored.
    Full,
    /// Bytes `start..=end` (206).
    Partial {
        /// The first byte.
        start: u64,
        /// The last byte (inclusive).
        end: u64,
    },
    /// No byte of the file lies in the range (416).
    Unsatisfiable,
}

impl ByteRange {
    /// Reads `header` (the `Range` value, if any) for a file of `size` bytes: `bytes=a-b`,
    /// `bytes=a-` or `bytes=-n`. An end beyond the file is cut at its last byte; a suffix
    /// longer than the file is the whole file (as a 206).
    pub fn parse(header: Option<&str>, size: u64) -> ByteRange {
        let Some(spec) = header.map(str::trim).and_then(strip_bytes_unit) else {
            return ByteRange::Full;
        };
        if spec.contains(',') {
            return ByteRange::Full;
        }
        let Some((first, last)) = spec.split_once('-') else {
            return ByteRange::Full;
        };
        let (first, last) = (first.trim(), last.trim());
        match (number(first), number(last)) {
            // `-n`: the last n bytes.
            (None, Some(n)) if first.is_empty() => {
                if n == 0 || size == 0 {
                    ByteRange::Unsatisfiable
                } else {
                    ByteRange::Partial {
                        start: size - n.min(size),
                        end: size - 1,
                    }
                }
            }
            // `a-`: from a to the end.
            (Some(a), None) if last.is_empty() => from(a, size.saturating_sub(1), size),
            // `a-b`.
            (Some(a), Some(b)) if a <= b => from(a, b.min(size.saturating_sub(1)), size),
            _ => ByteRange::Full,
        }
    }

    /// The number of bytes to send.
    pub fn len(&self, size: u64) -> u64 {
        match self {
            ByteRange::Full => size,
            ByteRange::Partial { start, end } => end - start + 1,
            ByteRange::Unsatisfiable => 0,
        }
    }

    /// The `Content-Range` value: `bytes a-b/size` for a part, `bytes */size` for a 416,
    /// `None` for the whole file.
    pub fn content_range(&self, size: u64) -> Option<String> {
        match self {
            ByteRange::Full => None,
            ByteRange::Partial { start, end } => Some(format!("bytes {start}-{end}/{size}")),
            ByteRange::Unsatisfiable => Some(format!("bytes */{size}")),
        }
    }
}

/// A range that starts at `a`: unsatisfiable when `a` is past the last byte.
fn from(a: u64, end: u64, size: u64) -> ByteRange {
    if a >= size {
        ByteRange::Unsatisfiable
    } else {
        ByteRange::Partial { start: a, end }
    }
}

fn strip_bytes_unit(value: &str) -> Option<&str> {
    let (unit, spec) = value.split_once('=')?;
    unit.trim().eq_ignore_ascii_case("bytes").then_some(spec)
}

/// A non-negative decimal of at most 19 digits (so it fits in u64 without overflow).
fn number(text: &str) -> Option<u64> {
    if text.is_empty() || text.len() > 19 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::ByteRange::{self, Full, Partial, Unsatisfiable};

    const SIZE: u64 = 1000;

    fn parse(header: &str) -> ByteRange {
        ByteRange::parse(Some(header), SIZE)
    }

    #[test]
    fn a_closed_range_sends_exactly_those_bytes() {
        assert_eq!(parse("bytes=0-99"), Partial { start: 0, end: 99 });
        assert_eq!(parse("bytes=10-10"), Partial { start: 10, end: 10 });
        assert_eq!(parse("bytes=10-10").len(SIZE), 1);
        assert_eq!(
            parse("bytes=900-1999"),
            Partial {
                start: 900,
                end: 999
            }
        );
        assert_eq!(
            parse("bytes=0-99").content_range(SIZE).as_deref(),
            Some("bytes 0-99/1000")
        );
    }

    #[test]
    fn an_open_range_runs_to_the_end_and_a_suffix_takes_the_last_bytes() {
        assert_eq!(
            parse("bytes=990-"),
            Partial {
                start: 990,
                end: 999
            }
        );
        assert_eq!(
            parse("bytes=-10"),
            Partial {
                start: 990,
                end: 999
            }
        );
        assert_eq!(parse("bytes=-5000"), Partial { start: 0, end: 999 });
        assert_eq!(parse("BYTES = 0 - 1"), Partial { start: 0, end: 1 });
    }

    #[test]
    fn a_range_outside_the_file_is_unsatisfiable() {
        assert_eq!(parse("bytes=1000-"), Unsatisfiable);
        assert_eq!(parse("bytes=1000-1005"), Unsatisfiable);
        assert_eq!(parse("bytes=-0"), Unsatisfiable);
        assert_eq!(ByteRange::parse(Some("bytes=0-"), 0), Unsatisfiable);
        assert_eq!(ByteRange::parse(Some("bytes=-1"), 0), Unsatisfiable);
        assert_eq!(
            Unsatisfiable.content_range(SIZE).as_deref(),
            Some("bytes */1000")
        );
    }

    #[test]
    fn headers_it_does_not_serve_are_ignored_and_the_whole_file_is_sent() {
        for h in [
            "bytes=0-1,5-6",
            "items=0-1",
            "bytes=5-1",
            "bytes=a-b",
            "bytes=-",
            "bytes=0x10-",
            "bytes=+1-2",
            "bytes 0-1",
            "bytes=99999999999999999999-",
        ] {
            assert_eq!(parse(h), Full, "{h}");
        }
        assert_eq!(ByteRange::parse(None, SIZE), Full);
        assert_eq!(Full.len(SIZE), SIZE);
        assert_eq!(Full.content_range(SIZE), None);
    }
}
