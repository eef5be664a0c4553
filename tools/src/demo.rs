//! The demo customers and installations of api.md ("Demo data"): `tools/demo/customers.csv`,
//! in the import's own columns, its dates written relative to the seed's day (`today-5m`,
//! `today+40d-96m+96m-1d`: steps of days, months and years from left to right, months
//! clamped to the month's end as the contracts count them). [`render`] writes them as dates,
//! and the file goes in through the customer import like any vendor's file.

use chrono::{Days, Months, NaiveDate};
use sma_shared::accounts::{csv_field, split_csv};

/// The committed demo file.
pub const TEMPLATE: &str = include_str!("../demo/customers.csv");

/// The date a field such as `today-28m+24m-1d` names on `today`; `None` for any other text.
fn relative(field: &str, today: NaiveDate) -> Option<Result<NaiveDate, String>> {
    let steps = field.strip_prefix("today")?;
    let mut date = today;
    let mut rest = steps;
    while !rest.is_empty() {
        let sign = rest.chars().next().filter(|c| *c == '+' || *c == '-');
        let Some(sign) = sign else {
            return Some(Err(format!("{field}: a step starts with + or -")));
        };
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(rest.len(), |i| i + 1);
        let Ok(n) = rest[1..end].parse::<u32>() else {
            return Some(Err(format!("{field}: a step needs a number")));
        };
        let unit = rest[end..].chars().next();
        let (months, days) = match unit {
            Some('d') => (0, n),
            Some('m') => (n, 0),
            Some('y') => (n * 12, 0),
            _ => return Some(Err(format!("{field}: a step ends in d, m or y"))),
        };
        let next = match sign {
            '+' => date
                .checked_add_months(Months::new(months))
                .and_then(|d| d.checked_add_days(Days::new(days.into()))),
            _ => date
                .checked_sub_months(Months::new(months))
                .and_then(|d| d.checked_sub_days(Days::new(days.into()))),
        };
        let Some(next) = next else {
            return Some(Err(format!("{field}: out of range")));
        };
        date = next;
        rest = &rest[end + 1..];
    }
    Some(Ok(date))
}

/// The demo file with its dates as of `today`.
pub fn render(today: NaiveDate) -> Result<String, String> {
    let records =
        split_csv(TEMPLATE).map_err(|row| format!("demo file: row {row}: unclosed quote"))?;
    let mut out = String::new();
    for record in records {
        let fields = record
            .iter()
            .map(|f| match relative(f, today) {
                Some(date) => date.map(|d| d.to_string()),
                None => Ok(csv_field(f)),
            })
            .collect::<Result<Vec<String>, String>>()?;
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sma_shared::accounts::{parse_import, ImportFile, ImportedCoverage};
    use sma_shared::lifecycle::{LegacyStatus, SmaStatus};
    use sma_shared::PriceBooks;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn file(today: NaiveDate) -> ImportFile {
        parse_import(&render(today).unwrap(), PriceBooks::demo(), today)
            .unwrap_or_else(|e| panic!("{today}: {e:?}"))
    }

    #[test]
    fn relative_dates_step_from_left_to_right_with_clamped_months() {
        let today = d(2026, 11, 30);
        let on = |f: &str| relative(f, today).unwrap().unwrap();
        assert_eq!(on("today"), today);
        assert_eq!(on("today-10d"), d(2026, 11, 20));
        assert_eq!(on("today-9m"), d(2026, 2, 28));
        assert_eq!(on("today-28m+24m-1d"), d(2026, 7, 29));
        assert_eq!(on("today+1y"), d(2027, 11, 30));
        assert!(relative("today*2", today).unwrap().is_err());
        assert!(relative("2026-11-30", today).is_none());
    }

    #[test]
    fn the_demo_file_imports_on_any_day() {
        for today in [
            d(2026, 11, 30),
            d(2027, 1, 31),
            d(2028, 2, 29),
            d(2026, 3, 31),
        ] {
            let f = file(today);
            assert_eq!(
                (f.customers.len(), f.installations.len()),
                (6, 15),
                "{today}"
            );
        }
    }

    #[test]
    fn anna_and_ben_have_an_active_a_lapsed_and_a_cancelled_sma() {
        let today = d(2026, 11, 28);
        let f = file(today);
        let statuses: Vec<(&str, SmaStatus)> = f
            .installations
            .iter()
            .filter(|i| ["C-10001", "C-10002"].contains(&i.customer_ref.as_str()))
            .filter_map(|i| match i.coverage {
                ImportedCoverage::Sma(s) => Some((i.name.as_str(), s.record.status_on(today))),
                _ => None,
            })
            .collect();
        assert_eq!(
            statuses,
            [
                ("Store Berlin Mitte", SmaStatus::Active),
                ("Warehouse Hamburg", SmaStatus::Lapsed),
                ("Logistics Centre Linz", SmaStatus::Cancelled)
            ]
        );
    }

    #[test]
    fn the_lab_has_a_fixture_for_every_order_kind() {
        let today = d(2026, 11, 28);
        let f = file(today);
        let lab: Vec<(&str, NaiveDate)> = f
            .installations
            .iter()
            .filter(|i| i.customer_ref == "C-10003")
            .map(|i| (i.name.as_str(), i.licence_date))
            .collect();
        let names: Vec<&str> = lab.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            [
                "Lab Auto-renew",
                "Lab New",
                "Lab Late",
                "Lab Cancelled",
                "Lab Legacy Extend",
                "Lab Legacy Switch",
                "Lab Legacy End"
            ]
        );
        // Lab New is within the 30 days to buy the SMA with the software; Lab Late is not.
        assert_eq!(lab[1].1, d(2026, 11, 18));
        assert_eq!(lab[2].1, d(2026, 5, 28));
    }

    #[test]
    fn two_contracts_end_within_60_days_and_others_run_for_months() {
        for today in [d(2026, 11, 30), d(2027, 1, 31), d(2028, 2, 29)] {
            let ends: Vec<(String, i64, bool)> = file(today)
                .installations
                .iter()
                .filter_map(|i| match i.coverage {
                    ImportedCoverage::Legacy(l) => {
                        assert_eq!(l.contract.status_on(today), LegacyStatus::Active);
                        let window = l.contract.extension_window().contains(today);
                        Some((
                            i.name.clone(),
                            (l.contract.ends_on() - today).num_days(),
                            window,
                        ))
                    }
                    _ => None,
                })
                .collect();
            assert_eq!(ends.len(), 6, "{today}");
            assert!((35..=45).contains(&ends[0].1), "{today}: {ends:?}");
            assert!(
                (40..=45).contains(&ends[1].1) && ends[1].2,
                "{today}: {ends:?}"
            );
            assert!(ends[2].1 > 90 && !ends[2].2, "{today}: {ends:?}");
            assert!(ends[4].1 > 90, "{today}: {ends:?}");
        }
    }

    #[test]
    fn every_installation_has_its_own_licence_number() {
        let f = file(d(2026, 11, 28));
        let numbers: std::collections::HashSet<String> = f
            .installations
            .iter()
            .map(|i| i.licence_number.to_string())
            .collect();
        assert_eq!(numbers.len(), f.installations.len());
    }
}
