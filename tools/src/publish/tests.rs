//! The publishing tool against an in-memory Worker (`fake`): idempotent, a dry run that writes
//! nothing, a tampered file refused before anything is written, a large file in parts.

use super::fake::FakeWorker;
use super::{file_sha256_of, publish, withdraw, Options, Source, Summary};
use sma_shared::releases::{Version, MIN_PART_SIZE};
use std::fs;
use std::path::{Path, PathBuf};

/// A folder with `releases/` and `files/<version>/<name>` for the given files.
struct Fixture {
    root: PathBuf,
}

impl Fixture {
    fn new(name: &str) -> Fixture {
        let root = std::env::temp_dir().join(format!("sma-publish-{name}-{}", std::process::id()));
        fs::remove_dir_all(&root).ok();
        fs::create_dir_all(root.join("releases")).unwrap();
        Fixture { root }
    }

    /// A release with one artifact per `(name, bytes)`, its file written and recorded.
    fn release(&self, version: &str, files: &[(&str, Vec<u8>)]) {
        let mut text = format!(
            "+++\nversion = \"{version}\"\ndate = \"2027-05-01\"\nchannel = \"stable\"\ntitle = \"Release {version}\"\nsummary = \"Fixes.\"\n\n[compatibility]\nos = [\"Windows 11 24H2\"]\nvirus_scanners = []\ndriver_pack = \"DP 2027.05\"\n"
        );
        let dir = self.root.join("files").join(version);
        fs::create_dir_all(&dir).unwrap();
        for (i, (name, bytes)) in files.iter().enumerate() {
            fs::write(dir.join(name), bytes).unwrap();
            text.push_str(&format!(
                "\n[[artifacts]]\nid = \"{version}-{i}\"\nname = \"{name}\"\nplatform = \"any\"\nkind = \"installer\"\nsize = {}\nsha256 = \"{}\"\n",
                bytes.len(),
                file_sha256_of(bytes)
            ));
        }
        text.push_str("+++\n\n## Fixed\n- [server] A fix.\n");
        fs::write(
            self.root.join("releases").join(format!("{version}.md")),
            text,
        )
        .unwrap();
    }

    fn file(&self, version: &str, name: &str) -> PathBuf {
        self.root.join("files").join(version).join(name)
    }

    fn options(&self, dry_run: bool) -> Options {
        Options {
            releases: self.root.join("releases"),
            source: Source::Files(self.root.join("files")),
            dry_run,
            single_limit: 6 * 1024 * 1024,
            part_size: MIN_PART_SIZE,
        }
    }

    fn run(&self, worker: &FakeWorker, dry_run: bool) -> (Result<Summary, String>, String) {
        let mut out = Vec::new();
        let result = publish(&self.options(dry_run), worker, &mut out);
        (result, String::from_utf8(out).unwrap())
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        fs::remove_dir_all(&self.root).ok();
    }
}

fn bytes(n: usize, seed: u8) -> Vec<u8> {
    (0..n)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
        .collect()
}

fn two_releases(f: &Fixture) {
    f.release(
        "1.0.0",
        &[("a.exe", bytes(1000, 1)), ("notes.pdf", bytes(300, 2))],
    );
    f.release("1.1.0", &[("b.exe", bytes(2000, 3))]);
}

#[test]
fn a_second_run_changes_nothing_and_says_so() {
    let f = Fixture::new("twice");
    two_releases(&f);
    let worker = FakeWorker::default();
    let (first, _) = f.run(&worker, false);
    let first = first.unwrap();
    assert_eq!(first.created, ["1.0.0", "1.1.0"]);
    assert_eq!(first.uploaded.len(), 3);
    let writes = worker.writes.borrow().len();
    assert_eq!(writes, 5, "{:?}", worker.writes.borrow());

    let (second, text) = f.run(&worker, false);
    let second = second.unwrap();
    assert!(second.is_empty(), "{second:?}");
    assert_eq!((second.unchanged, second.stored), (2, 3));
    assert_eq!(worker.writes.borrow().len(), writes);
    assert!(
        text.contains("Nothing to change: 2 releases and 3 artifacts"),
        "{text}"
    );
}

#[test]
fn a_dry_run_lists_what_would_change_and_writes_nothing() {
    let f = Fixture::new("dry");
    two_releases(&f);
    let worker = FakeWorker::default();
    let (dry, text) = f.run(&worker, true);
    assert_eq!(dry.unwrap().created, ["1.0.0", "1.1.0"]);
    assert!(worker.writes.borrow().is_empty());
    assert!(text.contains("would upload releases/1.0.0/a.exe"), "{text}");
    assert!(text.contains("would create release 1.1.0"), "{text}");
    assert!(text.contains("Dry run: nothing was changed."), "{text}");

    f.run(&worker, false).0.unwrap();
    let (after, text) = f.run(&worker, true);
    assert!(after.unwrap().is_empty());
    assert!(!text.contains("would"), "{text}");
    assert!(text.contains("Nothing to change"), "{text}");
}

#[test]
fn a_changed_release_file_is_recorded_again_and_only_it() {
    let f = Fixture::new("update");
    two_releases(&f);
    let worker = FakeWorker::default();
    f.run(&worker, false).0.unwrap();
    let path = f.root.join("releases/1.1.0.md");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("A fix.", "A better fix.");
    fs::write(&path, text).unwrap();
    let summary = f.run(&worker, false).0.unwrap();
    assert_eq!(
        (summary.updated, summary.unchanged),
        (vec!["1.1.0".to_owned()], 1)
    );
    assert!(summary.uploaded.is_empty());
    assert_eq!(
        worker.release("1.1.0").unwrap().notes[0].text,
        "A better fix."
    );
}

