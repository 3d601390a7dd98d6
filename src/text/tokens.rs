//! Tokens with byte offsets and a folded form for dictionary look-ups.
//!
//! Folding: lowercase, diacritics removed (deunicode), abbreviation dots
//! dropped ("U.S." -> "us"), curly apostrophes straightened. The folded forms
//! of all tokens share one buffer, so tokenizing allocates per document, not
//! per token.

use super::block_at;
use super::char_props::{props_uncached, ALPHA, NUMERIC, SPACE, TABLE_END, UPPER};
use deunicode::deunicode_char;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offsets in the text: 32 bits, as for the folded form, keep a
    /// token in 24 bytes (the folded forms already limit a text to 4 GB).
    pub start: u32,
    pub end: u32,
    pub kind: TokenKind,
    /// Range of the folded form in the analysis' shared buffer.
    pub norm: (u32, u32),
    /// First letter is uppercase.
    pub cap: bool,
    /// Two or more letters, all uppercase ("NATO", "U.S.").
    pub upper: bool,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
    /// A blank line (paragraph break) comes before this token.
    pub para_before: bool,
}

impl Token {
    /// Byte offsets of the token in the text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn start_byte(&self) -> usize {
        self.start as usize
    }

    pub fn end_byte(&self) -> usize {
        self.end as usize
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

/// Split `text` into tokens; returns them and the folded-forms buffer.
///
/// Most news text is ASCII, so bytes below 128 are classified directly and
/// only other characters are decoded; both paths give the same tokens. The
/// buffer starts as an ASCII-lowercased copy of the text, so a plain ASCII
/// token's folded form is its own byte range there; only the other tokens
/// ("U.S.", "Erdoğan", "’s") append a folded form after it.
///
/// The loop handles whitespace, plain ASCII words and one-byte punctuation
/// itself and leaves everything else to [`general_token`], kept out of
/// line: with the rare cases inside it, the loop ran out of registers and
/// spent a sixth of its time moving the new token's fields to the stack
/// and back.
pub fn tokenize(text: &str) -> (Vec<Token>, String) {
    let b = text.as_bytes();
    // news text averages a token per four to five bytes
    let mut tokens = Vec::with_capacity(text.len() / 4 + 8);
    // room for the folded forms appended after the copy ("U.S." -> "us"),
    // so that the first of them does not copy the whole buffer again
    let mut norm = String::with_capacity(text.len() + text.len() / 8 + 16);
    norm.push_str(text);
    norm.make_ascii_lowercase();
    let mut i = 0;
    let mut gap = Gap {
        space: true,
        para: false,
    };
    let mut newline = false;
    while let Some(&byte) = b.get(i) {
        let class = ASCII_CLASS[byte as usize];
        if class & SPACE_CLASS != 0 {
            if byte == b'\n' {
                gap.para |= newline;
                newline = true;
            }
            gap.space = true;
            i += 1;
            continue;
        }
        if let Some(token) = simple_token(b, i, class, gap) {
            i = token.end as usize;
            tokens.push(token);
        } else if let Some(end) = general_token(text, i, gap, &mut norm, &mut tokens) {
            i = end;
        } else {
            // a space outside ASCII (no-break, em space)
            gap.space = true;
            i += char_at(text, i).len_utf8();
            continue;
        }
        gap = Gap {
            space: false,
            para: false,
        };
        newline = false;
    }
    (tokens, norm)
}

/// What separates a token from the one before it.
#[derive(Clone, Copy)]
struct Gap {
    /// Whitespace.
    space: bool,
    /// A blank line (two newlines).
    para: bool,
}

/// The token at `i` when it is a plain ASCII word or number or a byte of
/// ASCII punctuation (not an apostrophe or backtick), whose folded form is
/// its own range of the lowercased copy.
#[inline(always)]
fn simple_token(b: &[u8], i: usize, class: u8, gap: Gap) -> Option<Token> {
    let (end, kind, cap, upper) = if class & ALNUM_CLASS != 0 {
        let run = plain_ascii_word(b, i)?;
        let kind = if class == DIGIT_CLASS {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        (run.end, kind, class == UPPER_CLASS, run.all_upper)
    } else if b[i] < 0x80 && b[i] != b'\'' && b[i] != b'`' {
        (i + 1, TokenKind::Punct, false, false)
    } else {
        return None;
    };
    Some(Token {
        start: i as u32,
        end: end as u32,
        kind,
        norm: (i as u32, end as u32),
        cap,
        upper,
        space_before: gap.space,
        para_before: gap.para,
    })
}

/// Push the token at `i` that [`simple_token`] left (abbreviations, digit
/// groups, apostrophes, other scripts), its folded form appended to
/// `norm`, and return its end; `None` when `i` is whitespace outside
/// ASCII. Out of line and pushing the token itself, so that the loop over
/// the common tokens keeps its values in registers.
#[inline(never)]
fn general_token(
    text: &str,
    i: usize,
    gap: Gap,
    norm: &mut String,
    tokens: &mut Vec<Token>,
) -> Option<usize> {
    let c = char_at(text, i);
    if is_space(c) {
        return None;
    }
    let (end, kind) = if is_alphanumeric(c) {
        let kind = if c.is_ascii_digit() {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        (word_end(text, i, c), kind)
    } else if (c == '\'' || c == '\u{2019}') && possessive_at(text, i) {
        (i + c.len_utf8() + 1, TokenKind::Word)
    } else {
        (i + c.len_utf8(), TokenKind::Punct)
    };
    let surface = text.get(i..end)?;
    let folded = append_folded(surface, norm);
    let (cap, upper) = case_flags(surface);
    tokens.push(Token {
        start: i as u32,
        end: end as u32,
        kind,
        norm: folded,
        cap,
        upper,
        space_before: gap.space,
        para_before: gap.para,
    });
    Some(end)
}

/// Append the folded form of `surface` to the buffer; returns its range
/// there.
fn append_folded(surface: &str, norm: &mut String) -> (u32, u32) {
    let n0 = norm.len() as u32;
    normalize_into(surface, norm);
    (n0, norm.len() as u32)
}

/// Per byte: [`DIGIT_CLASS`], [`LOWER_CLASS`] or [`UPPER_CLASS`] for an
/// ASCII digit or letter (all three have the [`ALNUM_CLASS`] bit; a
/// letter's second bit, an upper-case one's third), [`SPACE_CLASS`] for
/// ASCII whitespace, 0 for anything else.
const ASCII_CLASS: [u8; 256] = ascii_classes();
const ALNUM_CLASS: u8 = 1;
const DIGIT_CLASS: u8 = 1;
const LOWER_CLASS: u8 = 3;
const UPPER_CLASS: u8 = 7;
const SPACE_CLASS: u8 = 8;

const fn ascii_classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_uppercase() {
            UPPER_CLASS
        } else if b.is_ascii_lowercase() {
            LOWER_CLASS
        } else if b.is_ascii_digit() {
            DIGIT_CLASS
        } else if is_ascii_space(b) {
            SPACE_CLASS
        } else {
            0
        };
        c += 1;
    }
    t
}

/// A run of ASCII letters and digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    end: usize,
    /// Two or more letters, all upper-case ("NATO", "G7" is not).
    all_upper: bool,
}

