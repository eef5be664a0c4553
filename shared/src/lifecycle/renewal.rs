//! The renewal engine's decisions (pricing.md section 5): a pure function of an SMA's stored
//! state and today. The Worker runs it on the daily cron (and for a chosen date through an
//! admin endpoint) and applies each action; applying them and deciding again on the same day
//! gives nothing more to do.
//!
//! - At each due anniversary, coverage that continues gets its renewal order (once per
//!   anniversary, catching up missed days in order) and moves on.
//! - Coverage whose end has come lapses (once), with an e-mail.
//! - 30 days before each cancellation deadline of an auto-renewing SMA, a reminder e-mail.

use chrono::NaiveDate;

use crate::dates::days_between;
use crate::lifecycle::{CoverageRecord, RenewalPoint};

/// Days before a cancellation deadline the reminder goes out.
pub const REMINDER_DAYS: i64 = 30;

/// What the engine knows of one installation's SMA.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EngineState {
    /// The stored coverage.
    pub coverage: CoverageRecord,
    /// Whether the lapse was already processed.
    pub lapsed: bool,
    /// The cancellation deadline the last reminder was sent for.
    pub reminded_deadline: Option<NaiveDate>,
}

/// One thing to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EngineAction {
    /// Place the renewal order for the term starting at `point.date`.
    Renew {
        /// The renewal point (the anniversary the term starts on).
        point: RenewalPoint,
    },
    /// Mark the SMA lapsed and tell the customer.
    Lapse {
        /// The first uncovered day.
        ended_at: NaiveDate,
    },
    /// Remind the customer of the cancellation deadline.
    RemindDeadline {
        /// The last day to cancel.
        deadline: NaiveDate,
        /// The anniversary the SMA renews on unless cancelled.
        renews_on: NaiveDate,
    },
}

impl EngineState {
    /// The state after `action` was applied.
    pub fn apply(&self, action: &EngineAction) -> EngineState {
        match *action {
            EngineAction::Renew { point } => EngineState {
                coverage: self.coverage.after_renewal(point),
                ..*self
            },
            EngineAction::Lapse { .. } => EngineState {
                lapsed: true,
                ..*self
            },
            EngineAction::RemindDeadline { deadline, .. } => EngineState {
                reminded_deadline: Some(deadline),
                ..*self
            },
        }
    }
}

/// What to do for one SMA on `today`, in order. Deciding again on the state after applying
/// these actions gives none.
pub fn decide(state: &EngineState, today: NaiveDate) -> Vec<EngineAction> {
    let mut actions = Vec::new();
    let mut s = *state;
    // A renewal per anniversary; bounded by the years since the start.
    for _ in 0..=days_between(s.coverage.start, today).max(0) / 365 + 1 {
        if s.lapsed {
            break;
        }
        let point = s.coverage.next_unordered();
        if let Some(end) = s.coverage.ends_on {
            if point.date >= end {
                if today >= end {
                    actions.push(EngineAction::Lapse { ended_at: end });
                }
                break;
            }
        }
        if point.date <= today {
            let a = EngineAction::Renew { point };
            s = s.apply(&a);
            actions.push(a);
            continue;
        }
        let deadline = point.cancellation_deadline;
        let days_left = days_between(today, deadline);
        if s.coverage.auto_renew
            && (0..=REMINDER_DAYS).contains(&days_left)
            && s.reminded_deadline != Some(deadline)
        {
            actions.push(EngineAction::RemindDeadline {
                deadline,
                renews_on: point.date,
            });
        }
        break;
    }
    actions
}

