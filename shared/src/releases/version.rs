//! Release versions: semantic versions in semver order.

use serde::{Deserialize, Serialize};
use std::{cmp::Ordering, fmt, str::FromStr};

/// A semantic version (`5.10.0`, `6.0.0-beta.1`), ordered as semver orders it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Version {
    /// Major number.
    pub major: u32,
    /// Minor number.
    pub minor: u32,
    /// Patch number.
    pub patch: u32,
    /// Pre-release identifiers (`["beta", "1"]`), empty for a final release.
    pub pre: Vec<String>,
}

/// Why a text is not a version.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a version like 5.10.0 or 6.0.0-beta.1.")]
pub struct VersionError(pub String);

impl Version {
    /// Parses `MAJOR.MINOR.PATCH[-PRE]` (no leading zeros, no build metadata).
    pub fn parse(text: &str) -> Result<Self, VersionError> {
        let err = || VersionError(text.to_owned());
        let (core, pre) = match text.split_once('-') {
            Some((c, p)) => (c, Some(p)),
            None => (text, None),
        };
        let nums: Vec<u32> = core
            .split('.')
            .map(|n| {
                let ok = !n.is_empty()
                    && n.bytes().all(|b| b.is_ascii_digit())
                    && (n == "0" || !n.starts_with('0'));
                if ok {
                    n.parse().map_err(|_| err())
                } else {
                    Err(err())
                }
            })
            .collect::<Result<_, _>>()?;
        let [major, minor, patch] = nums[..] else {
            return Err(err());
        };
        let pre = match pre {
            None => Vec::new(),
            Some(p) => {
                let ids: Vec<String> = p.split('.').map(str::to_owned).collect();
                let valid =
                    |id: &String| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric());
                if !ids.iter().all(valid) {
                    return Err(err());
                }
                ids
            }
        };
        Ok(Self {
            major,
            minor,
            patch,
            pre,
        })
    }

    /// Whether this is a pre-release (beta).
    pub fn is_pre_release(&self) -> bool {
        !self.pre.is_empty()
    }

    /// A text that sorts like the version (for an SQL `ORDER BY`): numbers zero-padded, a final
    /// release after its pre-releases.
    pub fn sort_key(&self) -> String {
        let mut key = format!("{:06}.{:06}.{:06}", self.major, self.minor, self.patch);
        if self.pre.is_empty() {
            key.push('~');
        } else {
            for id in &self.pre {
                key.push('-');
                match id.parse::<u32>() {
                    Ok(n) => key.push_str(&format!("{n:06}")),
                    Err(_) => {
                        key.push('~');
                        key.push_str(id);
                    }
                }
            }
        }
        key
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            .then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => cmp_pre(&self.pre, &other.pre),
            })
    }
}

fn cmp_pre(a: &[String], b: &[String]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        let ord = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(m), Ok(n)) => m.cmp(&n),
            (Ok(_), Err(_)) => Ordering::Less,
            (Err(_), Ok(_)) => Ordering::Greater,
            (Err(_), Err(_)) => x.cmp(y),
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    a.len().cmp(&b.len())
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        if !self.pre.is_empty() {
            write!(f, "-{}", self.pre.join("."))?;
        }
        Ok(())
    }
}

impl FromStr for Version {
    type Err = VersionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for Version {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn five_ten_comes_after_five_nine_two() {
        assert!(v("5.10.0") > v("5.9.2"));
        assert!(v("5.10.0").sort_key() > v("5.9.2").sort_key());
    }

    #[test]
    fn a_final_release_comes_after_its_betas() {
        assert!(v("6.0.0") > v("6.0.0-beta.1"));
        assert!(v("6.0.0-beta.2") > v("6.0.0-beta.1"));
        assert!(v("6.0.0-beta.10") > v("6.0.0-beta.2"));
        assert!(v("6.0.0").sort_key() > v("6.0.0-beta.1").sort_key());
        assert!(v("6.0.0-beta.10").sort_key() > v("6.0.0-beta.2").sort_key());
        assert!(v("6.0.0-beta.1") > v("5.10.0"));
    }

    #[test]
    fn sort_keys_order_like_versions() {
        let mut vs: Vec<Version> = [
            "5.9.2",
            "5.10.0",
            "6.0.0-beta.1",
            "5.0.0",
            "6.0.0",
            "6.0.0-rc.1",
            "6.0.0-beta.2",
            "10.0.0",
        ]
        .map(v)
        .to_vec();
        let mut by_key = vs.clone();
        vs.sort();
        by_key.sort_by_key(Version::sort_key);
        assert_eq!(vs, by_key);
    }

    #[test]
    fn non_versions_are_refused() {
        for bad in [
            "",
            "5",
            "5.1",
            "5.1.x",
            "05.1.0",
            "5.1.0-",
            "5.1.0-beta..1",
            "latest",
            "5.1.0.1",
        ] {
            assert!(Version::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(v("6.0.0-beta.1").to_string(), "6.0.0-beta.1");
    }
}