/// The run of ASCII letters and digits from `start`, when nothing after
/// it could extend the token (an abbreviation dot, a digit group, an
/// inner apostrophe or a non-ASCII letter): then [`word_end`] would end it
/// at the same place.
#[inline]
fn plain_ascii_word(b: &[u8], start: usize) -> Option<Run> {
    let run = ascii_run(b, start);
    let end = run.end;
    if end == start {
        return None;
    }
    let last = b[end - 1];
    let plain = match b.get(end) {
        None => true,
        // "U.S.", "a.m."
        Some(b'.') if end - start == 1 && last.is_ascii_alphabetic() => false,
        // "1,000", "3.5"
        Some(b'.' | b',') => {
            !(last.is_ascii_digit() && b.get(end + 1).is_some_and(u8::is_ascii_digit))
        }
        // "O'Brien", "didn't" (a possessive "'s" ends the word either way)
        Some(b'\'') => !b
            .get(end + 1)
            .is_some_and(|&c| c.is_ascii_alphabetic() || c >= 0x80),
        Some(&c) => c < 0x80,
    };
    plain.then_some(run)
}

/// Bit `j` set for each of 16 bytes from `i` (zeros past the end of the
/// text, which end a run as the end does): its ASCII letters and digits,
/// its upper-case letters and its lower-case ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Masks {
    alnum: u32,
    upper: u32,
    lower: u32,
}

