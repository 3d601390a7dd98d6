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

/// Per word id: what a token with this word can start, and how it may be
/// written inside a name.
const OPENS_ONE: u8 = 1;
const OPENS_LONGER: u8 = 2;
const LOWER_IN_NAME: u8 = 4;
/// The word is the second of some longer phrase: a pair whose second word
/// lacks this bit needs no look-up.
const SECOND: u8 = 8;
/// The word can open a date ("monday", "yesterday", "last"): date parsing
/// looks only at these tokens and numbers.
const DATE_WORD: u8 = 16;
const OPENS: u8 = OPENS_ONE | OPENS_LONGER;

/// Phrases keyed by word ids: each folded token is looked up once, and
/// phrase tails compare integers rather than strings.
#[derive(Debug, Default)]
pub struct PhraseIndex {
    words: WordTable,
    /// Phrases by the id of their first word, as inserted.
    by_first: Vec<Vec<Phrase>>,
    /// Built by [`PhraseIndex::finish`] from `by_first`: one-word phrases by
    /// word id, and longer ones by their first two word ids, longest first,
    /// so that a common first word ("the") does not try every phrase it
    /// opens.
    single: Vec<Vec<Phrase>>,
    by_pair: FxHashMap<(u32, u32), Vec<Phrase>>,
    /// The bits above (`OPENS_*`, `LOWER_IN_NAME`, `SECOND`, `DATE_WORD`)
    /// by word id: most tokens open no phrase and are passed over after
    /// this one look-up.
    flags: Vec<u8>,
    /// The id of "-", which no phrase contains but joins the words of some.
    hyphen: u32,
    apostrophe: u32,
}

/// The phrases that may start at a token: longer ones first.
struct Candidates<'a> {
    longer: &'a [Phrase],
    single: &'a [Phrase],
}

/// The dictionary matches at every token of one text, found once and kept
/// in one buffer.
#[derive(Debug, Default)]
pub struct TokenMatches {
    /// `all[starts[i]..starts[i + 1]]` are the matches at token `i`.
    starts: Vec<u32>,
    all: Vec<Match>,
    /// The tokens whose folded word can open a date, in text order.
    date_words: Vec<u32>,
}

impl TokenMatches {
    /// The matches at token `i` (none past the end), longest first.
    pub fn at(&self, i: usize) -> &[Match] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&s), Some(&e)) => &self.all[s as usize..e as usize],
            _ => &[],
        }
    }

    /// The tokens whose folded word is a month, a weekday or another word
    /// that can open a date ([`crate::extract::dates::opener_words`]), in
    /// text order.
    pub fn date_words(&self) -> &[u32] {
        &self.date_words
    }
}

impl PhraseIndex {
    pub fn insert(&mut self, key: Vec<String>, entry: Entry, cased: bool) {
        let mut ids = key.into_iter().map(|w| self.word_id_or_add(&w));
        let Some(first) = ids.next() else { return };
        let rest: Box<[u32]> = ids.collect();
        let list = &mut self.by_first[first as usize];
        if !list.iter().any(|p| p.entry == entry && p.rest == rest) {
            list.push(Phrase { rest, entry, cased });
        }
    }

    fn word_id_or_add(&mut self, w: &str) -> u32 {
        let id = self.words.get(w.as_bytes()).id;
        if id != NO_WORD {
            return id;
        }
        let id = self.by_first.len() as u32;
        self.words.insert(w, id);
        self.by_first.push(Vec::new());
        id
    }

