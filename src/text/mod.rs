//! Text: tokens with byte offsets into the original text, and sentences made
//! of them. One way in: [`analyze`].
//!
//! Sentence splitting must survive "U.S.", "Gen.", "Jan.", initials, quotes,
//! brackets, photo captions and datelines, because every event points back at
//! the sentence that states it.

mod char_props;
mod sentences;
mod tokens;
mod words;

pub use sentences::Sentence;
pub use tokens::{normalize_into, normalize_phrase, Token, TokenKind};
pub use words::WordList;

/// A document's text cut into tokens and sentences.
#[derive(Debug, Clone)]
pub struct Analysis<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    norm: String,
}

impl<'a> Analysis<'a> {
    /// The folded form of token `i` (lowercase ASCII, no abbreviation dots).
    pub fn norm(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.norm[t.norm.0 as usize..t.norm.1 as usize]
    }

    /// The first byte of token `i`'s folded form (0 if it has none): a
    /// cheap test that rules out most tokens before any string compare.
    #[inline]
    pub fn norm_first(&self, i: usize) -> u8 {
        let t = &self.tokens[i];
        self.norm
            .as_bytes()
            .get(t.norm.0 as usize)
            .copied()
            .filter(|_| t.norm.1 > t.norm.0)
            .unwrap_or(0)
    }

    /// Is token `i`'s folded form `w`? Compares lengths before bytes.
    #[inline]
    pub fn is(&self, i: usize, w: &str) -> bool {
        let t = &self.tokens[i];
        let (a, b) = (t.norm.0 as usize, t.norm.1 as usize);
        b - a == w.len() && self.norm.as_bytes().get(a..b) == Some(w.as_bytes())
    }

    /// Is token `i`'s folded form in `list`? Its first byte and length, read
    /// without slicing the folded text, turn most tokens away.
    #[inline]
    pub fn norm_in(&self, i: usize, list: &WordList) -> bool {
        let t = &self.tokens[i];
        let len = t.norm.1.saturating_sub(t.norm.0) as usize;
        let first = self.norm_first(i);
        list.may_contain(first, len) && list.holds(first, self.norm(i))
    }

    /// The folded form of the token before `i`, or "" at the start.
    pub fn prev_norm(&self, i: usize) -> &str {
        if i > 0 {
            self.norm(i - 1)
        } else {
            ""
        }
    }

    /// The original text of token `i`.
    pub fn surface(&self, i: usize) -> &'a str {
        let t = &self.tokens[i];
        &self.text[t.range()]
    }

    /// Byte offsets of tokens `[a, b)` in the text, from the start of
    /// token `a` to the end of token `b - 1` (`a < b`).
    pub fn byte_span(&self, a: usize, b: usize) -> [usize; 2] {
        [self.tokens[a].start_byte(), self.tokens[b - 1].end_byte()]
    }

    /// Original text from the start of token `a` to the end of token `b - 1`.
    pub fn slice(&self, a: usize, b: usize) -> &'a str {
        if a >= b {
            return "";
        }
        let [start, end] = self.byte_span(a, b);
        &self.text[start..end]
    }

    /// The sentence text of sentence `s`.
    pub fn sentence_text(&self, s: &Sentence) -> &'a str {
        &self.text[s.start..s.end]
    }

    /// The folded forms of all tokens in order, with the first sixteen
    /// bytes of each as two little-endian integers, zero past its end: a
    /// dictionary key read with two loads from the shared buffer, not a
    /// copy or a load for each length.
    pub fn norm_prefixes(&self) -> impl Iterator<Item = (&[u8], u64, u64)> + '_ {
        let norm = self.norm.as_bytes();
        self.tokens.iter().map(move |t| {
            let (start, end) = (t.norm.0 as usize, t.norm.1 as usize);
            let word = norm.get(start..end).unwrap_or_default();
            let (lo, hi) = le_halves(&block_at(norm, start));
            let len = word.len();
            (
                word,
                low_bytes(lo, len),
                low_bytes(hi, len.saturating_sub(8)),
            )
        })
    }
}