#[test]
fn a_tampered_file_is_refused_and_nothing_at_all_is_written() {
    let f = Fixture::new("tampered");
    two_releases(&f);
    let mut altered = fs::read(f.file("1.1.0", "b.exe")).unwrap();
    altered[10] ^= 0xff;
    fs::write(f.file("1.1.0", "b.exe"), altered).unwrap();
    let worker = FakeWorker::default();
    let (result, text) = f.run(&worker, false);
    let e = result.unwrap_err();
    assert!(e.contains("nothing was changed"), "{e}");
    assert!(text.contains("b.exe has SHA-256"), "{text}");
    assert!(text.contains("1.1.0.md records"), "{text}");
    assert!(
        worker.writes.borrow().is_empty(),
        "{:?}",
        worker.writes.borrow()
    );
    assert_eq!(worker.release("1.0.0"), None);
}

#[test]
fn a_missing_or_truncated_file_is_refused_naming_it() {
    let f = Fixture::new("missing");
    two_releases(&f);
    fs::remove_file(f.file("1.0.0", "notes.pdf")).unwrap();
    fs::write(f.file("1.1.0", "b.exe"), bytes(10, 3)).unwrap();
    let worker = FakeWorker::default();
    let (result, text) = f.run(&worker, false);
    assert!(result.is_err());
    assert!(text.contains("notes.pdf"), "{text}");
    assert!(text.contains("b.exe has 10 bytes"), "{text}");
    assert!(worker.writes.borrow().is_empty());
}

#[test]
fn other_bytes_stored_under_the_name_are_never_replaced() {
    let f = Fixture::new("conflict");
    two_releases(&f);
    let worker = FakeWorker::default();
    worker.store("releases/1.1.0/b.exe", b"an older build");
    let (result, text) = f.run(&worker, false);
    assert!(result.is_err());
    assert!(
        text.contains("releases/1.1.0/b.exe is stored with other bytes"),
        "{text}"
    );
    assert!(text.contains("new file name"), "{text}");
    assert!(worker.writes.borrow().is_empty());
    assert_eq!(
        worker.object("releases/1.1.0/b.exe").unwrap(),
        b"an older build"
    );
}

#[test]
fn a_file_above_the_request_limit_goes_up_in_parts() {
    let f = Fixture::new("parts");
    let big = bytes(11 * 1024 * 1024 + 17, 9);
    f.release(
        "2.0.0",
        &[("server.exe", big.clone()), ("notes.pdf", bytes(500, 1))],
    );
    let worker = FakeWorker::default();
    let (summary, text) = f.run(&worker, false);
    let summary = summary.unwrap();
    assert!(
        summary
            .uploaded
            .contains(&("releases/2.0.0/server.exe".into(), big.len() as u64, 3)),
        "{summary:?}"
    );
    assert!(
        text.contains("upload releases/2.0.0/server.exe (11.5 MB, in 3 parts)"),
        "{text}"
    );
    let writes = worker.writes.borrow().clone();
    let five = MIN_PART_SIZE;
    assert_eq!(
        writes,
        [
            "START releases/2.0.0/server.exe".to_owned(),
            format!("PART 1 ({five})"),
            format!("PART 2 ({five})"),
            format!("PART 3 ({})", big.len() as u64 - 2 * five),
            "COMPLETE releases/2.0.0/server.exe".to_owned(),
            "PUT releases/2.0.0/notes.pdf".to_owned(),
            "RECORD 2.0.0".to_owned(),
        ]
    );
    assert_eq!(worker.object("releases/2.0.0/server.exe").unwrap(), big);
}

#[test]
fn the_demo_source_publishes_stand_ins_and_the_asked_for_file_in_full() {
    let f = Fixture::new("demo");
    let cache = f.root.join("cache");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../releases");
    let releases = crate::releases::read_dir(&repo).unwrap();
    let newest = releases.last().unwrap();
    fs::copy(
        repo.join(format!("{}.md", newest.version)),
        f.root
            .join("releases")
            .join(format!("{}.md", newest.version)),
    )
    .unwrap();
    let notes = newest.artifacts.iter().find(|a| a.kind == "notes").unwrap();
    let worker = FakeWorker::default();
    let options = Options {
        source: Source::Demo {
            cache,
            full_size: notes.id.clone(),
        },
        ..f.options(false)
    };
    publish(&options, &worker, &mut Vec::new()).unwrap();
    let recorded = worker.release(&newest.version.to_string()).unwrap();
    for (published, declared) in recorded.artifacts.iter().zip(&newest.artifacts) {
        if declared.size > crate::artifacts::STAND_IN_SIZE {
            assert_eq!(
                published.size,
                crate::artifacts::STAND_IN_SIZE,
                "{}",
                declared.id
            );
            assert_ne!(published.sha256, declared.sha256);
        } else {
            assert_eq!(published, declared);
        }
    }
}

#[test]
fn withdrawing_says_what_happened_and_twice_changes_nothing() {
    let f = Fixture::new("withdraw");
    two_releases(&f);
    let worker = FakeWorker::default();
    f.run(&worker, false).0.unwrap();
    let v = Version::parse("1.1.0").unwrap();
    let say = |reason: Option<&str>| {
        let mut out = Vec::new();
        withdraw(&worker, &v, reason, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    assert!(say(Some("broken installer")).starts_with("Withdrew 1.1.0 (broken installer)"));
    assert!(say(Some("again")).contains("was withdrawn already"));
    assert!(say(None).starts_with("Restored 1.1.0"));
    assert!(say(None).contains("nothing to restore"));
    let mut out = Vec::new();
    let e = withdraw(
        &worker,
        &Version::parse("9.9.9").unwrap(),
        Some("x"),
        &mut out,
    )
    .unwrap_err();
    assert!(e.contains("404"), "{e}");
}