    pub fn finish(&mut self) {
        // words no phrase may contain get ids too, so that tests on them
        // compare ids: a word without an id is then known to be none of them
        self.hyphen = self.word_id_or_add("-");
        self.apostrophe = self.word_id_or_add("'");
        let lower: Vec<u32> = LOWER_IN_NAMES
            .iter()
            .map(|w| self.word_id_or_add(w))
            .collect();
        // every token's word is looked up here anyway, so date parsing
        // learns from this pass which tokens can open a date
        let date_words: Vec<u32> = crate::extract::dates::opener_words()
            .map(|w| self.word_id_or_add(w))
            .collect();
        self.single = vec![Vec::new(); self.by_first.len()];
        self.flags = vec![0; self.by_first.len()];
        for id in lower {
            self.flags[id as usize] |= LOWER_IN_NAME;
        }
        for id in date_words {
            self.flags[id as usize] |= DATE_WORD;
        }
        self.by_pair.clear();
        for (first, list) in self.by_first.iter().enumerate() {
            for p in list {
                match p.rest.first() {
                    None => {
                        self.flags[first] |= OPENS_ONE;
                        self.single[first].push(p.clone());
                    }
                    Some(&second) => {
                        self.flags[first] |= OPENS_LONGER;
                        self.flags[second as usize] |= SECOND;
                        let key = (first as u32, second);
                        self.by_pair.entry(key).or_default().push(p.clone());
                    }
                }
            }
        }
        for list in self.by_pair.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
        }
        self.words.set_flags(&self.flags);
    }

    /// The id of token `j`'s folded form; `NO_WORD` past the end.
    fn word_id(&self, a: &Analysis, j: usize) -> u32 {
        if j >= a.tokens.len() {
            return NO_WORD;
        }
        self.words.get(a.norm(j).as_bytes()).id
    }

    fn flags(&self, id: u32) -> u8 {
        self.flags.get(id as usize).copied().unwrap_or(0)
    }

    /// Every phrase starting at token `i`, longest first.
    pub fn matches_at(&self, a: &Analysis, i: usize) -> Vec<Match> {
        let mut out = Vec::new();
        let first = self.word_id(a, i);
        let word = |j| self.word_id(a, j);
        if let Some(c) = self.candidates(a, i, first, self.flags(first), word) {
            self.push_matches(a, i, c, word, &mut out);
        }
        out
    }

    /// The matches at every token of `a`.
    pub fn token_matches(&self, a: &Analysis) -> TokenMatches {
        let n = a.tokens.len();
        let (ids, openers, date_words) = self.word_ids(a);
        let word = |j: usize| ids.get(j).copied().unwrap_or(NO_WORD);
        let mut starts = Vec::with_capacity(n + 1);
        let mut all = Vec::with_capacity(n / 4);
        for (i, flags) in openers {
            let Some(c) = self.candidates(a, i, word(i), flags, word) else {
                continue;
            };
            // the tokens since the last one with candidates have no matches
            starts.resize(i + 1, all.len() as u32);
            self.push_matches(a, i, c, word, &mut all);
        }
        starts.resize(n + 1, all.len() as u32);
        TokenMatches {
            starts,
            all,
            date_words,
        }
    }

    /// The word ids of all tokens, the tokens whose words open some phrase
    /// with their flags, and the tokens whose words can open a date. Apart
    /// so that its loop keeps its values in registers.
    #[inline(never)]
    fn word_ids(&self, a: &Analysis) -> (Vec<u32>, Vec<(usize, u8)>, Vec<u32>) {
        let n = a.tokens.len();
        let mut ids = Vec::with_capacity(n);
        // about a token in four opens a phrase, one in five has a match
        let mut openers = Vec::with_capacity(n / 2);
        let mut date_words = Vec::with_capacity(n / 32 + 4);
        for (j, (norm, lo, hi)) in a.norm_prefixes().enumerate() {
            let w = match norm.len() {
                0..=16 => self.words.get_grouped(&ShortKey {
                    lo,
                    hi,
                    len: norm.len() as u8,
                }),
                _ => self.words.get_long(norm),
            };
            ids.push(w.id);
            if w.flags & OPENS != 0 {
                openers.push((j, w.flags));
            }
            if w.flags & DATE_WORD != 0 {
                date_words.push(j as u32);
            }
        }
        (ids, openers, date_words)
    }

    /// The phrases that may start at `i`, whose word is `first`: most
    /// common words open longer phrases only, and none of them with the
    /// word that follows.
    fn candidates(
        &self,
        a: &Analysis,
        i: usize,
        first: u32,
        flags: u8,
        word: impl Fn(usize) -> u32 + Copy,
    ) -> Option<Candidates<'_>> {
        let longer = if flags & OPENS_LONGER != 0 {
            self.longer_candidates(a, i, first, word)
        } else {
            None
        };
        let single = if flags & OPENS_ONE != 0 {
            self.single.get(first as usize).map(Vec::as_slice)
        } else {
            None
        };
        if longer.is_none() && single.is_none() {
            return None;
        }
        // "'" is the one punctuation mark that starts phrases
        if a.tokens.get(i)?.kind == crate::text::TokenKind::Punct && first != self.apostrophe {
            return None;
        }
        Some(Candidates {
            longer: longer.unwrap_or_default(),
            single: single.unwrap_or_default(),
        })
    }

    /// The phrases of two words or more that the first two words at `i`
    /// open, longest first.
    fn longer_candidates(
        &self,
        a: &Analysis,
        i: usize,
        first: u32,
        word: impl Fn(usize) -> u32 + Copy,
    ) -> Option<&[Phrase]> {
        let second = word(self.next_word(a, i, word)?);
        if self.flags(second) & SECOND == 0 {
            return None;
        }
        self.by_pair.get(&(first, second)).map(Vec::as_slice)
    }

    fn push_matches(
        &self,
        a: &Analysis,
        i: usize,
        c: Candidates,
        word: impl Fn(usize) -> u32 + Copy,
        out: &mut Vec<Match>,
    ) {
        for p in c.longer.iter().chain(c.single) {
            if let Some(end) = self.match_rest(a, i, &p.rest, word) {
                if !p.cased || self.is_written_as_name(a, i, end, word) {
                    out.push(Match {
                        len: end - i,
                        entry: p.entry,
                    });
                }
            }
        }
    }

    /// The token after `i` that a phrase would continue with, past a
    /// joining hyphen.
    fn next_word(&self, a: &Analysis, i: usize, word: impl Fn(usize) -> u32) -> Option<usize> {
        let mut j = i + 1;
        if self.is_joining_hyphen(a, j, &word) {
            j += 1;
        }
        (j < a.tokens.len()).then_some(j)
    }

    /// End token (exclusive) if `rest` follows token `i`; hyphens joining
    /// words ("al-Qaeda", "Kim Jong-un") are passed over.
    fn match_rest(
        &self,
        a: &Analysis,
        i: usize,
        rest: &[u32],
        word: impl Fn(usize) -> u32,
    ) -> Option<usize> {
        let mut j = i + 1;
        for &want in rest {
            if self.is_joining_hyphen(a, j, &word) {
                j += 1;
            }
            // `want` is a real id, so this also stops at the end
            if word(j) != want || a.tokens.get(j).is_none_or(|t| t.para_before) {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    fn is_joining_hyphen(&self, a: &Analysis, j: usize, word: impl Fn(usize) -> u32) -> bool {
        word(j) == self.hyphen
            && a.tokens.get(j).is_some_and(|t| !t.space_before)
            && a.tokens.get(j + 1).is_some_and(|t| !t.space_before)
    }

    fn is_written_as_name(
        &self,
        a: &Analysis,
        i: usize,
        end: usize,
        word: impl Fn(usize) -> u32,
    ) -> bool {
        let mut any_cap = false;
        for (j, t) in a.tokens.iter().enumerate().take(end).skip(i) {
            if !t.is_word() {
                continue;
            }
            let after_hyphen = j > i && !t.space_before && word(j - 1) == self.hyphen;
            if t.cap {
                any_cap = true;
            } else if !after_hyphen && self.flags(word(j)) & LOWER_IN_NAME == 0 {
                return false;
            }
        }
        any_cap
    }
}

/// Words a name may carry in lower case ("Bank of England", "al-Assad").
const LOWER_IN_NAMES: &[&str] = &[
    "the", "of", "and", "for", "al", "el", "bin", "ibn", "de", "da", "do", "dos", "du", "des",
    "del", "della", "di", "von", "van", "der", "den", "la", "le", "ul", "e", "y", "'s", "on", "in",
    "at", "d'ivoire", "es", "ez", "ash", "as", "an", "ad", "abu", "bint",
];

/// Word ids by folded word. Nearly every token is looked up, so words of
/// up to 16 bytes (all but a few) sit in an open-addressing table as two
/// integers and a length, compared without hashing a string or calling
/// `memcmp`; longer words go to an ordinary map.
#[derive(Debug, Default)]
struct WordTable {
    /// Linear probing; the length is a power of two and at most half the
    /// slots are used, so a miss ends after a probe or two.
    slots: Vec<Slot>,
    /// One byte per slot: 0 when it is empty, else seven bits of its
    /// word's hash. A probe reads these 32 KB first and opens a 24-byte
    /// slot only when the byte agrees, so the half of all tokens the
    /// lexicon lacks rarely touch the table's 770 KB, which the cache does
    /// not hold. The first [`GROUP`] tags are repeated after the last, so
    /// that the group of tags from any slot is one read.
    tags: Vec<u8>,
    /// `slots.len() == 1 << (64 - shift)` once there are slots.
    shift: u32,
    used: usize,
    long: FxHashMap<Box<[u8]>, Word>,
}

/// A word's id and its `flags` by id, copied here so that the pass over
/// all tokens needs one look-up per token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Word {
    id: u32,
    flags: u8,
}

const UNKNOWN: Word = Word {
    id: NO_WORD,
    flags: 0,
};

/// One word of the table; `id == NO_WORD` marks an empty slot.
#[derive(Debug, Clone, Copy)]
struct Slot {
    lo: u64,
    hi: u64,
    id: u32,
    len: u8,
    flags: u8,
}

/// Tags read at once by [`WordTable::get_grouped`].
const GROUP: usize = 16;

/// Bit `j` set where tag `j` of the group is `tag`, and where it is 0.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn tag_masks(group: &[u8; GROUP], tag: u8) -> (u32, u32) {
    use std::arch::x86_64::*;
    // SAFETY: SSE2 is part of every x86-64 target, and the one load reads
    // the 16 bytes of `group`
    unsafe {
        let v = _mm_loadu_si128(group.as_ptr().cast());
        let agree = _mm_cmpeq_epi8(v, _mm_set1_epi8(tag as i8));
        let empty = _mm_cmpeq_epi8(v, _mm_setzero_si128());
        (
            _mm_movemask_epi8(agree) as u32,
            _mm_movemask_epi8(empty) as u32,
        )
    }
}

