//! Demo artifacts: deterministic content of the declared size, generated once into a cache
//! folder, with its SHA-256.

use crate::releases::ArtifactSpec;
use sha2::{Digest, Sha256};
use std::{
    fs,
    io::{BufWriter, Write},
    path::{Path, PathBuf},
};

/// A generated artifact file and its checksum.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Where the file is.
    pub path: PathBuf,
    /// Lower-case hex SHA-256 of its bytes.
    pub sha256: String,
}

/// The first bytes of a file of this kind, so that the demo files look like what they are.
fn header(spec: &ArtifactSpec) -> Vec<u8> {
    let text = format!(
        "demo artifact {} ({}, {})\n",
        spec.name, spec.kind, spec.platform
    );
    let mut h = match spec.kind.as_str() {
        "notes" => b"%PDF-1.4\n% ".to_vec(),
        _ if spec.name.ends_with(".exe") => b"MZ".to_vec(),
        _ => Vec::new(),
    };
    h.extend_from_slice(text.as_bytes());
    h
}

/// Writes `size` deterministic bytes for `spec` into `w`, returning their SHA-256.
pub fn generate(spec: &ArtifactSpec, mut w: impl Write) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    let mut remaining = spec.size;
    let mut head = header(spec);
    head.truncate(usize::try_from(spec.size).unwrap_or(usize::MAX));
    w.write_all(&head)?;
    hasher.update(&head);
    remaining -= head.len() as u64;
    // xorshift64* seeded by the artifact id: the same id gives the same bytes everywhere.
    let mut state = spec.id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
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

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Generates the artifact into `cache` unless a file of that id and size is already there.
pub fn ensure(spec: &ArtifactSpec, cache: &Path) -> Result<Generated, String> {
    let path = cache.join(format!("{}-{}.bin", spec.id, spec.size));
    let sum_path = path.with_extension("sha256");
    if let (Ok(meta), Ok(sum)) = (fs::metadata(&path), fs::read_to_string(&sum_path)) {
        if meta.len() == spec.size && sum.trim().len() == 64 {
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
        generate(spec, BufWriter::new(file)).map_err(|e| format!("{}: {e}", tmp.display()))?;
    fs::rename(&tmp, &path).map_err(|e| e.to_string())?;
    fs::write(&sum_path, &sha256).map_err(|e| e.to_string())?;
    Ok(Generated { path, sha256 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(id: &str, size: u64) -> ArtifactSpec {
        ArtifactSpec {
            id: id.into(),
            name: "x.exe".into(),
            platform: "windows-x64".into(),
            kind: "installer".into(),
            size,
        }
    }

    #[test]
    fn the_same_artifact_always_has_the_same_bytes_and_size() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let sa = generate(&spec("5.0.0-server", 100_003), &mut a).unwrap();
        let sb = generate(&spec("5.0.0-server", 100_003), &mut b).unwrap();
        assert_eq!(a.len(), 100_003);
        assert_eq!((a, sa.clone()), (b, sb));
        let mut c = Vec::new();
        assert_ne!(
            generate(&spec("5.0.1-server", 100_003), &mut c).unwrap(),
            sa
        );
        assert!(c.starts_with(b"MZ"));
    }

    #[test]
    fn the_checksum_is_the_sha256_of_the_bytes() {
        let mut bytes = Vec::new();
        let sum = generate(&spec("a", 5000), &mut bytes).unwrap();
        assert_eq!(sum, hex(&Sha256::digest(&bytes)));
    }
}
