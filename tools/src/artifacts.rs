//! Demo artifacts: deterministic bytes for the artifacts of the repository's releases,
//! generated once into a cache folder. The release files record the SHA-256 of each file at
//! its full size; locally, a file above [`STAND_IN_SIZE`] is published as a stand-in of that
//! size (with its own size and checksum) unless it is asked for in full, so that a first
//! `make dev` generates and uploads tens of megabytes instead of a gigabyte.

use sha2::{Digest, Sha256};
use sma_shared::releases::{Artifact, Release};
use std::{
    fs,
    io::{BufWriter, Write},
    path::{Path, PathBuf},
};

/// The size of a stand-in for a larger demo artifact (1 MiB).
pub const STAND_IN_SIZE: u64 = 1024 * 1024;

/// A generated artifact file and its checksum.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Where the file is.
    pub path: PathBuf,
    /// Lower-case hex SHA-256 of its bytes.
    pub sha256: String,
}

/// The first bytes of a file of this kind, so that the demo files look like what they are.
fn header(a: &Artifact) -> Vec<u8> {
    let text = format!("demo artifact {} ({}, {})\n", a.name, a.kind, a.platform);
    let mut h = match a.kind.as_str() {
        "notes" => b"%PDF-1.4\n% ".to_vec(),
        _ if a.name.ends_with(".exe") => b"MZ".to_vec(),
        _ => Vec::new(),
    };
    h.extend_from_slice(text.as_bytes());
    h
}

/// Writes `size` deterministic bytes for `a` into `w`, returning their SHA-256.
pub fn generate(a: &Artifact, size: u64, mut w: impl Write) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    let mut remaining = size;
    let mut head = header(a);
    head.truncate(usize::try_from(size).unwrap_or(usize::MAX));
    w.write_all(&head)?;
    hasher.update(&head);
    remaining -= head.len() as u64;
    // xorshift64* seeded by the artifact id: the same id gives the same bytes everywhere.
    let mut state = a.id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    }) | 1;
    let mut buf = vec![0u8; 64 * 1024];
    while remaining > 0 {
        for chunk in buf.chunks_exact_mut(8) {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            chunk.copy_from_slice(&state.wrapping_mul(0x2545_f491_4f6c_dd1d).to_le_bytes());
        }
        let n = usize::try_from(remaining.min(buf.len() as u64)).unwrap_or(buf.len());
        w.write_all(&buf[..n])?;
        hasher.update(&buf[..n]);
        remaining -= n as u64;
    }
    w.flush()?;
    Ok(hex(&hasher.finalize()))
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Generates `size` bytes of `a` into `cache` unless that file is there already.
pub fn ensure(a: &Artifact, size: u64, cache: &Path) -> Result<Generated, String> {
    let path = cache.join(format!("{}-{size}.bin", a.id));
    let sum_path = path.with_extension("sha256");
    if let (Ok(meta), Ok(sum)) = (fs::metadata(&path), fs::read_to_string(&sum_path)) {
        if meta.len() == size && sum.trim().len() == 64 {
            return Ok(Generated {
                path,
                sha256: sum.trim().to_owned(),
            });
        }
    }
    fs::create_dir_all(cache).map_err(|e| format!("{}: {e}", cache.display()))?;
    let tmp = path.with_extension("part");
    let file = fs::File::create(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    let sha256 =
        generate(a, size, BufWriter::new(file)).map_err(|e| format!("{}: {e}", tmp.display()))?;
    fs::rename(&tmp, &path).map_err(|e| e.to_string())?;
    fs::write(&sum_path, &sha256).map_err(|e| e.to_string())?;
    Ok(Generated { path, sha256 })
}

/// Which demo artifacts are generated at their full size: the ids given, where `largest`
/// stands for the largest artifact of the newest final release (not a beta).
#[derive(Debug, Clone, Default)]
pub struct FullSize(Vec<String>);

impl FullSize {
    /// From a comma-separated list of artifact ids (and `largest`), resolved against
    /// `releases` (oldest first); an id no release has is refused.
    pub fn parse(list: &str, releases: &[Release]) -> Result<FullSize, String> {
        let mut ids = Vec::new();
        for id in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            if id == "largest" {
                let newest = releases
                    .iter()
                    .rev()
                    .find(|r| !r.version.is_pre_release())
                    .ok_or("there is no final release")?;
                let largest = newest.artifacts.iter().max_by_key(|a| a.size);
                ids.extend(largest.map(|a| a.id.clone()));
            } else if releases
                .iter()
                .flat_map(|r| &r.artifacts)
                .any(|a| a.id == id)
            {
                ids.push(id.to_owned());
            } else {
                return Err(format!("--full-size: no release has an artifact {id}"));
            }
        }
        Ok(FullSize(ids))
    }

    /// Whether `a` is generated at its full size.
    pub fn covers(&self, a: &Artifact) -> bool {
        a.size <= STAND_IN_SIZE || self.0.contains(&a.id)
    }
}