#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn tag_masks(group: &[u8; GROUP], tag: u8) -> (u32, u32) {
    tag_masks_of_bytes(group, tag)
}

/// [`tag_masks`] a byte at a time.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn tag_masks_of_bytes(group: &[u8; GROUP], tag: u8) -> (u32, u32) {
    group
        .iter()
        .enumerate()
        .fold((0, 0), |(agree, empty), (j, &t)| {
            (
                agree | u32::from(t == tag) << j,
                empty | u32::from(t == 0) << j,
            )
        })
}

const EMPTY_SLOT: Slot = Slot {
    lo: 0,
    hi: 0,
    id: NO_WORD,
    len: 0,
    flags: 0,
};

/// A word of at most 16 bytes as integers: its first eight bytes and its
/// next eight, little-endian and zero past its end, and its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ShortKey {
    lo: u64,
    hi: u64,
    len: u8,
}

impl ShortKey {
    fn new(w: &[u8]) -> Option<ShortKey> {
        if w.len() > 16 {
            return None;
        }
        let (lo, hi) = crate::text::le_halves(&crate::text::block_at(w, 0));
        Some(ShortKey {
            lo,
            hi,
            len: w.len() as u8,
        })
    }

    /// Multiplicative (Fibonacci) hashing: the top bits of the product,
    /// which `shift` keeps, depend on every bit of the key.
    #[inline(always)]
    fn mixed(&self) -> u64 {
        (self.lo ^ self.hi.rotate_left(23) ^ u64::from(self.len))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }

