//! Fixed word lists (function words, verb classes) asked "is this folded
//! word one of you?" for most tokens: a list keeps a bitmap of the
//! (first byte, length) shapes of its words, so most words are turned away
//! without comparing strings.

/// A constant list of folded words with a shape filter in front.
pub struct WordList {
    words: &'static [&'static str],
    /// Bit `len` (capped at 63) of entry `first byte % 64` is set when a
    /// word of that first byte and length is in the list.
    shapes: [u64; 64],
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> Self {
        let mut shapes = [0u64; 64];
        let mut k = 0;
        while k < words.len() {
            let (slot, bit) = shape(words[k].as_bytes());
            shapes[slot] |= bit;
            k += 1;
        }
        WordList { words, shapes }
    }

    /// Is `w` one of the words?
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        let first = w.as_bytes().first().copied().unwrap_or(0);
        self.may_contain(first, w.len()) && self.holds(first, w)
    }

    /// The scan behind the filter for `w`, whose first byte is `first`:
    /// only words of the same length and first byte are compared in full
    /// ("the" is not compared with "his").
    #[inline]
    pub(crate) fn holds(&self, first: u8, w: &str) -> bool {
        self.words.iter().any(|x| {
            x.len() == w.len() && x.as_bytes().first().copied().unwrap_or(0) == first && *x == w
        })
    }

    /// Could a word of this first byte (0 for the empty word) and length be
    /// in the list? False means it is not; true needs [`WordList::contains`].
    #[inline]
    pub fn may_contain(&self, first: u8, len: usize) -> bool {
        let (slot, bit) = shape_of(first, len);
        self.shapes[slot] & bit != 0
    }

    /// The words, in the order given.
    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }
}

/// The filter slot and bit of a word: its first byte and its length.
const fn shape(b: &[u8]) -> (usize, u64) {
    shape_of(if b.is_empty() { 0 } else { b[0] }, b.len())
}

#[inline]
const fn shape_of(first: u8, len: usize) -> (usize, u64) {
    let len = if len > 63 { 63 } else { len };
    ((first % 64) as usize, 1u64 << len)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: WordList = WordList::new(&["the", "a", "'s", "n't", "", "counterparts"]);

    #[test]
    fn members_are_found_and_others_are_not() {
        for w in LIST.words() {
            assert!(LIST.contains(w), "{w}");
        }
        for w in ["then", "an", "s", "'t", "counterpart", "tHe", "\u{e9}"] {
            assert!(!LIST.contains(w), "{w}");
        }
    }

    proptest::proptest! {
        /// The filter never turns away a word the list holds.
        #[test]
        fn agrees_with_a_plain_scan(w in "[a-z'-]{0,4}|th[a-z]{0,3}") {
            const WORDS: &[&str] = &["the", "they", "a", "an", "'s", "-", "that", "those"];
            let list = WordList::new(WORDS);
            proptest::prop_assert_eq!(list.contains(&w), WORDS.contains(&w.as_str()));
        }
    }
}
