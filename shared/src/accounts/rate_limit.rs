//! Rate limits of the endpoints that anyone can call (registrations, password resets, token
//! redemptions; the sign-in's are in `sign_in.rs`): the policies, and the fixed-window arithmetic the Worker's atomic counter
//! (one D1 upsert per attempt) is keyed by.
//!
//! A window is `[start, start + seconds)` with `start` a multiple of its length in Unix time;
//! the counter of `(key, start)` is incremented first and the attempt is refused when the count
//! exceeds the limit, with `Retry-After` = the seconds to the window's end. Across a window
//! boundary up to twice the limit can pass; that is accepted for these endpoints.

use std::net::IpAddr;

use super::{AccountsError, LicenceNumber};

/// One rate limit: at most `limit` attempts per `window_seconds` for one subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    /// The key prefix, e.g. `registration:ip`.
    pub name: &'static str,
    /// Attempts allowed per window.
    pub limit: u32,
    /// The window's length in seconds.
    pub window_seconds: u32,
}

const HOUR: u32 = 3600;

/// Registrations from one IP address (or IPv6 /64) per hour.
pub const REGISTRATIONS_PER_IP: RateLimit = RateLimit {
    name: "registration:ip",
    limit: 10,
    window_seconds: HOUR,
};
/// Registrations for one licence number per hour (each may e-mail the customer's admins).
pub const REGISTRATIONS_PER_LICENCE: RateLimit = RateLimit {
    name: "registration:licence",
    limit: 5,
    window_seconds: HOUR,
};
/// Registrations for one e-mail address per hour (each may send it a message).
pub const REGISTRATIONS_PER_EMAIL: RateLimit = RateLimit {
    name: "registration:email",
    limit: 3,
    window_seconds: HOUR,
};
/// Password-reset requests from one IP address per hour.
pub const RESETS_PER_IP: RateLimit = RateLimit {
    name: "reset:ip",
    limit: 10,
    window_seconds: HOUR,
};
/// Password-reset requests for one e-mail address per hour.
pub const RESETS_PER_EMAIL: RateLimit = RateLimit {
    name: "reset:email",
    limit: 3,
    window_seconds: HOUR,
};
/// Token redemptions (and access decisions) from one IP address per 15 minutes.
pub const REDEMPTIONS_PER_IP: RateLimit = RateLimit {
    name: "redeem:ip",
    limit: 20,
    window_seconds: 15 * 60,
};
/// Invitations sent by one customer per day.
pub const INVITATIONS_PER_CUSTOMER: RateLimit = RateLimit {
    name: "invitation:customer",
    limit: 50,
    window_seconds: 24 * HOUR,
};

/// Requests to the sales team from one IP address per hour.
pub const SALES_REQUESTS_PER_IP: RateLimit = RateLimit {
    name: "sales:ip",
    limit: 5,
    window_seconds: HOUR,
};
/// Requests to the sales team from one e-mail address per day (each sends it a confirmation).
pub const SALES_REQUESTS_PER_EMAIL: RateLimit = RateLimit {
    name: "sales:email",
    limit: 3,
    window_seconds: 24 * HOUR,
};

/// Every policy (for the cleanup of old windows).
pub const RATE_LIMITS: [RateLimit; 14] = [
    super::SIGN_IN_PER_EMAIL_IP,
    super::SIGN_IN_PER_IP,
    super::SIGN_IN_CHECKS_PER_IP_MINUTE,
    super::SIGN_IN_PER_EMAIL,
    super::PASSWORD_CHECKS_PER_USER,
    REGISTRATIONS_PER_IP,
    REGISTRATIONS_PER_LICENCE,
    REGISTRATIONS_PER_EMAIL,
    RESETS_PER_IP,
    RESETS_PER_EMAIL,
    REDEMPTIONS_PER_IP,
    INVITATIONS_PER_CUSTOMER,
    SALES_REQUESTS_PER_IP,
    SALES_REQUESTS_PER_EMAIL,
];

/// The counter one attempt increments: `(key, window_start)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateWindow {
    /// `<policy name>:<subject>`.
    pub key: String,
    /// The window's start in Unix seconds.
    pub start: i64,
}

impl RateLimit {
    /// The counter for `subject` (see [`ip_subject`], [`licence_subject`]; an e-mail address
    /// as [`normalize_email`](super::normalize_email) gives it) at `now` (Unix seconds).
    pub fn window(&self, subject: &str, now: i64) -> RateWindow {
        let length = i64::from(self.window_seconds);
        RateWindow {
            key: format!("{}:{subject}", self.name),
            start: now.div_euclid(length) * length,
        }
    }