    #[inline(always)]
    fn slot(&self, shift: u32) -> usize {
        (self.mixed() >> shift) as usize
    }

    /// The key's byte in [`WordTable::tags`]: never 0, and from bits of
    /// the hash below those a slot index of any table up to 2^24 uses.
    #[inline(always)]
    fn tag(&self) -> u8 {
        (self.mixed() >> 24) as u8 | 1
    }

    fn is_in(&self, slot: &Slot) -> bool {
        // `&`, not `&&`: one outcome to predict, not three
        (slot.lo == self.lo) & (slot.hi == self.hi) & (slot.len == self.len)
    }
}

impl WordTable {
    #[inline(always)]
    fn get(&self, w: &[u8]) -> Word {
        match ShortKey::new(w) {
            Some(key) => self.get_short(&key),
            None => self.get_long(w),
        }
    }

    #[cold]
    #[inline(never)]
    fn get_long(&self, w: &[u8]) -> Word {
        self.long.get(w).copied().unwrap_or(UNKNOWN)
    }

    #[inline(always)]
    fn get_short(&self, key: &ShortKey) -> Word {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = key.slot(self.shift);
        let tag = key.tag();
        // an empty slot ends a miss; an empty table has no slot at all
        while let Some(&t) = self.tags.get(at) {
            if t == 0 {
                return UNKNOWN;
            }
            if t == tag {
                if let Some(slot) = self.slots.get(at).filter(|slot| key.is_in(slot)) {
                    return Word {
                        id: slot.id,
                        flags: slot.flags,
                    };
                }
            }
            at = (at + 1) & mask;
        }
        UNKNOWN
    }

