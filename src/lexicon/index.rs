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
    /// Word ids of the tokens after the first.
    rest: Box<[u32]>,
    entry: Entry,
    /// Names must be written with capitals ("US" but not "us").
    cased: bool,
}

/// The id of a folded token that no phrase contains.
const NO_WORD: u32 = u32::MAX;

/// Phrases keyed by word ids: each folded token is hashed once, and phrase
/// tails compare integers rather than strings.
#[derive(Debug, Default)]
pub struct PhraseIndex {
    words: FxHashMap<Box<str>, u32>,
    /// Phrases by the id of their first word, as inserted.
    by_first: Vec<Vec<Phrase>>,
    /// Built by [`PhraseIndex::finish`] from `by_first`: one-word phrases by
    /// word id, and longer ones by their first two word ids, longest first,
    /// so that a common first word ("the") does not try every phrase it
    /// opens.
    single: Vec<Vec<Phrase>>,
    by_pair: FxHashMap<(u32, u32), Vec<Phrase>>,
    /// Ids of the one-byte words (punctuation, "a"), which a quarter of all
    /// tokens are, without hashing.
    byte_words: Vec<u32>,
    opens_longer: Vec<bool>,
}

/// The dictionary matches at every token of one text, found once and kept
/// in one buffer.
#[derive(Debug, Default)]
pub struct TokenMatches {
    /// `all[starts[i]..starts[i + 1]]` are the matches at token `i`.
    starts: Vec<u32>,
    all: Vec<Match>,
}

impl TokenMatches {
    /// The matches at token `i` (none past the end), longest first.
    pub fn at(&self, i: usize) -> &[Match] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&s), Some(&e)) => &self.all[s as usize..e as usize],
            _ => &[],
        }
    }
}

/// Words a name may carry in lower case ("Bank of England", "al-Assad").
const LOWER_IN_NAMES: &[&str] = &[
    "the", "of", "and", "for", "al", "el", "bin", "ibn", "de", "da", "do", "dos", "du", "des",
    "del", "della", "di", "von", "van", "der", "den", "la", "le", "ul", "e", "y", "'s", "on", "in",
    "at", "d'ivoire", "es", "ez", "ash", "as", "an", "ad", "abu", "bint",
];

impl PhraseIndex {
    pub fn insert(&mut self, key: Vec<String>, entry: Entry, cased: bool) {
        let mut ids = key.into_iter().map(|w| self.word_id_or_add(w));
        let Some(first) = ids.next() else { return };
        let rest: Box<[u32]> = ids.collect();
        let list = &mut self.by_first[first as usize];
        if !list.iter().any(|p| p.entry == entry && p.rest == rest) {
            list.push(Phrase { rest, entry, cased });
        }
    }

    fn word_id_or_add(&mut self, w: String) -> u32 {
        if let Some(&id) = self.words.get(w.as_str()) {
            return id;
        }
        let id = self.by_first.len() as u32;
        self.words.insert(w.into_boxed_str(), id);
        self.by_first.push(Vec::new());
        id
    }

    pub fn finish(&mut self) {
        self.byte_words = (0..=255u8)
            .map(|b| {
                let w = [b];
                std::str::from_utf8(&w)
                    .ok()
                    .and_then(|w| self.words.get(w).copied())
                    .unwrap_or(NO_WORD)
            })
            .collect();
        self.single = vec![Vec::new(); self.by_first.len()];
        self.opens_longer = vec![false; self.by_first.len()];
        self.by_pair.clear();
        for (first, list) in self.by_first.iter().enumerate() {
            for p in list {
                match p.rest.first() {
                    None => self.single[first].push(p.clone()),
                    Some(&second) => {
                        self.opens_longer[first] = true;
                        let key = (first as u32, second);
                        self.by_pair.entry(key).or_default().push(p.clone());
                    }
                }
            }
        }
        for list in self.by_pair.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
        }
    }

    fn word_id(&self, a: &Analysis, j: usize) -> u32 {
        let w = a.norm(j);
        // `byte_words` is empty until `finish`; the map answers until then
        if let [b] = w.as_bytes() {
            if let Some(&id) = self.byte_words.get(*b as usize) {
                return id;
            }
        }
        self.words.get(w).copied().unwrap_or(NO_WORD)
    }

    /// Every phrase starting at token `i`, longest first.
    pub fn matches_at(&self, a: &Analysis, i: usize) -> Vec<Match> {
        let mut out = Vec::new();
        if i < a.tokens.len() {
            self.push_matches(a, i, |j| self.word_id(a, j), &mut out);
        }
        out
    }

    /// The matches at every token of `a`.
    pub fn token_matches(&self, a: &Analysis) -> TokenMatches {
        let ids: Vec<u32> = (0..a.tokens.len()).map(|j| self.word_id(a, j)).collect();
        let mut tm = TokenMatches {
            starts: Vec::with_capacity(ids.len() + 1),
            all: Vec::new(),
        };
        for i in 0..ids.len() {
            tm.starts.push(tm.all.len() as u32);
            self.push_matches(a, i, |j| ids[j], &mut tm.all);
        }
        tm.starts.push(tm.all.len() as u32);
        tm
    }

    fn push_matches(
        &self,
        a: &Analysis,
        i: usize,
        word: impl Fn(usize) -> u32,
        out: &mut Vec<Match>,
    ) {
        let first = word(i);
        if first == NO_WORD {
            return;
        }
        if a.tokens[i].kind == crate::text::TokenKind::Punct && a.norm(i) != "'" {
            return;
        }
        let longer = self
            .opens_longer
            .get(first as usize)
            .copied()
            .unwrap_or(false)
            .then(|| self.by_pair.get(&(first, word(next_word(a, i)?))))
            .flatten();
        let single = self.single.get(first as usize);
        for p in longer.into_iter().chain(single).flatten() {
            if let Some(end) = match_rest(a, i, &p.rest, &word) {
                if !p.cased || is_written_as_name(a, i, end) {
                    out.push(Match {
                        len: end - i,
                        entry: p.entry,
                    });
                }
            }
        }
    }
}

/// The token after `i` that a phrase would continue with, past a joining
/// hyphen.
fn next_word(a: &Analysis, i: usize) -> Option<usize> {
    let mut j = i + 1;
    if j < a.tokens.len() && is_joining_hyphen(a, j) {
        j += 1;
    }
    (j < a.tokens.len()).then_some(j)
}

/// End token (exclusive) if `rest` follows token `i`; hyphens joining words
/// ("al-Qaeda", "Kim Jong-un") are passed over.
fn match_rest(a: &Analysis, i: usize, rest: &[u32], word: impl Fn(usize) -> u32) -> Option<usize> {
    let mut j = i + 1;
    for &want in rest {
        if j < a.tokens.len() && is_joining_hyphen(a, j) {
            j += 1;
        }
        if j >= a.tokens.len() || word(j) != want || a.tokens[j].para_before {
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
    fn token_matches_agree_with_matches_at_every_token() {
        let mut idx = PhraseIndex::default();
        idx.insert(normalize_phrase("Kim"), Entry::Person(0), true);
        idx.insert(normalize_phrase("Kim Jong Un"), Entry::Person(1), true);
        idx.insert(normalize_phrase("air strike"), Entry::Trigger(0), false);
        idx.finish();
        let a = analyze("Kim Jong-un ordered an air-strike; kim said air.");
        let tm = idx.token_matches(&a);
        for i in 0..a.tokens.len() + 2 {
            assert_eq!(tm.at(i), idx.matches_at(&a, i).as_slice(), "token {i}");
        }
        assert_eq!(tm.at(0).len(), 2);
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
