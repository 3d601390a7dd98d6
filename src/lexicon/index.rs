//! Phrase look-up over tokens: the first folded token selects candidate
//! phrases, which are compared token by token, longest first.

use crate::text::Analysis;
use rustc_hash::FxHashMap;

/// What a phrase stands for: an index into one of the lexicon's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entry {
    Country(u32),
    /// "Russian", "Britons": a country's adjective or demonym.
    Demonym(u32),
    /// A capital: a place, and, as a subject, its state's government.
    Capital(u32),
    Org(u32),
    Person(u32),
    Place(u32),
    Title(u32),
    Trigger(u32),
    Cue(u32),
    Media(u32),
    Metonym(u32),
    Institution(u32),
}

/// A phrase found at a token position; `len` counts tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub len: usize,
    pub entry: Entry,
}

#[derive(Debug, Clone)]
struct Phrase {
    rest: Box<[Box<str>]>,
    entry: Entry,
    /// Names must be written with capitals ("US" but not "us").
    cased: bool,
}

#[derive(Debug, Default)]
pub struct PhraseIndex {
    by_first: FxHashMap<Box<str>, Vec<Phrase>>,
}

/// Words a name may carry in lower case ("Bank of England", "al-Assad").
const LOWER_IN_NAMES: &[&str] = &[
    "the", "of", "and", "for", "al", "el", "bin", "ibn", "de", "da", "do", "dos", "du", "des",
    "del", "della", "di", "von", "van", "der", "den", "la", "le", "ul", "e", "y", "'s", "on", "in",
    "at", "d'ivoire", "es", "ez", "ash", "as", "an", "ad", "abu", "bint",
];

impl PhraseIndex {
    pub fn insert(&mut self, key: Vec<String>, entry: Entry, cased: bool) {
        let mut it = key.into_iter();
        let Some(first) = it.next() else { return };
        let rest: Box<[Box<str>]> = it.map(String::into_boxed_str).collect();
        let list = self.by_first.entry(first.into_boxed_str()).or_default();
        if !list.iter().any(|p| p.entry == entry && p.rest == rest) {
            list.push(Phrase { rest, entry, cased });
        }
    }

    pub fn finish(&mut self) {
        for list in self.by_first.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
        }
    }

    pub fn matches_at(&self, a: &Analysis, i: usize) -> Vec<Match> {
        let mut out = Vec::new();
        if i >= a.tokens.len() {
            return out;
        }
        if a.tokens[i].kind == crate::text::TokenKind::Punct && a.norm(i) != "'" {
            return out;
        }
        let Some(list) = self.by_first.get(a.norm(i)) else {
            return out;
        };
        for p in list {
            if let Some(end) = match_rest(a, i, &p.rest) {
                if !p.cased || is_written_as_name(a, i, end) {
                    out.push(Match {
                        len: end - i,
                        entry: p.entry,
                    });
                }
            }
        }
        out
    }
}

/// End token (exclusive) if `rest` follows token `i`; hyphens joining words
/// ("al-Qaeda", "Kim Jong-un") are passed over.
fn match_rest(a: &Analysis, i: usize, rest: &[Box<str>]) -> Option<usize> {
    let mut j = i + 1;
    for want in rest {
        if j < a.tokens.len() && is_joining_hyphen(a, j) {
            j += 1;
        }
        if j >= a.tokens.len() || a.norm(j) != &**want || a.tokens[j].para_before {
            return None;
        }
        j += 1;
    }
    Some(j)
}

fn is_joining_hyphen(a: &Analysis, j: usize) -> bool {
    a.norm(j) == "-"
        && !a.tokens[j].space_before
        && a.tokens.get(j + 1).is_some_and(|t| !t.space_before)
}

fn is_written_as_name(a: &Analysis, i: usize, end: usize) -> bool {
    let mut any_cap = false;
    for j in i..end {
        let t = &a.tokens[j];
        if !t.is_word() {
            continue;
        }
        let after_hyphen = j > i && !t.space_before && a.norm(j - 1) == "-";
        if t.cap {
            any_cap = true;
        } else if !after_hyphen && !LOWER_IN_NAMES.contains(&a.norm(j)) {
            return false;
        }
    }
    any_cap
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{analyze, normalize_phrase};

    #[test]
    fn longest_phrase_first_and_hyphens_passed_over() {
        let mut idx = PhraseIndex::default();
        idx.insert(normalize_phrase("Kim"), Entry::Person(0), true);
        idx.insert(normalize_phrase("Kim Jong Un"), Entry::Person(1), true);
        idx.insert(normalize_phrase("air strike"), Entry::Trigger(0), false);
        idx.finish();
        let a = analyze("Kim Jong-un ordered an air-strike");
        let m = idx.matches_at(&a, 0);
        assert_eq!(
            m[0],
            Match {
                len: 4,
                entry: Entry::Person(1)
            }
        );
        assert_eq!(m[1].entry, Entry::Person(0));
        let strike_at = a
            .tokens
            .iter()
            .position(|t| &a.text[t.start..t.end] == "air")
            .unwrap();
        assert_eq!(idx.matches_at(&a, strike_at)[0].len, 3);
    }

    #[test]
    fn cased_phrases_need_capitals() {
        let mut idx = PhraseIndex::default();
        idx.insert(normalize_phrase("Turkey"), Entry::Country(0), true);
        idx.finish();
        assert_eq!(idx.matches_at(&analyze("Turkey said"), 0).len(), 1);
        assert_eq!(idx.matches_at(&analyze("turkey dinner"), 0).len(), 0);
    }
}
