//! An in-memory Worker for the publishing tool's tests: the operator endpoints with the rules
//! of the real ones (a stored object is never replaced, bytes are checked against their
//! SHA-256, a release is recorded only when its files are stored as it records them).

use super::api::{AdminApi, Bytes, CallError};
use super::file_sha256_of;
use sma_shared::api::{
    PublishOutcome, ReleasePublished, StoredArtifact, StoredRelease, UploadedPart, Withdrawal,
    WithdrawalState,
};
use sma_shared::releases::{artifact_key, Release, Version, MIN_PART_SIZE};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;

#[derive(Default)]
struct Upload {
    key: String,
    sha256: String,
    size: u64,
    parts: BTreeMap<u16, Vec<u8>>,
}

/// The Worker's state, and every writing call it answered.
#[derive(Default)]
pub struct FakeWorker {
    objects: RefCell<HashMap<String, (Vec<u8>, String)>>,
    uploads: RefCell<HashMap<String, Upload>>,
    releases: RefCell<BTreeMap<String, (Release, Option<Withdrawal>)>>,
    /// The writing calls, e.g. `PUT releases/1.0.0/a.bin`, `PART 2 (5242880)`, `RECORD 1.0.0`.
    pub writes: RefCell<Vec<String>>,
}

fn refused(status: u16, code: &str, message: &str) -> CallError {
    CallError::Refused {
        status,
        code: code.into(),
        message: message.into(),
        field: None,
    }
}

fn read(bytes: Bytes<'_>) -> Result<Vec<u8>, CallError> {
    let mut out = Vec::new();
    bytes
        .reader()?
        .read_to_end(&mut out)
        .map_err(|e| CallError::Transport(e.to_string()))?;
    Ok(out)
}

impl FakeWorker {
    /// What is stored under a key: its bytes.
    pub fn object(&self, key: &str) -> Option<Vec<u8>> {
        self.objects.borrow().get(key).map(|(b, _)| b.clone())
    }

    /// The recorded release of a version.
    pub fn release(&self, version: &str) -> Option<Release> {
        self.releases.borrow().get(version).map(|(r, _)| r.clone())
    }

    /// Stores bytes under a key behind the tool's back.
    pub fn store(&self, key: &str, bytes: &[u8]) {
        let sha = file_sha256_of(bytes);
        self.objects
            .borrow_mut()
            .insert(key.into(), (bytes.to_vec(), sha));
    }

    fn write(&self, text: String) {
        self.writes.borrow_mut().push(text);
    }
}

impl AdminApi for FakeWorker {
    fn artifact(&self, version: &Version, name: &str) -> Result<Option<StoredArtifact>, CallError> {
        let key = artifact_key(version, name);
        Ok(self
            .objects
            .borrow()
            .get(&key)
            .map(|(b, sha)| StoredArtifact {
                key: key.clone(),
                size: b.len() as u64,
                sha256: Some(sha.clone()),
            }))
    }

    fn put_artifact(
        &self,
        version: &Version,
        name: &str,
        bytes: Bytes<'_>,
        sha256: &str,
    ) -> Result<StoredArtifact, CallError> {
        let key = artifact_key(version, name);
        let body = read(bytes)?;
        if let Some((_, stored)) = self.objects.borrow().get(&key) {
            return if stored == sha256 {
                Ok(StoredArtifact {
                    key,
                    size: body.len() as u64,
                    sha256: Some(stored.clone()),
                })
            } else {
                Err(refused(409, "conflict", "stored already with other bytes"))
            };
        }
        if file_sha256_of(&body) != sha256 {
            return Err(refused(
                422,
                "checksum_mismatch",
                "not the declared SHA-256",
            ));
        }
        self.write(format!("PUT {key}"));
        self.store(&key, &body);
        Ok(StoredArtifact {
            key,
            size: body.len() as u64,
            sha256: Some(sha256.into()),
        })
    }

    fn start_upload(
        &self,
        version: &Version,
        name: &str,
        sha256: &str,
        size: u64,
    ) -> Result<String, CallError> {
        let key = artifact_key(version, name);
        if self.objects.borrow().contains_key(&key) {
            return Err(refused(409, "conflict", "stored already"));
        }
        let id = format!("upload-{}", self.uploads.borrow().len() + 1);
        self.write(format!("START {key}"));
        self.uploads.borrow_mut().insert(
            id.clone(),
            Upload {
                key,
                sha256: sha256.into(),
                size,
                parts: BTreeMap::new(),
            },
        );
        Ok(id)
    }