/// The run from `start`, sixteen bytes at a time: words are five bytes on
/// average, so one block almost always holds the whole word, and the
/// letters' case comes with it.
#[inline(always)]
fn ascii_run(b: &[u8], start: usize) -> Run {
    let mut i = start;
    let mut letters = 0u32;
    let mut lower = false;
    loop {
        let m = masks_at(b, i);
        // `alnum` has 16 bits, so the complement has a bit at 16 or below
        let n = (!m.alnum).trailing_zeros();
        let keep = (1u32 << n) - 1;
        let l = (m.upper | m.lower) & keep;
        // counting stops at two, which is all the flag asks
        letters += u32::from(l != 0) + u32::from(l & l.wrapping_sub(1) != 0);
        lower |= m.lower & keep != 0;
        i += n as usize;
        if n < 16 {
            break;
        }
    }
    Run {
        end: i,
        all_upper: letters >= 2 && !lower,
    }
}

#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn masks_at(b: &[u8], i: usize) -> Masks {
    use std::arch::x86_64::*;
    let block = block_at(b, i);
    // SAFETY: SSE2 is part of every x86-64 target, and the one load reads
    // the 16 bytes of `block`, a local array
    unsafe {
        let v = _mm_loadu_si128(block.as_ptr().cast());
        // signed compares: bytes from 0x80 are negative, below every range
        let digit = _mm_and_si128(
            _mm_cmpgt_epi8(v, _mm_set1_epi8(b'0' as i8 - 1)),
            _mm_cmplt_epi8(v, _mm_set1_epi8(b'9' as i8 + 1)),
        );
        let upper = _mm_and_si128(
            _mm_cmpgt_epi8(v, _mm_set1_epi8(b'A' as i8 - 1)),
            _mm_cmplt_epi8(v, _mm_set1_epi8(b'Z' as i8 + 1)),
        );
        let lower = _mm_and_si128(
            _mm_cmpgt_epi8(v, _mm_set1_epi8(b'a' as i8 - 1)),
            _mm_cmplt_epi8(v, _mm_set1_epi8(b'z' as i8 + 1)),
        );
        let alnum = _mm_or_si128(digit, _mm_or_si128(upper, lower));
        Masks {
            alnum: _mm_movemask_epi8(alnum) as u32,
            upper: _mm_movemask_epi8(upper) as u32,
            lower: _mm_movemask_epi8(lower) as u32,
        }
    }
}

#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn masks_at(b: &[u8], i: usize) -> Masks {
    masks_of_bytes(&block_at(b, i))
}

/// [`masks_at`] a byte at a time.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn masks_of_bytes(block: &[u8; 16]) -> Masks {
    let mut m = Masks {
        alnum: 0,
        upper: 0,
        lower: 0,
    };
    for (j, &c) in block.iter().enumerate() {
        let class = ASCII_CLASS[c as usize];
        m.alnum |= u32::from(class & ALNUM_CLASS) << j;
        m.upper |= u32::from(class == UPPER_CLASS) << j;
        m.lower |= u32::from(class == LOWER_CLASS) << j;
    }
    m
}

/// First letter uppercase; two or more letters, all uppercase.
fn case_flags(surface: &str) -> (bool, bool) {
    let (mut n_letters, mut all_upper) = (0, true);
    for l in surface.chars().filter(|&c| is_alphabetic(c)) {
        n_letters += 1;
        all_upper &= is_uppercase(l);
    }
    let cap = surface.chars().next().is_some_and(is_uppercase);
    (cap, n_letters >= 2 && all_upper)
}

/// Unicode properties of the characters below U+3000, tabulated at
/// compile time by `build.rs`: the standard library's tables are searched
/// on every call, which made a few documents in other scripts cost as much
/// to tokenize as all the rest.
static TABLE: [u8; TABLE_END as usize] =
    *include_bytes!(concat!(env!("OUT_DIR"), "/char_props.bin"));

fn props(c: char) -> u8 {
    match TABLE.get(c as usize) {
        Some(&p) => p,
        None => props_uncached(c),
    }
}

fn is_alphabetic(c: char) -> bool {
    props(c) & ALPHA != 0
}

fn is_alphanumeric(c: char) -> bool {
    props(c) & (ALPHA | NUMERIC) != 0
}

fn is_space(c: char) -> bool {
    props(c) & SPACE != 0
}

fn is_uppercase(c: char) -> bool {
    props(c) & UPPER != 0
}

/// ASCII whitespace as `char::is_whitespace` counts it.
#[inline]
const fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// The character at byte `i`, without decoding when it is ASCII.
#[inline]
fn char_at(text: &str, i: usize) -> char {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => b as char,
        Some(_) => text[i..].chars().next().unwrap_or(' '),
        None => ' ',
    }
}

/// `'s` / `’s` ending a word: a possessive, kept as its own token.
fn possessive_at(text: &str, i: usize) -> bool {
    let after = i + char_at(text, i).len_utf8();
    matches!(text.as_bytes().get(after), Some(b's') | Some(b'S'))
        && !char_at_opt(text, after + 1).is_some_and(is_alphanumeric)
}