    /// [`WordTable::get_short`] for the pass over every token: whether a
    /// token is a word of the lexicon is as good as random to the branch
    /// predictor, so the common cases (the group of tags from the word's
    /// slot has an empty one, and at most one tag before it agrees) are
    /// answered without a branch on the outcome. A word absent from the
    /// table compares with slot 0, which the cache keeps, instead of a
    /// slot of its own.
    #[inline(always)]
    fn get_grouped(&self, key: &ShortKey) -> Word {
        let at = key.slot(self.shift);
        let group = self
            .tags
            .get(at..at + GROUP)
            .and_then(|g| <[u8; GROUP]>::try_from(g).ok());
        let Some(group) = group else {
            return self.get_short(key);
        };
        let (agree, empty) = tag_masks(&group, key.tag());
        let before_empty = (empty | 1 << GROUP).trailing_zeros();
        let candidates = agree & ((1u32 << before_empty) - 1);
        if before_empty == GROUP as u32 || candidates & candidates.wrapping_sub(1) != 0 {
            return self.get_short(key);
        }
        let found = usize::from(candidates != 0);
        let mask = self.slots.len().wrapping_sub(1);
        let at = ((at + candidates.trailing_zeros() as usize) & mask) * found;
        let slot = self.slots.get(at).unwrap_or(&EMPTY_SLOT);
        let hit = (found == 1) & key.is_in(slot);
        let keep = u32::from(hit).wrapping_neg();
        Word {
            id: (slot.id & keep) | (NO_WORD & !keep),
            flags: slot.flags & keep as u8,
        }
    }

    /// Copies `flags[id]` to every word.
    fn set_flags(&mut self, flags: &[u8]) {
        let of = |id: u32| flags.get(id as usize).copied().unwrap_or(0);
        for slot in &mut self.slots {
            slot.flags = of(slot.id);
        }
        for word in self.long.values_mut() {
            word.flags = of(word.id);
        }
    }

