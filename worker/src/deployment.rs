//! Which deployment the Worker runs in, from the variable `ENVIRONMENT` (`dev` in the
//! top-level `[vars]` of wrangler.toml, `staging` and `production` in theirs). A missing or
//! unknown value counts as production: what is allowed only in local development must be
//! asked for by name.

use worker::Env;

/// The deployment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deployment {
    /// Local development and the tests (`ENVIRONMENT=dev`).
    Dev,
    /// The staging Worker.
    Staging,
    /// Production, also when `ENVIRONMENT` is missing or unknown.
    Production,
}

impl Deployment {
    /// The deployment a value of `ENVIRONMENT` names.
    pub fn parse(value: Option<&str>) -> Deployment {
        match value.map(str::trim) {
            Some("dev") => Deployment::Dev,
            Some("staging") => Deployment::Staging,
            _ => Deployment::Production,
        }
    }

    /// The deployment of this Worker.
    pub fn of(env: &Env) -> Deployment {
        Self::parse(
            env.var("ENVIRONMENT")
                .ok()
                .map(|v| v.to_string())
                .as_deref(),
        )
    }

    /// Whether operators may act ahead of time (e.g. run the renewal engine for a future day,
    /// which bills and e-mails customers early): only in local development.
    pub fn allows_future_dates(self) -> bool {
        self == Deployment::Dev
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_dev_is_development_and_anything_unknown_is_production() {
        assert_eq!(Deployment::parse(Some("dev")), Deployment::Dev);
        assert_eq!(Deployment::parse(Some("staging")), Deployment::Staging);
        for other in [
            None,
            Some(""),
            Some("Dev"),
            Some("development"),
            Some("prod"),
        ] {
            assert_eq!(
                Deployment::parse(other),
                Deployment::Production,
                "{other:?}"
            );
        }
        assert!(Deployment::Dev.allows_future_dates());
        assert!(!Deployment::Staging.allows_future_dates());
        assert!(!Deployment::Production.allows_future_dates());
    }
}
