//! Sentence boundaries over tokens.

use super::tokens::{Token, TokenKind};
use crate::text::WordList;

/// A sentence: byte span in the text and token range `[tok_start, tok_end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tok_start: usize,
    pub tok_end: usize,
    /// Index of the paragraph (blank-line separated block) it belongs to.
    pub paragraph: usize,
}

/// Words after which a full stop does not end a sentence when a capitalised
/// word or a number follows: titles, months, and other short forms.
const ABBREVIATIONS: WordList = WordList::new(&[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm",
    "brig", "cmdr", "sen", "rep", "gov", "pres", "amb", "rev", "fr", "st", "mt", "ft", "jr", "sr",
    "jan", "feb", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vol", "vs", "v",
    "approx", "dept", "est", "gov't", "hon", "messrs", "mme", "mlle",
]);

/// Capitalised words that start sentences far more often than they continue
/// names: after "U.S." or "Inc." these mean a new sentence.
const SENTENCE_STARTERS: WordList = WordList::new(&[
    "the",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "but",
    "and",
    "in",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "there",
    "however",
    "his",
    "her",
    "its",
    "their",
    "on",
    "at",
    "as",
    "after",
    "before",
    "while",
    "when",
    "officials",
    "meanwhile",
    "earlier",
    "later",
    "both",
]);