    /// The decision after the counter of the window containing `now` reached `count`
    /// (this attempt included): allowed, or 429 with the seconds to the window's end.
    pub fn check(&self, count: u32, now: i64) -> Result<(), AccountsError> {
        if count <= self.limit {
            return Ok(());
        }
        let length = i64::from(self.window_seconds);
        let left = length - now.rem_euclid(length);
        Err(AccountsError::RateLimited {
            retry_after_seconds: u64::try_from(left).unwrap_or(1),
        })
    }
}

/// The decision on the counts of several limits (each with this attempt included): allowed
/// when none is over its limit, else 429 with the longest wait among those that are.
pub fn longest_wait<'a>(
    counted: impl IntoIterator<Item = (&'a RateLimit, u32)>,
    now: i64,
) -> Result<(), AccountsError> {
    let wait = counted
        .into_iter()
        .filter_map(|(limit, n)| match limit.check(n, now) {
            Err(AccountsError::RateLimited {
                retry_after_seconds,
            }) => Some(retry_after_seconds),
            _ => None,
        })
        .max();
    match wait {
        Some(retry_after_seconds) => Err(AccountsError::RateLimited {
            retry_after_seconds,
        }),
        None => Ok(()),
    }
}

/// Windows that started before this (Unix seconds) are over for every policy and can be
/// deleted.
pub fn expired_before(now: i64) -> i64 {
    let longest = RATE_LIMITS
        .iter()
        .map(|l| i64::from(l.window_seconds))
        .max()
        .unwrap_or(0);
    now - longest
}

/// The subject of an IP address: an IPv4 address as it is, an IPv6 address by its /64 (one
/// customer line usually holds a whole /64); the text as given when it is no address.
pub fn ip_subject(ip: &str) -> String {
    match ip.trim().parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        Err(_) => ip.trim().to_owned(),
    }
}

/// The subject of a licence number: its display form, however it was typed.
pub fn licence_subject(number: LicenceNumber) -> String {
    number.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_starts_at_a_multiple_of_its_length() {
        let w = REGISTRATIONS_PER_IP.window("192.0.2.7", 7_205);
        assert_eq!(w.key, "registration:ip:192.0.2.7");
        assert_eq!(w.start, 7_200);
        assert_eq!(REDEMPTIONS_PER_IP.window("x", 899).start, 0);
        assert_eq!(REDEMPTIONS_PER_IP.window("x", 900).start, 900);
    }

    #[test]
    fn the_attempt_over_the_limit_waits_for_the_end_of_the_window() {
        let limit = RESETS_PER_EMAIL;
        assert_eq!(limit.check(limit.limit, 3_600 + 10), Ok(()));
        assert_eq!(
            limit.check(limit.limit + 1, 3_600 + 10),
            Err(AccountsError::RateLimited {
                retry_after_seconds: 3_590
            })
        );
        // At the window's first second, a whole window is left.
        assert_eq!(
            limit.check(limit.limit + 1, 7_200),
            Err(AccountsError::RateLimited {
                retry_after_seconds: 3_600
            })
        );
    }

    #[test]
    fn ipv6_addresses_of_one_64_share_a_subject() {
        assert_eq!(
            ip_subject("2001:db8:1:2:aaaa::1"),
            ip_subject("2001:db8:1:2:ffff:1:2:3")
        );
        assert_eq!(ip_subject("2001:db8:1:2::9"), "2001:db8:1:2::/64");
        assert_ne!(ip_subject("2001:db8:1:2::1"), ip_subject("2001:db8:1:3::1"));
        assert_eq!(ip_subject(" 192.0.2.7 "), "192.0.2.7");
        assert_eq!(ip_subject("::ffff:192.0.2.7"), "192.0.2.7");
    }

    #[test]
    fn a_licence_number_counts_the_same_however_it_was_typed() {
        let n = LicenceNumber::generate(3, 4);
        let typed = n.to_string().to_lowercase().replace('-', " ");
        assert_eq!(
            licence_subject(LicenceNumber::parse(&typed).unwrap()),
            licence_subject(n)
        );
    }

    #[test]
    fn windows_older_than_the_longest_policy_are_expired() {
        assert_eq!(expired_before(100_000), 100_000 - 86_400);
    }

    #[test]
    fn policy_names_are_distinct() {
        let names: std::collections::HashSet<_> = RATE_LIMITS.iter().map(|l| l.name).collect();
        assert_eq!(names.len(), RATE_LIMITS.len());
    }
}
