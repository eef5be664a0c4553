//! How often a password may be checked: the sign-in limits (api.md "Sign-in") and the
//! decision on their counts, for the Worker's atomic counters of [`RateLimit`].
//!
//! Every sign-in is counted in each window *before* its password is checked (one atomic
//! upsert each), so that parallel attempts cannot pass a limit together; a right password
//! gives its counts back (only failures stay counted, and only failures are anonymous work).
//!
//! - [`SIGN_IN_PER_EMAIL_IP`]: the failures of one e-mail address from one source (the limit
//!   the owner meets when they mistype);
//! - [`SIGN_IN_PER_IP`] and [`SIGN_IN_CHECKS_PER_IP_MINUTE`]: one source trying many addresses,
//!   and the PBKDF2 work one source can cause per minute;
//! - [`SIGN_IN_PER_EMAIL`]: many sources trying one address. It is slower, and it never refuses
//!   a source without failures for the address in its window, so nobody can lock the owner
//!   out of their right password by knowing their e-mail.

use super::{longest_wait, AccountsError, RateLimit, RateWindow};
use crate::api::{SIGN_IN_FAILURE_WINDOW_MINUTES, SIGN_IN_MAX_FAILURES};

const FAILURE_WINDOW: u32 = SIGN_IN_FAILURE_WINDOW_MINUTES * 60;

/// Failed sign-ins of one e-mail address from one source (IP address or IPv6 /64).
pub const SIGN_IN_PER_EMAIL_IP: RateLimit = RateLimit {
    name: "signin:email-ip",
    limit: SIGN_IN_MAX_FAILURES,
    window_seconds: FAILURE_WINDOW,
};
/// Failed sign-ins from one source, whatever the address.
pub const SIGN_IN_PER_IP: RateLimit = RateLimit {
    name: "signin:ip",
    limit: 6 * SIGN_IN_MAX_FAILURES,
    window_seconds: FAILURE_WINDOW,
};
/// Passwords one source may have checked in vain per minute (each check is PBKDF2 work).
pub const SIGN_IN_CHECKS_PER_IP_MINUTE: RateLimit = RateLimit {
    name: "signin:ip-minute",
    limit: 2 * SIGN_IN_MAX_FAILURES,
    window_seconds: 60,
};
/// Failed sign-ins of one e-mail address from all sources per hour; over it, only a source
/// without failures for the address may still try.
pub const SIGN_IN_PER_EMAIL: RateLimit = RateLimit {
    name: "signin:email",
    limit: 4 * SIGN_IN_MAX_FAILURES,
    window_seconds: 3600,
};
/// Wrong current passwords of one signed-in user changing their password.
pub const PASSWORD_CHECKS_PER_USER: RateLimit = RateLimit {
    name: "password:user",
    limit: SIGN_IN_MAX_FAILURES,
    window_seconds: FAILURE_WINDOW,
};

/// The sign-in policies, in the order of [`sign_in_windows`].
pub const SIGN_IN_LIMITS: [RateLimit; 4] = [
    SIGN_IN_PER_EMAIL_IP,
    SIGN_IN_PER_IP,
    SIGN_IN_CHECKS_PER_IP_MINUTE,
    SIGN_IN_PER_EMAIL,
];

/// The counters one sign-in for `email` (normalised) from the source `ip` (as
/// [`ip_subject`](super::ip_subject) gives it) increments at `now` (Unix seconds).
pub fn sign_in_windows(email: &str, ip: &str, now: i64) -> [RateWindow; 4] {
    [
        SIGN_IN_PER_EMAIL_IP.window(&format!("{email}|{ip}"), now),
        SIGN_IN_PER_IP.window(ip, now),
        SIGN_IN_CHECKS_PER_IP_MINUTE.window(ip, now),
        SIGN_IN_PER_EMAIL.window(email, now),
    ]
}

/// Whether the password of a sign-in may be checked, given the counts of its
/// [`sign_in_windows`] with this attempt included: else 429 with the longest wait among the
/// limits it is over. The per-address limit refuses only a source that already failed for the
/// address in its window (its own count above 1).
pub fn sign_in_allowed(counts: &[u32; 4], now: i64) -> Result<(), AccountsError> {
    let [email_ip, ..] = *counts;
    let counted = SIGN_IN_LIMITS
        .iter()
        .zip(counts.iter().copied())
        .filter(|(limit, _)| **limit != SIGN_IN_PER_EMAIL || email_ip > 1);
    longest_wait(counted, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn refused(counts: [u32; 4]) -> bool {
        sign_in_allowed(&counts, NOW).is_err()
    }

    #[test]
    fn the_failures_of_one_address_from_one_source_stop_at_the_shared_limit() {
        let n = SIGN_IN_MAX_FAILURES;
        assert!(!refused([n, n, n, n]));
        assert!(refused([n + 1, n + 1, n + 1, n + 1]));
    }

    #[test]
    fn one_source_trying_many_addresses_is_stopped_per_window_and_per_minute() {
        assert!(refused([1, SIGN_IN_PER_IP.limit + 1, 1, 1]));
        assert!(refused([1, 1, SIGN_IN_CHECKS_PER_IP_MINUTE.limit + 1, 1]));
        assert!(!refused([
            1,
            SIGN_IN_PER_IP.limit,
            SIGN_IN_CHECKS_PER_IP_MINUTE.limit,
            1
        ]));
    }

    #[test]
    fn an_address_under_attack_still_admits_a_source_without_failures() {
        let over = SIGN_IN_PER_EMAIL.limit + 100;
        assert!(!refused([1, 1, 1, over]));
        assert!(refused([2, 2, 2, over]));
    }

    #[test]
    fn the_refusal_waits_for_the_end_of_the_longest_window_it_is_over() {
        let e = sign_in_allowed(&[SIGN_IN_MAX_FAILURES + 1, 1, 99, 1], NOW).unwrap_err();
        let left = i64::from(FAILURE_WINDOW) - NOW.rem_euclid(i64::from(FAILURE_WINDOW));
        assert_eq!(
            e,
            AccountsError::RateLimited {
                retry_after_seconds: u64::try_from(left).unwrap()
            }
        );
    }

    #[test]
    fn the_windows_of_one_sign_in_name_the_address_the_source_and_both() {
        let w = sign_in_windows("anna@demo.example", "192.0.2.7", NOW);
        assert_eq!(w[0].key, "signin:email-ip:anna@demo.example|192.0.2.7");
        assert_eq!(w[1].key, "signin:ip:192.0.2.7");
        assert_eq!(w[2].key, "signin:ip-minute:192.0.2.7");
        assert_eq!(w[3].key, "signin:email:anna@demo.example");
        assert_eq!(w[2].start, NOW - NOW.rem_euclid(60));
    }
}
