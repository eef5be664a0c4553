//! An installation row as domain values: its coverage record (pricing.md sections 3 and 5),
//! its state as the pricing code sees it, its coverage for downloads (section 7), the state
//! the renewal engine decides on, and the installation as the API shows it. Prices are never
//! stored: everything a customer sees is computed by `shared` from these and today.
//!
//! Pure: tested natively with rows as D1 returns them.

use super::installations::InstallationRow;
use crate::error::ApiError;
use chrono::NaiveDate;
use sma_shared::accounts::LicenceNumber;
use sma_shared::api::{Installation, InstallationPricing, InstallationSma, ModuleQty};
use sma_shared::lifecycle::{Coverage, CoverageRecord, EngineState, SmaContract};
use sma_shared::orders::InstallationState;
use sma_shared::{Configuration, ConfigurationInput, Money, PriceBooks, PricingError, TermYears};

impl InstallationRow {
    /// A 500 for a column of this row that is not of its stored form.
    fn corrupt(&self, what: impl std::fmt::Display) -> ApiError {
        ApiError::corrupt(format_args!("installation {}", self.id), what)
    }

    fn date(&self, text: &str) -> Result<NaiveDate, ApiError> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| self.corrupt(e))
    }

    fn opt_date(&self, text: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
        text.map(|t| self.date(t)).transpose()
    }

    /// The licence date.
    pub fn licence(&self) -> Result<NaiveDate, ApiError> {
        self.date(&self.licence_date)
    }

    /// Whether the stored SMA renews automatically (rows from before the column: yes).
    pub fn auto_renews(&self) -> bool {
        self.auto_renew.unwrap_or(1) != 0
    }

    /// The stored modules, in the quote shape.
    pub fn modules(&self) -> Result<Vec<ModuleQty>, ApiError> {
        serde_json::from_str(&self.modules).map_err(|e| self.corrupt(e))
    }

    /// The stored configuration, validated against the price book in force on `today`: the
    /// inner error when it no longer prices with it (e.g. its edition is not in the book), a
    /// 500 when a column is not of its stored form.
    fn configuration(
        &self,
        today: NaiveDate,
    ) -> Result<Result<Configuration, PricingError>, ApiError> {
        let input = ConfigurationInput {
            edition: self.edition.clone(),
            cameras: self.cameras.try_into().map_err(|e| self.corrupt(e))?,
            modules: self
                .modules()?
                .iter()
                .map(|m| m.to_input("modules").map_err(|e| self.corrupt(e)))
                .collect::<Result<_, ApiError>>()?,
        };
        let books = PriceBooks::demo();
        let first = books.books()[0].valid_from();
        Ok(books
            .book_on(today.max(first))
            .and_then(|book| Configuration::validate(book, &input)))
    }

    /// The 409 of a quote or order on an installation that no longer prices.
    fn unpriced(&self, e: &PricingError) -> ApiError {
        ApiError::Conflict(format!(
            "{} can no longer be priced with the price book in force today: {} Please contact us to have it corrected.",
            self.name,
            e.message()
        ))
    }

    /// The stored coverage as a record, or `None` without an SMA. Rows written before the
    /// renewal engine existed lack `renews_on`: it is the end of the term containing today
    /// then; a cancelled SMA without `ends_on` ends where its cancellation ends it.
    pub fn coverage_record(&self, today: NaiveDate) -> Result<Option<CoverageRecord>, ApiError> {
        let Some(start) = self.sma_start.as_deref() else {
            return Ok(None);
        };
        let term =
            TermYears::try_from(self.term_years.unwrap_or(1)).map_err(|e| self.corrupt(e))?;
        let term_from = u32::try_from(self.term_from.unwrap_or(1)).map_err(|e| self.corrupt(e))?;
        let contract = SmaContract::continuing(self.date(start)?, term, term_from);
        let renews_on = self
            .opt_date(self.renews_on.as_deref())?
            .unwrap_or_else(|| contract.next_renewal(today).date);
        let cancelled_on = self.opt_date(self.cancelled_on.as_deref())?;
        let auto_renew = self.auto_renews();
        let ends_on = match (
            self.opt_date(self.ends_on.as_deref())?,
            auto_renew,
            cancelled_on,
        ) {
            (Some(end), _, _) => Some(end),
            (None, true, _) => None,
            (None, false, Some(received)) => Some(contract.cancel(received).coverage_ends),
            (None, false, None) => Some(contract.next_renewal(today).date),
        };
        Ok(Some(CoverageRecord {
            start: contract.start(),
            term,
            term_from: term_from.max(1),
            renews_on,
            auto_renew,
            cancelled_on,
            ends_on,
        }))
    }

    /// The coverage as far as downloads are concerned (pricing.md section 7): the legacy
    /// Maintenance Contract's while it matters (section 9), else the SMA's.
    pub fn download_coverage(&self, today: NaiveDate) -> Result<Coverage, ApiError> {
        let has_sma = self.sma_start.is_some();
        if let Some(c) = self
            .legacy_record()?
            .and_then(|r| r.download_coverage(has_sma, today))
        {
            return Ok(c);
        }
        Ok(Coverage::of_record(
            self.coverage_record(today)?.as_ref(),
            today,
        ))
    }

    /// The installation as the pricing code sees it on `today`.
    /// 409 `conflict` when its configuration no longer prices.
    pub fn state(&self, today: NaiveDate) -> Result<InstallationState, ApiError> {
        Ok(InstallationState {
            config: self.configuration(today)?.map_err(|e| self.unpriced(&e))?,
            licence_date: self.licence()?,
            initial_value: Money::parse(&self.initial_value)
                .ok_or_else(|| self.corrupt("initial value is not an amount"))?,
            coverage: self.coverage_record(today)?,
        })
    }

    /// What the renewal engine decides on for `coverage`, the stored coverage of this row.
    pub fn engine_state(&self, coverage: CoverageRecord) -> Result<EngineState, ApiError> {
        Ok(EngineState {
            coverage,
            lapsed: self.lapsed.unwrap_or(0) != 0,
            reminded_deadline: self.opt_date(self.reminded_deadline.as_deref())?,
        })
    }

    /// The SMA on `today` from the stored coverage (status `lapsed` once its end has come),
    /// and whether the installation prices: one that no longer does shows its coverage
    /// without a renewal price, and why.
    fn sma(&self, today: NaiveDate) -> Result<(InstallationSma, InstallationPricing), ApiError> {
        let record = self.coverage_record(today)?;
        // After a switch the SMA covers from the contract's end: it is shown as on that day.
        let on = self
            .legacy_record()?
            .map_or(today, |r| r.sma_view_date(today));
        let summary = self.configuration(today)?.and_then(|config| {
            record
                .map(|r| r.summary(PriceBooks::demo(), &config, on))
                .transpose()
        });
        Ok(match (summary, record) {
            (Ok(summary), _) => (
                summary.map_or(InstallationSma::NONE, InstallationSma::from),
                InstallationPricing::Priced,
            ),
            (Err(e), record) => (
                record.map_or(InstallationSma::NONE, |r| r.unpriced_summary(today).into()),
                InstallationPricing::Unpriced {
                    reason: e.message(),
                },
            ),
        })
    }

    /// The installation as the API shows it on `today`.
    pub fn view(&self, today: NaiveDate) -> Result<Installation, ApiError> {
        let (sma, pricing) = self.sma(today)?;
        Ok(Installation {
            cameras: u32::try_from(self.cameras).map_err(|e| self.corrupt(e))?,
            licence_date: self.licence()?,
            id: self.id.clone(),
            name: self.name.clone(),
            licence_number: self
                .licence_number
                .as_deref()
                .map(LicenceNumber::parse)
                .transpose()
                .map_err(|e| self.corrupt(e))?,
            edition: self.edition.clone(),
            modules: self.modules()?,
            installed_version: self.installed_version.clone(),
            sma,
            pricing,
            legacy: self
                .legacy_record()?
                .and_then(|r| r.summary(self.sma_start.is_some(), today)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::{covered, day, row, under_contract};
    use sma_shared::lifecycle::SmaStatus;

    const TODAY: &str = "2026-11-28";

    #[test]
    fn a_contract_shows_its_frozen_fee_basis_and_covers_releases_up_to_its_last_day() {
        let r = under_contract();
        let v = r.view(day("2027-04-15")).unwrap();
        assert_eq!(v.sma, InstallationSma::NONE);
        let legacy = v.legacy.unwrap();
        assert_eq!(legacy.term_end, day("2027-05-31"));
        assert_eq!(legacy.annual_fee, Money::parse("440.00").unwrap());
        assert_eq!(
            r.download_coverage(day("2027-04-15")).unwrap(),
            Coverage::Until(day("2027-05-31"))
        );
        assert_eq!(v.coverage(), Coverage::Until(day("2027-05-31")));
    }

    #[test]
    fn a_row_without_an_sma_has_no_coverage_and_shows_status_none() {
        let r = row();
        assert_eq!(r.coverage_record(day(TODAY)).unwrap(), None);
        assert_eq!(r.download_coverage(day(TODAY)).unwrap(), Coverage::None);
        assert_eq!(r.view(day(TODAY)).unwrap().sma, InstallationSma::NONE);
    }

    #[test]
    fn the_view_shows_the_stored_configuration_in_the_quote_shape() {
        let v = covered().view(day(TODAY)).unwrap();
        assert_eq!(
            (v.id.as_str(), v.edition.as_str(), v.cameras),
            ("ins_berlin", "probox", 12)
        );
        assert_eq!(
            v.modules,
            vec![ModuleQty::new("client", 1), ModuleQty::new("storage", 1)]
        );
        assert_eq!(v.licence_date, day("2026-03-10"));
        assert_eq!(v.installed_version.as_deref(), Some("6.1.2"));
        assert_eq!(
            v.licence_number.map(|n| n.to_string()).as_deref(),
            Some("SMA-E2W8-25HH-2")
        );
    }

    #[test]
    fn a_running_sma_is_active_until_the_day_before_its_stored_anniversary() {
        let r = covered();
        let record = r.coverage_record(day(TODAY)).unwrap().unwrap();
        assert_eq!(
            (record.start, record.renews_on),
            (day("2026-03-10"), day("2027-03-10"))
        );
        assert!(record.auto_renew && record.ends_on.is_none());
        assert_eq!(r.download_coverage(day(TODAY)).unwrap(), Coverage::Running);
        let sma = r.view(day(TODAY)).unwrap().sma;
        assert_eq!(sma.status, SmaStatus::Active);
        assert_eq!(sma.term_end, Some(day("2027-03-09")));
        assert!(sma.renewal_price.is_some());
    }

    #[test]
    fn a_row_from_before_the_engine_renews_at_the_end_of_the_term_containing_today() {
        let r = InstallationRow {
            renews_on: None,
            ..covered()
        };
        let record = r.coverage_record(day(TODAY)).unwrap().unwrap();
        assert_eq!(record.renews_on, day("2027-03-10"));
    }

    #[test]
    fn a_cancelled_sma_without_a_stored_end_ends_where_its_cancellation_ends_it() {
        let r = InstallationRow {
            auto_renew: Some(0),
            cancelled_on: Some("2026-11-20".into()),
            ..covered()
        };
        let record = r.coverage_record(day(TODAY)).unwrap().unwrap();
        let contract = SmaContract::continuing(day("2026-03-10"), TermYears::One, 1);
        let ends = contract.cancel(day("2026-11-20")).coverage_ends;
        assert_eq!(record.ends_on, Some(ends));
        assert_eq!(
            r.download_coverage(day(TODAY)).unwrap(),
            Coverage::ending_at(ends)
        );
    }

    #[test]
    fn a_stored_end_is_kept_and_is_lapsed_once_it_has_come() {
        let r = InstallationRow {
            auto_renew: Some(0),
            ends_on: Some("2026-09-01".into()),
            ..covered()
        };
        let record = r.coverage_record(day(TODAY)).unwrap().unwrap();
        assert_eq!(record.ends_on, Some(day("2026-09-01")));
        assert_eq!(r.view(day(TODAY)).unwrap().sma.status, SmaStatus::Lapsed);
    }

    #[test]
    fn the_pricing_state_carries_the_licence_value_and_the_coverage() {
        let st = covered().state(day(TODAY)).unwrap();
        assert_eq!(st.licence_date, day("2026-03-10"));
        assert_eq!(st.initial_value, Money::parse("2418.00").unwrap());
        assert_eq!(st.config.cameras(), 12);
        assert!(st.coverage.is_some());
    }

    #[test]
    fn the_engine_state_carries_the_lapse_flag_and_the_last_reminder() {
        let r = InstallationRow {
            lapsed: Some(1),
            reminded_deadline: Some("2027-02-08".into()),
            ..covered()
        };
        let record = r.coverage_record(day(TODAY)).unwrap().unwrap();
        let engine = r.engine_state(record).unwrap();
        assert!(engine.lapsed);
        assert_eq!(engine.reminded_deadline, Some(day("2027-02-08")));
    }

    #[test]
    fn an_installation_that_no_longer_prices_is_shown_with_its_coverage_and_why() {
        let gone = InstallationRow {
            edition: "legacy".into(),
            ..covered()
        };
        let v = gone.view(day(TODAY)).unwrap();
        let InstallationPricing::Unpriced { reason } = &v.pricing else {
            panic!("{:?}", v.pricing)
        };
        assert!(reason.contains("legacy"), "{reason}");
        assert_eq!(v.sma.status, SmaStatus::Active);
        assert_eq!(v.sma.term_end, Some(day("2027-03-09")));
        assert_eq!(v.sma.renewal_price, None);
        assert_eq!(
            covered().view(day(TODAY)).unwrap().pricing,
            InstallationPricing::Priced
        );
        let without_sma = InstallationRow {
            modules: r#"[{"sku":"archive","qty":1}]"#.into(),
            ..row()
        };
        let v = without_sma.view(day(TODAY)).unwrap();
        assert!(matches!(v.pricing, InstallationPricing::Unpriced { .. }));
        assert_eq!(v.sma, InstallationSma::NONE);
    }

    #[test]
    fn a_quote_or_order_on_an_installation_that_no_longer_prices_is_a_conflict() {
        let gone = InstallationRow {
            cameras: 40,
            ..covered()
        };
        let e = gone.state(day(TODAY)).unwrap_err();
        assert_eq!((e.status(), e.code()), (409, "conflict"));
        assert!(
            e.to_string()
                .starts_with("Store Berlin Mitte can no longer be priced"),
            "{e}"
        );
    }

    #[test]
    fn a_column_not_of_its_stored_form_is_an_internal_error_naming_the_installation() {
        let bad_date = InstallationRow {
            renews_on: Some("10.03.2027".into()),
            ..covered()
        };
        let e = bad_date.coverage_record(day(TODAY)).unwrap_err();
        assert_eq!(e.status(), 500);
        assert!(e
            .log_detail()
            .unwrap()
            .starts_with("installation ins_berlin: "));
        let bad_modules = InstallationRow {
            modules: "client".into(),
            ..row()
        };
        assert_eq!(bad_modules.view(day(TODAY)).unwrap_err().status(), 500);
        let bad_value = InstallationRow {
            initial_value: "a lot".into(),
            ..row()
        };
        assert_eq!(bad_value.state(day(TODAY)).unwrap_err().status(), 500);
    }
}