/// The first day from `from` on whose run [`decide`] has something to do for `state` (as long as
/// the state is not changed otherwise); `None` once the SMA has lapsed. The daily run looks only
/// at installations whose stored day has come (an index on it), so this is what keeps a run
/// over a large customer base short: each SMA is looked at on the days it needs, and no others.
pub fn next_event(state: &EngineState, from: NaiveDate) -> Option<NaiveDate> {
    if state.lapsed {
        return None;
    }
    let point = state.coverage.next_unordered();
    if let Some(end) = state.coverage.ends_on {
        if point.date >= end {
            return Some(end.max(from));
        }
    }
    let mut next = point.date.max(from);
    let deadline = point.cancellation_deadline;
    if state.coverage.auto_renew && state.reminded_deadline != Some(deadline) && deadline >= from {
        let window = deadline - chrono::Days::new(REMINDER_DAYS as u64);
        next = next.min(window.max(from));
    }
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::add_days;
    use crate::pricing::TermYears;

    use crate::test_dates::d;

    fn running(start: NaiveDate, term: TermYears) -> EngineState {
        EngineState {
            coverage: CoverageRecord::begin(start, term, 1),
            lapsed: false,
            reminded_deadline: None,
        }
    }

    /// Runs the engine every day from `from` to `to` (twice a day), collecting the actions.
    fn simulate(
        mut s: EngineState,
        from: NaiveDate,
        to: NaiveDate,
    ) -> (EngineState, Vec<(NaiveDate, EngineAction)>) {
        let mut log = Vec::new();
        let mut day = from;
        while day <= to {
            for _ in 0..2 {
                for a in decide(&s, day) {
                    s = s.apply(&a);
                    log.push((day, a));
                }
            }
            day = add_days(day, 1);
        }
        (s, log)
    }

    /// Like [`simulate`], but runs only on the days [`next_event`] names.
    fn on_next_events(
        mut s: EngineState,
        from: NaiveDate,
        to: NaiveDate,
    ) -> (EngineState, Vec<(NaiveDate, EngineAction)>) {
        let mut log = Vec::new();
        let mut day = from;
        while let Some(next) = next_event(&s, day).filter(|&n| n <= to) {
            let actions = decide(&s, next);
            assert!(!actions.is_empty(), "nothing to do on {next} for {s:?}");
            for a in actions {
                s = s.apply(&a);
                log.push((next, a));
            }
            day = add_days(next, 1);
        }
        (s, log)
    }

    #[test]
    fn the_next_event_day_finds_every_action_of_a_daily_run_and_no_empty_day() {
        let start = d(2026, 1, 31);
        let cancelled = {
            let mut s = running(start, TermYears::One);
            s.coverage = s.coverage.cancel(d(2028, 6, 1)).unwrap().0;
            s
        };
        let reminded = {
            let mut s = running(start, TermYears::One);
            s.reminded_deadline = Some(s.coverage.next_unordered().cancellation_deadline);
            s
        };
        for (from, state) in [
            (start, running(start, TermYears::One)),
            (start, running(start, TermYears::Three)),
            (d(2028, 6, 1), cancelled),
            (start, reminded),
            // A run that was missed for years: one event day catches up at once.
            (d(2030, 3, 1), running(start, TermYears::One)),
        ] {
            let to = d(2036, 12, 31);
            assert_eq!(
                on_next_events(state, from, to),
                simulate(state, from, to),
                "{state:?} from {from}"
            );
        }
        let lapsed = EngineState {
            lapsed: true,
            ..running(start, TermYears::One)
        };
        assert_eq!(next_event(&lapsed, start), None);
    }

    #[test]
    fn an_auto_renewing_sma_renews_once_per_anniversary_over_twelve_years() {
        let (s, log) = simulate(
            running(d(2026, 5, 31), TermYears::One),
            d(2026, 5, 31),
            d(2038, 6, 30),
        );
        let renewals: Vec<NaiveDate> = log
            .iter()
            .filter_map(|(day, a)| matches!(a, EngineAction::Renew { .. }).then_some(*day))
            .collect();
        assert_eq!(renewals.len(), 12);
        assert_eq!(renewals[0], d(2027, 5, 31));
        assert_eq!(renewals[1], d(2028, 5, 31));
        assert_eq!(s.coverage.renews_on, d(2039, 5, 31));
        let reminders: Vec<NaiveDate> = log
            .iter()
            .filter_map(|(day, a)| match a {
                EngineAction::RemindDeadline { deadline, .. } => {
                    assert_eq!(days_between(*day, *deadline), REMINDER_DAYS);
                    Some(*deadline)
                }
                _ => None,
            })
            .collect();
        assert_eq!(reminders.len(), 12);
        assert_eq!(reminders[0], d(2027, 2, 28));
        assert_eq!(reminders[1], d(2028, 2, 29));
    }

    #[test]
    fn a_three_year_term_renews_every_third_anniversary() {
        let (_, log) = simulate(
            running(d(2026, 11, 15), TermYears::Three),
            d(2026, 11, 15),
            d(2036, 1, 1),
        );
        let renewals: Vec<RenewalPoint> = log
            .iter()
            .filter_map(|(_, a)| match a {
                EngineAction::Renew { point } => Some(*point),
                _ => None,
            })
            .collect();
        assert_eq!(renewals.len(), 3);
        assert_eq!(renewals[0].date, d(2029, 11, 15));
        assert_eq!(renewals[0].after_year, 3);
        assert_eq!(renewals[2].date, d(2035, 11, 15));
    }

    #[test]
    fn a_cancelled_sma_lapses_once_at_its_end_with_no_renewal() {
        let mut s = running(d(2026, 5, 31), TermYears::One);
        s.coverage = s.coverage.cancel(d(2027, 1, 10)).unwrap().0;
        let (end, log) = simulate(s, d(2027, 1, 10), d(2029, 1, 1));
        assert!(end.lapsed);
        assert_eq!(log.len(), 1);
        assert_eq!(
            log[0],
            (
                d(2027, 5, 31),
                EngineAction::Lapse {
                    ended_at: d(2027, 5, 31)
                }
            )
        );
    }

    #[test]
    fn a_late_cancellation_still_renews_once_then_lapses() {
        let mut s = running(d(2026, 5, 31), TermYears::One);
        s.coverage = s.coverage.cancel(d(2027, 3, 1)).unwrap().0;
        let (_, log) = simulate(s, d(2027, 3, 1), d(2029, 1, 1));
        assert_eq!(log.len(), 2);
        assert!(matches!(log[0], (day, EngineAction::Renew { .. }) if day == d(2027, 5, 31)));
        assert_eq!(
            log[1],
            (
                d(2028, 5, 31),
                EngineAction::Lapse {
                    ended_at: d(2028, 5, 31)
                }
            )
        );
    }

    #[test]
    fn missed_days_are_caught_up_in_order_and_deciding_again_gives_nothing() {
        let s = running(d(2026, 3, 10), TermYears::One);
        let today = d(2029, 4, 1);
        let actions = decide(&s, today);
        let dates: Vec<NaiveDate> = actions
            .iter()
            .filter_map(|a| match a {
                EngineAction::Renew { point } => Some(point.date),
                _ => None,
            })
            .collect();
        assert_eq!(dates, vec![d(2027, 3, 10), d(2028, 3, 10), d(2029, 3, 10)]);
        let after = actions.iter().fold(s, |s, a| s.apply(a));
        assert!(decide(&after, today).is_empty());
    }

    #[test]
    fn a_reminder_goes_out_once_per_deadline_even_when_days_were_missed() {
        let s = running(d(2026, 5, 31), TermYears::One);
        // The engine did not run 30 days before; ten days before the deadline it reminds.
        let actions = decide(&s, d(2027, 2, 18));
        assert_eq!(
            actions,
            vec![EngineAction::RemindDeadline {
                deadline: d(2027, 2, 28),
                renews_on: d(2027, 5, 31)
            }]
        );
        let after = s.apply(&actions[0]);
        assert!(decide(&after, d(2027, 2, 19)).is_empty());
        // After the deadline no reminder for it any more.
        assert!(decide(&s, d(2027, 3, 1)).is_empty());
    }

    #[test]
    fn an_early_renewal_is_not_ordered_again_by_the_engine() {
        let mut s = running(d(2026, 3, 10), TermYears::One);
        s.coverage = s.coverage.after_renewal(s.coverage.next_unordered());
        assert!(decide(&s, d(2027, 3, 10)).is_empty());
        assert!(
            matches!(decide(&s, d(2028, 3, 10))[..], [EngineAction::Renew { point }] if point.date == d(2028, 3, 10))
        );
    }
}
