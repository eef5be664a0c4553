//! Search in release notes (word prefixes, as the server's full-text index matches them) and
//! the changelog entries the views list.

use sma_shared::releases::{Channel, Note, Version};
use std::sync::Arc;

/// Search words shared by the views of one result (lower case).
pub type Words = Arc<Vec<String>>;

/// A changelog entry, with the release it belongs to when entries of several releases mix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The release, when the list spans releases.
    pub version: Option<(Version, Channel)>,
    /// The note.
    pub note: Note,
}

impl Entry {
    /// An entry of a single release (no version shown).
    pub fn plain(note: Note) -> Self {
        Entry {
            version: None,
            note,
        }
    }
}

fn word_matches(word: &str, words: &[String]) -> bool {
    let lower = word.to_lowercase();
    words.iter().any(|w| {
        // One-letter words (the "h" of "H.265") mark whole tokens only, longer ones prefixes.
        if w.chars().count() < 2 {
            lower == *w
        } else {
            lower.starts_with(w.as_str())
        }
    })
}

/// Splits `text` into runs, marking the words that begin with a search word.
pub fn highlight_segments(text: &str, words: &[String]) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut push = |s: &str, marked: bool| {
        if s.is_empty() {
            return;
        }
        match out.last_mut() {
            Some((last, m)) if *m == marked && !marked => last.push_str(s),
            _ => out.push((s.to_owned(), marked)),
        }
    };
    if words.is_empty() {
        push(text, false);
        return out;
    }
    let mut plain_from = 0;
    let mut word_from: Option<usize> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphanumeric() && i < text.len(), word_from) {
            (true, None) => word_from = Some(i),
            (false, Some(start)) => {
                if word_matches(&text[start..i], words) {
                    push(&text[plain_from..start], false);
                    push(&text[start..i], true);
                    plain_from = i;
                }
                word_from = None;
            }
            _ => {}
        }
    }
    push(&text[plain_from..], false);
    out
}

/// Whether a search word matches anywhere in `text`.
pub fn has_match(text: &str, words: &[String]) -> bool {
    !words.is_empty() && highlight_segments(text, words).iter().any(|(_, m)| *m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(q: &str) -> Vec<String> {
        super::super::search_words(q)
    }

    #[test]
    fn matches_are_word_prefixes() {
        let s = highlight_segments(
            "VoIP call recording: intercom (voip) calls.",
            &words("voip call"),
        );
        let marked: Vec<&str> = s
            .iter()
            .filter(|(_, m)| *m)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(marked, vec!["VoIP", "call", "voip", "calls"]);
        let joined: String = s.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(joined, "VoIP call recording: intercom (voip) calls.");
    }

    #[test]
    fn one_letter_words_match_whole_tokens() {
        let s = highlight_segments("H.265 on Hanwha", &words("H.265"));
        let marked: Vec<&str> = s
            .iter()
            .filter(|(_, m)| *m)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(marked, vec!["H", "265"]);
        assert!(!has_match("anything", &[]));
        assert_eq!(
            highlight_segments("Ünïcode wörds", &words("wö")),
            vec![("Ünïcode ".into(), false), ("wörds".into(), true)]
        );
    }
}