    fn put_part(
        &self,
        _version: &Version,
        _name: &str,
        upload_id: &str,
        number: u16,
        bytes: Bytes<'_>,
    ) -> Result<UploadedPart, CallError> {
        let body = read(bytes)?;
        let mut uploads = self.uploads.borrow_mut();
        let upload = uploads
            .get_mut(upload_id)
            .ok_or_else(|| refused(404, "not_found", "no upload"))?;
        self.write(format!("PART {number} ({})", body.len()));
        upload.parts.insert(number, body);
        Ok(UploadedPart {
            part: number,
            etag: format!("etag-{number}"),
        })
    }

    fn complete(
        &self,
        _version: &Version,
        _name: &str,
        upload_id: &str,
        parts: Vec<UploadedPart>,
    ) -> Result<StoredArtifact, CallError> {
        let upload = self
            .uploads
            .borrow_mut()
            .remove(upload_id)
            .ok_or_else(|| refused(404, "not_found", "no upload"))?;
        let sizes: Vec<usize> = upload.parts.values().map(Vec::len).collect();
        if sizes[..sizes.len() - 1]
            .iter()
            .any(|&n| (n as u64) < MIN_PART_SIZE)
        {
            return Err(refused(422, "upload_rejected", "a part is too small"));
        }
        let whole: Vec<u8> = parts
            .iter()
            .flat_map(|p| upload.parts[&p.part].clone())
            .collect();
        if whole.len() as u64 != upload.size || file_sha256_of(&whole) != upload.sha256 {
            return Err(refused(
                422,
                "checksum_mismatch",
                "not the declared SHA-256",
            ));
        }
        self.write(format!("COMPLETE {}", upload.key));
        self.store(&upload.key, &whole);
        Ok(StoredArtifact {
            key: upload.key,
            size: upload.size,
            sha256: Some(upload.sha256),
        })
    }

    fn abort(&self, _version: &Version, _name: &str, upload_id: &str) -> Result<(), CallError> {
        self.uploads.borrow_mut().remove(upload_id);
        Ok(())
    }

    fn publish(&self, release: &Release, dry_run: bool) -> Result<ReleasePublished, CallError> {
        let v = release.version.to_string();
        let (outcome, withdrawn) = match self.releases.borrow().get(&v) {
            None => (PublishOutcome::Created, false),
            Some((r, w)) if r == release => (PublishOutcome::Unchanged, w.is_some()),
            Some((_, w)) => (PublishOutcome::Updated, w.is_some()),
        };
        if !dry_run && outcome != PublishOutcome::Unchanged {
            for a in &release.artifacts {
                match self
                    .objects
                    .borrow()
                    .get(&artifact_key(&release.version, &a.name))
                {
                    Some((b, sha)) if b.len() as u64 == a.size && *sha == a.sha256 => {}
                    _ => return Err(refused(422, "artifact_missing", "not stored as recorded")),
                }
            }
            self.write(format!("RECORD {v}"));
            let kept = self.releases.borrow().get(&v).and_then(|(_, w)| w.clone());
            self.releases
                .borrow_mut()
                .insert(v, (release.clone(), kept));
        }
        Ok(ReleasePublished {
            version: release.version.clone(),
            outcome,
            withdrawn,
            dry_run,
        })
    }

    fn releases(&self) -> Result<Vec<StoredRelease>, CallError> {
        Ok(self
            .releases
            .borrow()
            .values()
            .map(|(r, w)| StoredRelease {
                version: r.version.clone(),
                date: r.date,
                channel: r.channel,
                artifacts: r.artifacts.len(),
                withdrawn: w.clone(),
            })
            .collect())
    }

    fn withdraw(&self, version: &Version, reason: &str) -> Result<WithdrawalState, CallError> {
        let mut releases = self.releases.borrow_mut();
        let (_, w) = releases
            .get_mut(&version.to_string())
            .ok_or_else(|| refused(404, "not_found", "no such release"))?;
        let changed = w.is_none();
        if changed {
            *w = Some(Withdrawal {
                at: "2027-05-01T10:00:00.000Z".into(),
                by: "admin:ops".into(),
                reason: reason.into(),
            });
        }
        Ok(WithdrawalState {
            version: version.clone(),
            withdrawn: w.clone(),
            changed,
        })
    }

    fn restore(&self, version: &Version) -> Result<WithdrawalState, CallError> {
        let mut releases = self.releases.borrow_mut();
        let (_, w) = releases
            .get_mut(&version.to_string())
            .ok_or_else(|| refused(404, "not_found", "no such release"))?;
        let changed = w.take().is_some();
        Ok(WithdrawalState {
            version: version.clone(),
            withdrawn: None,
            changed,
        })
    }
}