fn char_at_opt(text: &str, i: usize) -> Option<char> {
    (i < text.len()).then(|| char_at(text, i))
}

/// End of the word or number starting at `start` with `first`: letters and
/// digits, internal apostrophes ("O'Brien", "didn't", but not a possessive
/// "'s"), dotted abbreviations ("U.S.", "a.m.") and digit groups ("1,000",
/// "3.5").
fn word_end(text: &str, start: usize, first: char) -> usize {
    let b = text.as_bytes();
    if is_alphabetic(first) && b.get(start + first.len_utf8()) == Some(&b'.') {
        if let Some(end) = dotted_abbreviation_end(text, start) {
            return end;
        }
    }
    let mut i = start;
    while i < b.len() {
        if b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let c = char_at(text, i);
        if is_alphanumeric(c) {
            i += c.len_utf8();
            continue;
        }
        let next = char_at_opt(text, i + c.len_utf8());
        if (c == '\'' || c == '\u{2019}')
            && next.is_some_and(is_alphabetic)
            && !possessive_at(text, i)
        {
            i += c.len_utf8();
            continue;
        }
        if (c == ',' || c == '.')
            && i > start
            && b[i - 1].is_ascii_digit()
            && next.is_some_and(|n| n.is_ascii_digit())
        {
            i += 1;
            continue;
        }
        break;
    }
    i
}

/// "U.S.", "U.N.", "U.S.A.", "e.g.": single letters each followed by a dot,
/// at least two of them.
fn dotted_abbreviation_end(text: &str, start: usize) -> Option<usize> {
    let mut i = start;
    let mut letters = 0;
    while let Some(c) = char_at_opt(text, i).filter(|&c| is_alphabetic(c)) {
        let after = i + c.len_utf8();
        if text.as_bytes().get(after) != Some(&b'.') {
            break;
        }
        letters += 1;
        i = after + 1;
    }
    let next_is_letter = char_at_opt(text, i).is_some_and(is_alphanumeric);
    (letters >= 2 && !next_is_letter).then_some(i)
}

/// Append the folded form of `s` to `out`.
pub fn normalize_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'a'..='z' | '0'..='9' => out.push(c),
            '.' if s.len() > 1 => {}
            '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' => out.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '"' => out.push('"'),
            '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => out.push('-'),
            c if c.is_ascii() => out.push(c),
            c => {
                let folded = deunicode_char(c).unwrap_or("");
                for f in folded.chars() {
                    if f.is_ascii_alphanumeric() {
                        out.push(f.to_ascii_lowercase());
                    }
                }
                if folded.is_empty() || !folded.chars().any(|f| f.is_ascii_alphanumeric()) {
                    out.push(c);
                }
            }
        }
    }
}