    /// Adds a word that is not in the table yet.
    fn insert(&mut self, w: &str, id: u32) {
        match ShortKey::new(w.as_bytes()) {
            Some(key) => {
                if 2 * (self.used + 1) > self.slots.len() {
                    self.grow();
                }
                self.place(key, id, 0);
                self.used += 1;
            }
            None => {
                self.long.insert(w.as_bytes().into(), Word { id, flags: 0 });
            }
        }
    }

    fn grow(&mut self) {
        let size = (2 * self.slots.len()).max(64);
        self.shift = 64 - size.trailing_zeros();
        let old = std::mem::replace(&mut self.slots, vec![EMPTY_SLOT; size]);
        self.tags = vec![0; size + GROUP];
        for slot in old.into_iter().filter(|s| s.id != NO_WORD) {
            let key = ShortKey {
                lo: slot.lo,
                hi: slot.hi,
                len: slot.len,
            };
            self.place(key, slot.id, slot.flags);
        }
    }

    fn place(&mut self, key: ShortKey, id: u32, flags: u8) {
        let mask = self.slots.len() - 1;
        let mut at = key.slot(self.shift);
        while self.tags[at] != 0 {
            at = (at + 1) & mask;
        }
        self.tags[at] = key.tag();
        if at < GROUP {
            self.tags[mask + 1 + at] = key.tag();
        }
        self.slots[at] = Slot {
            lo: key.lo,
            hi: key.hi,
            id,
            len: key.len,
            flags,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{analyze, normalize_phrase};

    /// Two names, one inside the other, and a two-word trigger.
    fn kim_and_air_strike() -> PhraseIndex {
        let mut idx = PhraseIndex::default();
        idx.insert(normalize_phrase("Kim"), Entry::Person(0), true);
        idx.insert(normalize_phrase("Kim Jong Un"), Entry::Person(1), true);
        idx.insert(normalize_phrase("air strike"), Entry::Trigger(0), false);
        idx.finish();
        idx
    }

    #[test]
    fn longest_phrase_first_and_hyphens_passed_over() {
        let idx = kim_and_air_strike();
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
            .position(|t| &a.text[t.range()] == "air")
            .unwrap();
        assert_eq!(idx.matches_at(&a, strike_at)[0].len, 3);
    }

    #[test]
    fn token_matches_agree_with_matches_at_every_token() {
        let idx = kim_and_air_strike();
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

    /// The matching rules written plainly over strings, as the index did
    /// before word ids: the reference the id-based look-up must agree with.
    fn naive_matches(phrases: &[(&str, Entry, bool)], a: &Analysis, i: usize) -> Vec<Match> {
        let n = a.tokens.len();
        let hyphen = |j: usize| {
            j < n
                && a.norm(j) == "-"
                && !a.tokens[j].space_before
                && a.tokens.get(j + 1).is_some_and(|t| !t.space_before)
        };
        let rest_end = |words: &[String]| {
            let mut j = i + 1;
            for w in &words[1..] {
                if hyphen(j) {
                    j += 1;
                }
                if j >= n || a.norm(j) != w || a.tokens[j].para_before {
                    return None;
                }
                j += 1;
            }
            Some(j)
        };
        let written_as_name = |end: usize| {
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
        };
        if i >= n || (a.tokens[i].kind == crate::text::TokenKind::Punct && a.norm(i) != "'") {
            return Vec::new();
        }
        let mut second = i + 1;
        if hyphen(second) {
            second += 1;
        }
        let keys: Vec<(Vec<String>, Entry, bool)> = phrases
            .iter()
            .map(|&(p, e, c)| (normalize_phrase(p), e, c))
            .collect();
        let mut unique: Vec<&(Vec<String>, Entry, bool)> = Vec::new();
        for k in &keys {
            if !unique.iter().any(|u| u.0 == k.0 && u.1 == k.1) {
                unique.push(k);
            }
        }
        let opening: Vec<&(Vec<String>, Entry, bool)> = unique
            .into_iter()
            .filter(|k| k.0.first().is_some_and(|w| w == a.norm(i)))
            .collect();
        let mut longer: Vec<&(Vec<String>, Entry, bool)> = opening
            .iter()
            .copied()
            .filter(|k| k.0.len() > 1 && second < n && k.0[1] == a.norm(second))
            .collect();
        longer.sort_by_key(|k| std::cmp::Reverse(k.0.len()));
        let single = opening.iter().copied().filter(|k| k.0.len() == 1);
        let mut out = Vec::new();
        for (words, entry, cased) in longer.into_iter().chain(single) {
            if let Some(end) = rest_end(words) {
                if !cased || written_as_name(end) {
                    out.push(Match {
                        len: end - i,
                        entry: *entry,
                    });
                }
            }
        }
        out
    }

    const PHRASES: &[(&str, Entry, bool)] = &[
        ("Kim", Entry::Person(0), true),
        ("Kim Jong Un", Entry::Person(1), true),
        ("Kim Jong", Entry::Person(2), true),
        ("air strike", Entry::Trigger(0), false),
        ("air", Entry::Cue(0), false),
        ("the Bank of England", Entry::Org(0), true),
        ("Bank of England", Entry::Org(1), true),
        ("the", Entry::Cue(1), false),
        ("al-Qaeda", Entry::Org(2), true),
        ("Côte d'Ivoire", Entry::Country(0), true),
        ("'s", Entry::Cue(2), false),
        ("U.S.", Entry::Country(1), true),
        ("United States", Entry::Country(1), true),
        ("United States of America", Entry::Country(1), true),
        ("international atomic energy agency", Entry::Org(3), true),
        ("counterterrorism cooperation", Entry::Trigger(1), false),
        ("air", Entry::Cue(0), false),
    ];

    /// Pieces of text the random documents are made of: phrase words in
    /// several casings, joiners and breaks.
    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "Kim", "kim", "Jong", "jong", "Un", "un", "-", " - ", "air", "Air", "strike", "the",
        "The", "Bank", "bank", "of", "England", "england", "al", "Al", "Qaeda", "qaeda",
        "Côte", "d'Ivoire", "'s", "'", "U.S.", "US", "us", "United", "States", "America",
        "International", "Atomic", "Energy", "Agency", "counterterrorism", "cooperation",
        "said", ".", ",", "\n\n", "Counterterrorism", "Cooperation",
        "United States of America", "Kim Jong-un", "Kim Jong Un", "the Bank of England",
        "al-Qaeda", "Côte d'Ivoire", "air-strike", "International Atomic Energy Agency",
    ];

    fn index_of(phrases: &[(&str, Entry, bool)]) -> PhraseIndex {
        let mut idx = PhraseIndex::default();
        for &(p, e, c) in phrases {
            idx.insert(normalize_phrase(p), e, c);
        }
        idx.finish();
        idx
    }

    proptest::proptest! {
        #[test]
        fn token_matches_agree_with_naive_string_matching(
            picks in proptest::collection::vec((0..PIECES.len(), proptest::bool::ANY), 0..40)
        ) {
            let mut text = String::new();
            for (k, glued) in picks {
                if !glued {
                    text.push(' ');
                }
                text.push_str(PIECES[k]);
            }
            let idx = index_of(PHRASES);
            let a = analyze(&text);
            let tm = idx.token_matches(&a);
            for i in 0..a.tokens.len() + 1 {
                let want = naive_matches(PHRASES, &a, i);
                proptest::prop_assert_eq!(tm.at(i), want.as_slice(), "token {} of {:?}", i, text);
                proptest::prop_assert_eq!(idx.matches_at(&a, i), want);
            }
        }

        #[test]
        fn word_table_agrees_with_a_map(
            words in proptest::collection::vec("[a-c'\\-\u{e9}]{0,20}", 0..300),
            probes in proptest::collection::vec("[a-c'\\-\u{e9}]{0,20}", 0..100),
        ) {
            let mut table = WordTable::default();
            let mut map = std::collections::HashMap::new();
            for w in &words {
                if !map.contains_key(w.as_str()) {
                    let id = map.len() as u32;
                    table.insert(w, id);
                    map.insert(w.as_str(), id);
                }
            }
            for w in words.iter().chain(&probes) {
                let want = map.get(w.as_str()).copied().unwrap_or(NO_WORD);
                proptest::prop_assert_eq!(table.get(w.as_bytes()).id, want, "{:?}", w);
            }
        }
    }

    /// The grouped probe of the pass over all tokens finds what the
    /// linear one does, in a table full enough for groups without an
    /// empty tag, agreeing tags of other words and runs that wrap around.
    #[test]
    fn grouped_probes_agree_with_linear_ones() {
        let word = |n: u32| format!("w{n}");
        let mut table = WordTable::default();
        for n in 0..3000 {
            table.insert(&word(n), n);
        }
        // then words whose slots are the last few, in one run that wraps
        // around past groups without an empty tag
        let size = table.slots.len();
        let shift = table.shift;
        let home = |w: &str| ShortKey::new(w.as_bytes()).map_or(0, |k| k.slot(shift));
        let crowded: Vec<u32> = (3000..2_000_000)
            .filter(|&n| home(&word(n)) >= size - 8)
            .take(40)
            .collect();
        for &n in &crowded {
            table.insert(&word(n), n);
        }
        assert_eq!(table.slots.len(), size, "no growth in between");
        let full_groups = (0..size)
            .filter(|&at| table.tags[at..at + GROUP].iter().all(|&t| t != 0))
            .count();
        assert!(
            full_groups > 0,
            "the test wants groups without an empty tag"
        );
        let inserted = (0..3000).chain(crowded);
        let absent = 2_000_000..2_000_500;
        for (n, there) in inserted
            .map(|n| (n, true))
            .chain(absent.map(|n| (n, false)))
        {
            let w = word(n);
            let key = ShortKey::new(w.as_bytes()).expect("short words");
            let want = if there { n } else { NO_WORD };
            assert_eq!(table.get_short(&key).id, want, "{w}");
            assert_eq!(table.get_grouped(&key), table.get_short(&key), "{w}");
        }
    }

    proptest::proptest! {
        #[test]
        fn tag_masks_agree_with_a_byte_scan(group in proptest::array::uniform16(0u8..4), tag in 0u8..4) {
            proptest::prop_assert_eq!(tag_masks(&group, tag), tag_masks_of_bytes(&group, tag));
        }

        /// The keys of the pass over all tokens are the keys of their words.
        #[test]
        fn token_prefixes_are_the_keys_of_their_words(
            text in "([a-zA-Z]{1,20}|[ .,'\u{e9}\u{2019}-]|U\\.S\\.){0,30}"
        ) {
            let a = analyze(&text);
            for (word, lo, hi) in a.norm_prefixes() {
                if let Some(key) = ShortKey::new(word) {
                    proptest::prop_assert_eq!((key.lo, key.hi), (lo, hi), "{:?}", word);
                }
            }
        }
    }

    #[test]
    fn short_keys_tell_words_of_every_length_apart() {
        let words: Vec<String> = (0..=17)
            .flat_map(|n| ["a", "b"].map(|c| c.repeat(n)))
            .chain((0..=17).map(|n| format!("{}b", "a".repeat(n))))
            .chain((0..=17).map(|n| format!("b{}", "a".repeat(n))))
            .collect();
        let mut table = WordTable::default();
        for (id, w) in words.iter().enumerate() {
            if table.get(w.as_bytes()).id == NO_WORD {
                table.insert(w, id as u32);
            }
        }
        for (id, w) in words.iter().enumerate() {
            let first = words.iter().position(|x| x == w).unwrap_or(id);
            assert_eq!(table.get(w.as_bytes()).id, first as u32, "{w:?}");
        }
        assert_eq!(table.get(b"abab"), UNKNOWN);
    }
}