/// The sixteen bytes of `b` from `i`, zero-padded past its end.
#[inline(always)]
pub fn block_at(b: &[u8], i: usize) -> [u8; 16] {
    match b.get(i..i + 16).and_then(|s| <[u8; 16]>::try_from(s).ok()) {
        Some(block) => block,
        None => {
            let mut block = [0u8; 16];
            let rest = b.get(i..).unwrap_or_default();
            block[..rest.len()].copy_from_slice(rest);
            block
        }
    }
}

/// A block's first eight bytes and its last eight, as little-endian
/// integers.
#[inline(always)]
pub fn le_halves(block: &[u8; 16]) -> (u64, u64) {
    let (lo, hi) = block.split_at(8);
    let int = |half: &[u8]| half.try_into().map_or(0, u64::from_le_bytes);
    (int(lo), int(hi))
}

/// The `n` low bytes of `x` (all of them from 8 on), the rest zero.
#[inline(always)]
fn low_bytes(x: u64, n: usize) -> u64 {
    let keep = if n >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    };
    x & keep
}

/// Tokenize and split a text.
pub fn analyze(text: &str) -> Analysis<'_> {
    let (tokens, norm) = tokens::tokenize(text);
    let sentences = sentences::split(text, &tokens, &norm);
    Analysis {
        text,
        tokens,
        sentences,
        norm,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let a = analyze(text);
        a.sentences.iter().map(|s| a.sentence_text(s)).collect()
    }

    #[test]
    fn abbreviations_titles_and_initials_do_not_end_sentences() {
        let s = sentences(
            "U.S. Secretary of State Rex Tillerson met Gen. John F. Kelly on Jan. 5 at the U.N. headquarters. Mr. Lavrov said no.",
        );
        assert_eq!(s.len(), 2, "{s:?}");
        assert!(s[1].starts_with("Mr. Lavrov"));
    }

    #[test]
    fn an_abbreviation_can_end_a_sentence() {
        let s = sentences("Russia warned the U.S. The talks then ended.");
        assert_eq!(s, ["Russia warned the U.S.", "The talks then ended."]);
    }

    #[test]
    fn quotes_and_brackets_stay_with_their_sentence() {
        let s = sentences(
            "\u{201c}We will talk,\u{201d} Peskov said. \"It is over.\" Lavrov (pictured) agreed. He left.",
        );
        assert_eq!(
            s,
            [
                "\u{201c}We will talk,\u{201d} Peskov said.",
                "\"It is over.\"",
                "Lavrov (pictured) agreed.",
                "He left."
            ]
        );
    }

    #[test]
    fn captions_and_paragraphs_without_final_stops_are_their_own_sentences() {
        let s = sentences("Leaders meet in Lucca, Italy April 11, 2017. Reuters\n\nMOSCOW (Reuters) - Talks began on Wednesday.");
        assert_eq!(
            s,
            [
                "Leaders meet in Lucca, Italy April 11, 2017.",
                "Reuters",
                "MOSCOW (Reuters) - Talks began on Wednesday."
            ]
        );
    }

    #[test]
    fn a_token_is_in_a_word_list_as_its_folded_form_is() {
        const LIST: WordList = WordList::new(&["the", "u.s", "us", "'s", "erdogan", "-"]);
        let a = analyze("The U.S.' Erdoğan's then-president, thé us");
        for i in 0..a.tokens.len() {
            assert_eq!(
                a.norm_in(i, &LIST),
                LIST.contains(a.norm(i)),
                "{:?}",
                a.norm(i)
            );
        }
        assert!(a.norm_in(0, &LIST) && a.norm_in(1, &LIST));
    }

    #[test]
    fn sentence_spans_index_the_original_text() {
        let text = "Érdogan spoke.  Then he left!";
        let a = analyze(text);
        for s in &a.sentences {
            assert_eq!(&text[s.start..s.end], a.sentence_text(s));
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
        assert_eq!(a.sentences.len(), 2);
    }
}