/// The folded tokens of a dictionary phrase, hyphens dropped, so that
/// "al-Qaeda", "al Qaeda" and "Al Qaeda" share one key.
pub fn normalize_phrase(s: &str) -> Vec<String> {
    let (tokens, norm) = tokenize(s);
    tokens
        .iter()
        .map(|t| norm[t.norm.0 as usize..t.norm.1 as usize].to_string())
        .filter(|n| n != "-" && !n.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(String, String)> {
        let (tokens, norm) = tokenize(text);
        tokens
            .iter()
            .map(|t| {
                (
                    text[t.range()].to_string(),
                    norm[t.norm.0 as usize..t.norm.1 as usize].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn abbreviations_possessives_and_hyphens() {
        let t = toks("U.S.-Russia ties, Britain's O'Brien didn't");
        let surfaces: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            surfaces,
            ["U.S.", "-", "Russia", "ties", ",", "Britain", "'s", "O'Brien", "didn't"]
        );
        assert_eq!(t[0].1, "us");
        assert_eq!(t[6].1, "'s");
    }

    #[test]
    fn offsets_survive_multibyte_text() {
        let text = "Erdoğan met Zelenskyy’s envoy on 1,000 days.";
        let (tokens, norm) = tokenize(text);
        for t in &tokens {
            assert!(text.is_char_boundary(t.start_byte()) && text.is_char_boundary(t.end_byte()));
        }
        let first = &norm[tokens[0].norm.0 as usize..tokens[0].norm.1 as usize];
        assert_eq!(first, "erdogan");
        assert!(tokens.iter().any(|t| &text[t.range()] == "1,000"));
        assert!(tokens.iter().any(|t| &text[t.range()] == "\u{2019}s"));
    }

    #[test]
    fn phrases_fold_to_one_key() {
        assert_eq!(normalize_phrase("al-Qaeda"), normalize_phrase("Al Qaeda"));
        assert_eq!(normalize_phrase("Élysée Palace"), ["elysee", "palace"]);
        assert_eq!(normalize_phrase("U.N."), ["un"]);
    }

    #[test]
    fn ascii_and_decoded_paths_agree() {
        // the same words with and without a non-ASCII letter or apostrophe
        let plain = toks("NATO's U.S. chief `Ali` O'Neil, 3.5 a.m. d'\u{c9}t\u{e9}");
        let curly =
            toks("NATO\u{2019}s U.S. chief `Ali` O\u{2019}Neil, 3.5 a.m. d\u{2019}\u{c9}t\u{e9}");
        assert_eq!(plain.len(), curly.len());
        assert_eq!(plain.last().map(|t| t.1.as_str()), Some("d'ete"));
        for (p, c) in plain.iter().zip(&curly) {
            assert_eq!(p.1, c.1, "{p:?} vs {c:?}");
        }
        let (t, _) = tokenize("\u{c9}LYS\u{c9}E \u{c9}lys\u{e9}e");
        assert!(t[0].upper && t[0].cap && t[1].cap && !t[1].upper);
        let (t, norm) = tokenize("a\u{a0}b\u{2003}c");
        assert_eq!(t.len(), 3);
        assert!(t[1].space_before && t[2].space_before);
        let folded: Vec<&str> = t
            .iter()
            .map(|t| &norm[t.norm.0 as usize..t.norm.1 as usize])
            .collect();
        assert_eq!(folded, ["a", "b", "c"]);
    }

    proptest::proptest! {
        /// The one-pass path for plain ASCII words ends, folds and flags
        /// every token as the general path would.
        #[test]
        fn fast_path_agrees_with_the_general_path(
            text in "([a-zA-Z0-9]{1,4}|[ .,'`\u{2019}\u{e9}\u{c9}\n-]){0,40}"
        ) {
            let (tokens, norm) = tokenize(&text);
            for t in &tokens {
                let surface = &text[t.range()];
                let first = surface.chars().next().unwrap_or(' ');
                if first.is_alphanumeric() {
                    proptest::prop_assert_eq!(word_end(&text, t.start_byte(), first), t.end_byte());
                }
                let mut want = String::new();
                normalize_into(surface, &mut want);
                proptest::prop_assert_eq!(&norm[t.norm.0 as usize..t.norm.1 as usize], want.as_str());
                proptest::prop_assert_eq!((t.cap, t.upper), case_flags(surface));
            }
        }
    }

    proptest::proptest! {
        /// The sixteen-byte masks agree with the byte table, and a run
        /// ends, and knows its case, as a byte-by-byte scan would.
        #[test]
        fn block_masks_and_runs_agree_with_a_byte_scan(
            text in "[a-zA-Z0-9 .,'\u{e9}\u{2019}-]{0,40}",
            start in 0usize..40,
        ) {
            let b = text.as_bytes();
            let start = start.min(b.len());
            proptest::prop_assert_eq!(masks_at(b, start), masks_of_bytes(&block_at(b, start)));
            let run = ascii_run(b, start);
            let want_end = start
                + b[start..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count();
            let letters: Vec<u8> = b[start..want_end]
                .iter()
                .copied()
                .filter(u8::is_ascii_alphabetic)
                .collect();
            let want_upper = letters.len() >= 2 && letters.iter().all(u8::is_ascii_uppercase);
            proptest::prop_assert_eq!(run, Run { end: want_end, all_upper: want_upper });
        }
    }

    #[test]
    fn runs_longer_than_a_block_end_where_their_letters_do() {
        let text = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 x";
        assert_eq!(
            ascii_run(text.as_bytes(), 0),
            Run {
                end: 36,
                all_upper: true
            }
        );
        let text = "ABCDEFGHIJKLMNOPq";
        assert_eq!(ascii_run(text.as_bytes(), 0).end, 17);
        assert!(!ascii_run(text.as_bytes(), 0).all_upper);
    }

    #[test]
    fn the_property_table_agrees_with_the_standard_library() {
        for c in (0..TABLE_END + 0x100).filter_map(char::from_u32) {
            assert_eq!(props(c), props_uncached(c), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn flags_mark_capitals_and_paragraphs() {
        let (t, _) = tokenize("NATO met\n\nThen x");
        assert!(t[0].upper && t[0].cap);
        assert!(!t[1].cap);
        assert!(t[2].para_before && !t[1].para_before);
    }
}