/// The demo file of `a` (generated into `cache` if needed), and the artifact as it is
/// published locally: as recorded when it is generated at full size, else a stand-in of
/// [`STAND_IN_SIZE`] bytes with that size and checksum.
pub fn demo(a: &Artifact, full: &FullSize, cache: &Path) -> Result<(PathBuf, Artifact), String> {
    let size = if full.covers(a) {
        a.size
    } else {
        STAND_IN_SIZE
    };
    let generated = ensure(a, size, cache)?;
    let published = Artifact {
        size,
        sha256: generated.sha256,
        ..a.clone()
    };
    Ok((generated.path, published))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn artifact(id: &str, size: u64) -> Artifact {
        Artifact {
            id: id.into(),
            name: "x.exe".into(),
            platform: "windows-x64".into(),
            kind: "installer".into(),
            size,
            sha256: String::new(),
        }
    }

    #[test]
    fn the_same_artifact_always_has_the_same_bytes_and_size() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let server = artifact("5.0.0-server", 100_003);
        let sa = generate(&server, 100_003, &mut a).unwrap();
        let sb = generate(&server, 100_003, &mut b).unwrap();
        assert_eq!(a.len(), 100_003);
        assert_eq!((a, sa.clone()), (b, sb));
        let mut c = Vec::new();
        assert_ne!(
            generate(&artifact("5.0.1-server", 100_003), 100_003, &mut c).unwrap(),
            sa
        );
        assert!(c.starts_with(b"MZ"));
    }

    #[test]
    fn the_checksum_is_the_sha256_of_the_bytes() {
        let mut bytes = Vec::new();
        let sum = generate(&artifact("a", 5000), 5000, &mut bytes).unwrap();
        assert_eq!(sum, hex(&Sha256::digest(&bytes)));
    }

    #[test]
    fn the_repository_records_the_checksums_of_the_demo_files() {
        // The files small enough to generate here; the large ones are checked when the e2e
        // server publishes them at full size.
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../releases");
        let mut checked = 0;
        for release in crate::releases::read_dir(&dir).unwrap() {
            for a in release.artifacts.iter().filter(|a| a.size <= STAND_IN_SIZE) {
                let sum = generate(a, a.size, std::io::sink()).unwrap();
                assert_eq!(sum, a.sha256, "{} of {}", a.id, release.version);
                checked += 1;
            }
        }
        assert!(checked >= 15, "{checked}");
    }

    #[test]
    fn large_files_become_stand_ins_unless_asked_for_in_full() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../releases");
        let releases = crate::releases::read_dir(&dir).unwrap();
        let newest = releases
            .iter()
            .rev()
            .find(|r| !r.version.is_pre_release())
            .unwrap();
        let largest = newest.artifacts.iter().max_by_key(|a| a.size).unwrap();
        assert_eq!(largest.id, "6.1.2-server");
        let full = FullSize::parse("largest, 5.10.0-server", &releases).unwrap();
        assert!(full.covers(largest));
        assert!(full.covers(&artifact("5.10.0-server", 40_960_000)));
        assert!(!full.covers(&artifact("5.9.2-server", 40_960_000)));
        assert!(full.covers(&artifact("5.9.2-notes", 300_000)));
        assert!(!FullSize::default().covers(largest));
        assert!(FullSize::parse("9.9.9-server", &releases).is_err());
    }

    #[test]
    fn a_stand_in_has_its_own_size_and_checksum_and_the_rest_of_the_record() {
        let cache = std::env::temp_dir().join(format!("sma-demo-{}", std::process::id()));
        let big = Artifact {
            sha256: "ab".repeat(32),
            ..artifact("t-server", 3 * STAND_IN_SIZE)
        };
        let (path, published) = demo(&big, &FullSize::default(), &cache).unwrap();
        assert_eq!(published.size, STAND_IN_SIZE);
        assert_eq!(fs::metadata(&path).unwrap().len(), STAND_IN_SIZE);
        assert_ne!(published.sha256, big.sha256);
        assert_eq!((published.id, published.name), (big.id, big.name));
        fs::remove_dir_all(&cache).ok();
    }
}