/// Split into sentences. A boundary needs final punctuation (with any closing
/// quotes or brackets) followed by a token that can start a sentence, or a
/// paragraph break.
pub fn split(text: &str, tokens: &[Token], norm: &str) -> Vec<Sentence> {
    // news sentences run to about 25 tokens
    let mut out = Vec::with_capacity(tokens.len() / 16 + 4);
    let mut start_tok = 0;
    let mut paragraph = 0;
    let mut i = 0;
    while i < tokens.len() {
        if i > start_tok && tokens[i].para_before {
            push(&mut out, text, tokens, (start_tok, i), paragraph);
            paragraph += 1;
            start_tok = i;
        } else if i == start_tok && tokens[i].para_before && i > 0 {
            paragraph += 1;
        }
        let t = &tokens[i];
        // only a token ending in '.', '!', '?' or '…' (whose last byte is
        // 0xA6) can end a sentence
        let last = text.as_bytes().get(t.end_byte().wrapping_sub(1)).copied();
        if !matches!(last, Some(b'.' | b'!' | b'?' | 0xA6)) {
            i += 1;
            continue;
        }
        let s = &text[t.range()];
        let terminal = matches!(s, "." | "!" | "?" | "\u{2026}")
            || (t.is_word() && s.ends_with('.') && s.len() > 2);
        if terminal {
            let mut end = i + 1;
            while end < tokens.len()
                && is_closer(&text[tokens[end].range()])
                && !tokens[end].space_before
            {
                end += 1;
            }
            if end < tokens.len() && ends_sentence(text, tokens, norm, i, end) {
                push(&mut out, text, tokens, (start_tok, end), paragraph);
                start_tok = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    if start_tok < tokens.len() {
        push(&mut out, text, tokens, (start_tok, tokens.len()), paragraph);
    }
    out
}

fn is_closer(s: &str) -> bool {
    matches!(
        s,
        "\"" | "\u{201d}" | "\u{2019}" | "'" | ")" | "]" | "\u{bb}"
    )
}

fn is_opener(s: &str) -> bool {
    matches!(
        s,
        "\"" | "\u{201c}" | "\u{2018}" | "'" | "(" | "[" | "\u{ab}"
    )
}

/// Does the terminal token at `i` (closers up to `next`) end the sentence?
fn ends_sentence(text: &str, tokens: &[Token], norm: &str, i: usize, next: usize) -> bool {
    let nt = &tokens[next];
    if nt.para_before {
        return true;
    }
    if !nt.space_before {
        return false;
    }
    let next_s = &text[nt.range()];
    let starts_ok = nt.cap
        || nt.kind == TokenKind::Number
        || is_opener(next_s)
        || matches!(next_s, "\u{2014}" | "-");
    if !starts_ok {
        return false;
    }
    let t = &tokens[i];
    let s = &text[t.range()];
    let next_norm = &norm[nt.norm.0 as usize..nt.norm.1 as usize];
    if t.is_word() {
        // a dotted abbreviation ("U.S.") ends a sentence only before a
        // typical sentence opener
        return SENTENCE_STARTERS.contains(next_norm);
    }
    if s == "." && i > 0 {
        let p = &tokens[i - 1];
        if p.end == t.start && p.is_word() {
            let prev = &text[p.range()];
            let prev_norm = &norm[p.norm.0 as usize..p.norm.1 as usize];
            let initial = prev.chars().count() == 1 && prev.chars().all(|c| c.is_uppercase());
            if initial {
                return false;
            }
            if ABBREVIATIONS.contains(prev_norm) {
                return SENTENCE_STARTERS.contains(next_norm) && !is_title_abbreviation(prev_norm);
            }
        }
    }
    true
}

fn is_title_abbreviation(s: &str) -> bool {
    matches!(
        s,
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "prof"
            | "gen"
            | "lt"
            | "col"
            | "maj"
            | "capt"
            | "sgt"
            | "adm"
            | "sen"
            | "rep"
            | "gov"
            | "st"
            | "hon"
            | "amb"
            | "rev"
            | "brig"
            | "cmdr"
    )
}

/// The most tokens one sentence may hold. News sentences stay far below it;
/// text without sentence punctuation (a table, a JSON file given as an
/// article) would otherwise make one sentence of everything, and the work
/// per trigger, which looks across its sentence, would grow with the square
/// of the input.
pub const MAX_SENTENCE_TOKENS: usize = 400;

fn push(
    out: &mut Vec<Sentence>,
    text: &str,
    tokens: &[Token],
    span: (usize, usize),
    paragraph: usize,
) {
    let (mut a, b) = span;
    while b.saturating_sub(a) > MAX_SENTENCE_TOKENS {
        let cut = long_sentence_cut(text, tokens, a);
        push_one(out, tokens, a, cut, paragraph);
        a = cut;
    }
    push_one(out, tokens, a, b, paragraph);
}

/// Where to end a piece of an over-long sentence that starts at `a`: after
/// the last clause mark (";", ":", ",") of its second half, else at the cap.
fn long_sentence_cut(text: &str, tokens: &[Token], a: usize) -> usize {
    let cap = a + MAX_SENTENCE_TOKENS;
    (a + MAX_SENTENCE_TOKENS / 2..cap)
        .rev()
        .find(|&i| matches!(&text[tokens[i].range()], ";" | ":" | ","))
        .map_or(cap, |i| i + 1)
}

fn push_one(out: &mut Vec<Sentence>, tokens: &[Token], a: usize, b: usize, paragraph: usize) {
    if a >= b {
        return;
    }
    out.push(Sentence {
        start: tokens[a].start_byte(),
        end: tokens[b - 1].end_byte(),
        tok_start: a,
        tok_end: b,
        paragraph,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn sentences_of(text: &str) -> Vec<Sentence> {
        let (tokens, norm) = tokenize(text);
        split(text, &tokens, &norm)
    }

    #[test]
    fn text_without_full_stops_is_cut_into_pieces_covering_every_token() {
        let text = (0..1000)
            .map(|n| if n % 37 == 36 { "word," } else { "word" })
            .collect::<Vec<_>>()
            .join(" ");
        let (tokens, _) = tokenize(&text);
        let s = sentences_of(&text);
        assert!(s.len() >= 3, "{} pieces", s.len());
        assert_eq!(s[0].tok_start, 0);
        assert_eq!(s.last().map(|x| x.tok_end), Some(tokens.len()));
        for w in s.windows(2) {
            assert_eq!(w[0].tok_end, w[1].tok_start);
        }
        for x in &s[..s.len() - 1] {
            assert!(x.tok_end - x.tok_start <= MAX_SENTENCE_TOKENS);
            // each piece but the last ends after a comma
            assert_eq!(&text[x.end - 1..x.end], ",");
        }
    }

    #[test]
    fn ordinary_sentences_are_not_cut() {
        let s = sentences_of("Lavrov met Tillerson in Moscow. They spoke for two hours.");
        assert_eq!(s.len(), 2);
    }
}
