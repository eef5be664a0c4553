//! The public answers this isolate served last, held in its memory in front of the Workers
//! cache: a hot read neither waits on the cache nor copies a body through it. Entries are keyed
//! like the Workers cache (URL, build, generation), so a newer generation never meets an older
//! entry here either; the oldest entries go first once [`MAX_ENTRIES`] or [`MAX_BYTES`] is
//! exceeded. The Wasm instance is single-threaded and no borrow is held across an `await`.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

/// At most this many answers are kept (the release list's pages and filters, the releases,
/// the feed, the catalog, the OpenAPI document).
pub const MAX_ENTRIES: usize = 64;
/// At most this many body bytes are kept (an isolate has 128 MB).
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

/// One stored answer.
#[derive(Debug, PartialEq, Eq)]
pub struct Entry {
    pub etag: String,
    pub content_type: String,
    pub body: Vec<u8>,
}

/// Answers by key, oldest first.
#[derive(Default)]
pub struct Memo {
    entries: VecDeque<(String, Rc<Entry>)>,
    bytes: usize,
}

impl Memo {
    /// The answer stored under `key`.
    pub fn get(&self, key: &str) -> Option<Rc<Entry>> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, e)| Rc::clone(e))
    }

    /// Stores `entry` under `key` (replacing an older one), then drops the oldest entries
    /// until both bounds hold. A body larger than [`MAX_BYTES`] is not stored.
    pub fn put(&mut self, key: String, entry: Entry) {
        if entry.body.len() > MAX_BYTES {
            return;
        }
        if let Some(i) = self.entries.iter().position(|(k, _)| *k == key) {
            if let Some((_, old)) = self.entries.remove(i) {
                self.bytes -= old.body.len();
            }
        }
        self.bytes += entry.body.len();
        self.entries.push_back((key, Rc::new(entry)));
        while self.entries.len() > MAX_ENTRIES || self.bytes > MAX_BYTES {
            match self.entries.pop_front() {
                Some((_, old)) => self.bytes -= old.body.len(),
                None => break,
            }
        }
    }
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// The answer this isolate stored under `key`.
pub fn get(key: &str) -> Option<Rc<Entry>> {
    MEMO.with(|m| m.borrow().get(key))
}

/// Stores an answer in this isolate.
pub fn put(key: String, entry: Entry) {
    MEMO.with(|m| m.borrow_mut().put(key, entry));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(n: usize) -> Entry {
        Entry {
            etag: format!("\"{n}\""),
            content_type: "application/json".into(),
            body: vec![0; n],
        }
    }

    #[test]
    fn a_stored_answer_is_found_under_its_key_only() {
        let mut m = Memo::default();
        m.put("a?__v=b1.g1".into(), entry(3));
        assert_eq!(m.get("a?__v=b1.g1").unwrap().etag, "\"3\"");
        assert!(m.get("a?__v=b1.g2").is_none());
    }

    #[test]
    fn storing_a_key_again_replaces_its_answer() {
        let mut m = Memo::default();
        m.put("k".into(), entry(3));
        m.put("k".into(), entry(5));
        assert_eq!(m.get("k").unwrap().body.len(), 5);
        assert_eq!(m.entries.len(), 1);
        assert_eq!(m.bytes, 5);
    }

    #[test]
    fn the_oldest_answers_go_first_when_a_bound_is_exceeded() {
        let mut m = Memo::default();
        for i in 0..=MAX_ENTRIES {
            m.put(format!("k{i}"), entry(1));
        }
        assert!(m.get("k0").is_none());
        assert!(m.get(&format!("k{MAX_ENTRIES}")).is_some());
        assert_eq!(m.entries.len(), MAX_ENTRIES);

        let mut m = Memo::default();
        m.put("small".into(), entry(10));
        m.put("big".into(), entry(MAX_BYTES - 5));
        assert!(m.get("small").is_none());
        assert!(m.get("big").is_some());
        m.put("huge".into(), entry(MAX_BYTES + 1));
        assert!(m.get("huge").is_none());
        assert!(m.get("big").is_some());
    }
}
