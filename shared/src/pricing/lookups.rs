//! What a price book answers about its editions and modules by their codes: an edition's name
//! and rank, the editions an edition can be upgraded to, the editions that can have a module,
//! the smallest edition that allows a number of cameras. The calculator and the portal ask
//! these questions with the codes they hold (from the URL or the API); unknown codes are not
//! an error here, the pricing functions report them.

use chrono::NaiveDate;

use super::{Edition, Module, PriceBook, PriceBooks};

impl PriceBook {
    /// The edition with the code `code` (as text).
    pub fn edition_by_code(&self, code: &str) -> Option<&Edition> {
        self.editions().iter().find(|e| e.code.as_str() == code)
    }

    /// The module (or the camera channel) with the sku `sku` (as text).
    pub fn module_by_sku(&self, sku: &str) -> Option<&Module> {
        self.modules().iter().find(|m| m.sku.as_str() == sku)
    }

    /// The position of the module `sku` in the book's order.
    pub fn module_index(&self, sku: &str) -> Option<usize> {
        self.modules().iter().position(|m| m.sku.as_str() == sku)
    }

    /// An edition's display name, or the code itself when the book lacks it.
    pub fn edition_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.edition_by_code(code).map_or(code, |e| e.name.as_str())
    }

    /// An edition's rank; 0 (below every edition) when the book lacks it.
    pub fn rank_of(&self, code: &str) -> u32 {
        self.edition_by_code(code).map_or(0, |e| e.rank)
    }

    /// Whether moving from edition `from` to edition `to` is an upgrade (`to` ranks higher).
    pub fn is_upgrade(&self, from: &str, to: &str) -> bool {
        self.rank_of(to) > self.rank_of(from)
    }

    /// The editions edition `code` can be upgraded to, lowest rank first.
    pub fn upgrades_from(&self, code: &str) -> Vec<&Edition> {
        self.editions_above(self.rank_of(code))
    }

    /// The editions that can have `module`, lowest rank first.
    pub fn editions_with(&self, module: &Module) -> Vec<&Edition> {
        let mut editions: Vec<&Edition> = self
            .editions()
            .iter()
            .filter(|e| module.price_for(&e.code).is_some())
            .collect();
        crate::sort_small_by_key(&mut editions, |e| e.rank);
        editions
    }

    /// The lowest edition above `from` that can have `module`.
    pub fn upgrade_with(&self, from: &str, module: &Module) -> Option<&Edition> {
        let rank = self.rank_of(from);
        self.editions_with(module)
            .into_iter()
            .find(|e| e.rank > rank)
    }

    /// The modules (and the camera channel) edition `code` can have, in the book's order.
    pub fn modules_for<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Module> + 'a {
        self.modules()
            .iter()
            .filter(move |m| m.prices.iter().any(|(e, _)| e.as_str() == code))
    }

    /// The smallest edition that allows `cameras`, when edition `current` does not.
    pub fn edition_for_cameras(&self, current: &str, cameras: u32) -> Option<&Edition> {
        let fits = |e: &Edition| e.max_cameras.is_none_or(|m| cameras <= m);
        let current = self.edition_by_code(current)?;
        if fits(current) {
            return None;
        }
        self.editions()
            .iter()
            .filter(|e| e.rank > current.rank && fits(e))
            .min_by_key(|e| e.rank)
    }
}

impl PriceBooks {
    /// The book in force on `date`, or the first book for a date before any (the pricing
    /// functions report that date as an error; a form still needs editions to show).
    pub fn in_force(&self, date: NaiveDate) -> &PriceBook {
        self.book_on(date).unwrap_or(&self.books()[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> &'static PriceBook {
        PriceBooks::demo().in_force(NaiveDate::from_ymd_opt(2026, 3, 10).unwrap())
    }

    fn codes(editions: &[&Edition]) -> Vec<String> {
        editions.iter().map(|e| e.code.to_string()).collect()
    }

    #[test]
    fn editions_are_found_by_their_code_and_unknown_codes_rank_below_all() {
        let b = book();
        assert_eq!(b.edition_name("professional"), "Professional");
        assert_eq!(b.edition_name("platinum"), "platinum");
        assert_eq!(b.rank_of("probox"), 1);
        assert_eq!(b.rank_of("platinum"), 0);
        assert!(b.is_upgrade("probox", "enterprise"));
        assert!(!b.is_upgrade("enterprise", "probox"));
        assert!(!b.is_upgrade("probox", "probox"));
        assert!(!b.is_upgrade("probox", ""));
    }

    #[test]
    fn an_edition_upgrades_only_to_higher_editions_lowest_first() {
        let b = book();
        assert_eq!(
            codes(&b.upgrades_from("probox")),
            ["professional", "enterprise"]
        );
        assert!(b.upgrades_from("enterprise").is_empty());
        assert_eq!(codes(&b.upgrades_from("")).len(), 3);
    }

    #[test]
    fn a_module_names_the_editions_that_can_have_it_and_the_next_one_up() {
        let b = book();
        let voip = b.module_by_sku("voip").unwrap();
        assert_eq!(
            codes(&b.editions_with(voip)),
            ["professional", "enterprise"]
        );
        assert_eq!(
            b.upgrade_with("probox", voip).map(|e| e.code.as_str()),
            Some("professional")
        );
        assert_eq!(b.upgrade_with("enterprise", voip), None);
        let probox: Vec<&str> = b.modules_for("probox").map(|m| m.sku.as_str()).collect();
        assert_eq!(probox, ["camera", "client", "storage", "pos"]);
        assert_eq!(b.module_index("client"), Some(1));
    }

    #[test]
    fn too_many_cameras_suggest_the_smallest_edition_that_fits() {
        let b = book();
        assert_eq!(
            b.edition_for_cameras("probox", 40).map(|e| e.code.as_str()),
            Some("professional")
        );
        assert_eq!(
            b.edition_for_cameras("probox", 300)
                .map(|e| e.code.as_str()),
            Some("enterprise")
        );
        assert!(b.edition_for_cameras("probox", 32).is_none());
        assert!(b.edition_for_cameras("platinum", 40).is_none());
    }

    #[test]
    fn a_date_before_every_book_falls_back_to_the_first() {
        let books = PriceBooks::demo();
        let early = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
        assert_eq!(books.in_force(early).id(), books.books()[0].id());
    }
}
