//! The one clock: [`Now`] is read once where a request or a cron run enters the Worker
//! (`context::Ctx::begin`) and carried from there; every date and timestamp of that request is
//! derived from it. `shared` never reads a clock either: it takes `today` as a parameter.
//!
//! Pure: nothing here touches the runtime, so it is tested natively.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

/// The instant a request or a scheduled run began.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Now(DateTime<Utc>);

impl Now {
    /// The instant `millis` after the Unix epoch (the runtime's `Date.now()`); a value out of
    /// chrono's range is the epoch.
    pub fn from_unix_millis(millis: u64) -> Now {
        let at = i64::try_from(millis)
            .ok()
            .and_then(DateTime::from_timestamp_millis)
            .unwrap_or_default();
        Now(at)
    }

    /// The instant itself (for arithmetic such as a sign-in window).
    pub fn at(self) -> DateTime<Utc> {
        self.0
    }

    /// Today's date in UTC: what every rule of `shared` is decided on.
    pub fn today(self) -> NaiveDate {
        self.0.date_naive()
    }

    /// The instant as stored and answered (see [`timestamp`]).
    pub fn iso(self) -> String {
        timestamp(self.0)
    }

    /// Milliseconds since the Unix epoch (what a request's duration is measured from).
    pub fn unix_millis(self) -> u64 {
        u64::try_from(self.0.timestamp_millis()).unwrap_or(0)
    }

    /// Whole seconds since the Unix epoch (what signed links count in).
    pub fn unix_seconds(self) -> u64 {
        u64::try_from(self.0.timestamp()).unwrap_or(0)
    }
}

/// A timestamp as the Worker stores and answers it: ISO 8601 UTC with milliseconds
/// (`2026-11-28T10:15:00.123Z`), so that text order is time order.
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Unix seconds as ISO 8601 UTC without fractions (`2026-11-28T10:15:00Z`), how a download
/// link's expiry is answered; a value out of range is the epoch.
pub fn iso_seconds(seconds: u64) -> String {
    i64::try_from(seconds)
        .ok()
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-28T23:59:59.999Z.
    const LATE: u64 = 1_795_910_399_999;

    #[test]
    fn today_is_the_utc_date_of_the_instant() {
        let now = Now::from_unix_millis(LATE);
        assert_eq!(now.today(), NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
        assert_eq!(
            Now::from_unix_millis(LATE + 1).today(),
            NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
        );
    }

    #[test]
    fn the_stored_timestamp_keeps_milliseconds_and_ends_in_z() {
        assert_eq!(
            Now::from_unix_millis(LATE).iso(),
            "2026-11-28T23:59:59.999Z"
        );
        assert_eq!(Now::from_unix_millis(0).iso(), "1970-01-01T00:00:00.000Z");
    }

    #[test]
    fn text_order_of_timestamps_is_time_order() {
        let times = [0, 999, 1_000, 59_999, LATE, LATE + 1];
        let texts: Vec<String> = times
            .iter()
            .map(|&t| Now::from_unix_millis(t).iso())
            .collect();
        let mut sorted = texts.clone();
        sorted.sort();
        assert_eq!(texts, sorted);
    }

    #[test]
    fn unix_seconds_drop_the_milliseconds() {
        assert_eq!(Now::from_unix_millis(LATE).unix_seconds(), 1_795_910_399);
    }

    #[test]
    fn unix_millis_keep_the_milliseconds() {
        assert_eq!(Now::from_unix_millis(LATE).unix_millis(), LATE);
    }

    #[test]
    fn a_link_expiry_is_answered_in_whole_seconds() {
        assert_eq!(iso_seconds(1_795_910_399), "2026-11-28T23:59:59Z");
    }

    #[test]
    fn an_instant_out_of_range_is_the_epoch() {
        assert_eq!(
            Now::from_unix_millis(u64::MAX).iso(),
            "1970-01-01T00:00:00.000Z"
        );
        assert_eq!(iso_seconds(u64::MAX), "1970-01-01T00:00:00Z");
    }
}
