//! The checks every fuzz target runs, shared with `tests/fuzz_regressions.rs`
//! (which includes this file with `#[path]`), so that the corpus and crash
//! inputs replayed on stable Rust meet exactly the assertions the fuzzer
//! enforced.
//!
//! Each `check_*` function takes the raw fuzz input and panics on a
//! violated invariant.

#![allow(dead_code)]

use chrono::{Datelike, NaiveDate};
use diplograph::extract::dates::{self, Tense};
use diplograph::graph::GraphBuilder;
use diplograph::ingest::{self, Item};
use diplograph::lexicon::Lexicon;
use diplograph::model::{DateSpan, Document, Extraction, Precision};
use diplograph::text;
use std::sync::OnceLock;

/// The embedded lexicon, loaded once per process.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::embedded().expect("embedded lexicon loads"))
}

/// The names of the fuzz targets, which are also the corpus folder names.
pub const TARGETS: [&str; 5] = [
    "ingest_jsonl",
    "ingest_txt",
    "sentences",
    "dates",
    "extract",
];

/// Run the check of target `name` on `data`.
pub fn check_target(name: &str, data: &[u8]) {
    match name {
        "ingest_jsonl" => check_ingest_jsonl(data),
        "ingest_txt" => check_ingest_txt(data),
        "sentences" => check_sentences(data),
        "dates" => check_dates(data),
        "extract" => check_extract(data),
        other => panic!("unknown fuzz target {other:?}"),
    }
}

/// A date span is valid for its precision: ordered, one day for `day`, seven
/// days from a Monday for `week`, one whole calendar month for `month`, one
/// whole calendar year for `year`.
pub fn assert_date_span(d: &DateSpan) {
    assert!(d.start <= d.end, "date span ends before it starts: {d:?}");
    let days = (d.end - d.start).num_days() + 1;
    match d.precision {
        Precision::Day => assert_eq!(d.start, d.end, "day precision spans one day: {d:?}"),
        Precision::Week => assert_eq!(days, 7, "week precision spans seven days: {d:?}"),
        Precision::Month => {
            assert_eq!(d.start.day(), 1, "month starts on the 1st: {d:?}");
            assert_eq!(
                (d.start.year(), d.start.month()),
                (d.end.year(), d.end.month()),
                "month precision stays in one month: {d:?}"
            );
            assert!(
                d.end.succ_opt().is_none_or(|n| n.day() == 1),
                "month precision ends on the month's last day: {d:?}"
            );
        }
        Precision::Year => {
            assert_eq!(
                (d.start.month(), d.start.day()),
                (1, 1),
                "year starts on Jan 1: {d:?}"
            );
            assert_eq!(
                (d.end.month(), d.end.day()),
                (12, 31),
                "year ends on Dec 31: {d:?}"
            );
            assert_eq!(d.start.year(), d.end.year(), "one year: {d:?}");
        }
    }
}

/// `[start, end]` is a non-empty-or-empty byte range inside `text` on char
/// boundaries.
pub fn assert_byte_range(text: &str, span: [usize; 2], what: &str) {
    let [s, e] = span;
    assert!(
        s <= e && e <= text.len(),
        "{what} {span:?} out of range (text is {} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(s) && text.is_char_boundary(e),
        "{what} {span:?} not on char boundaries"
    );
}

/// Every span of an extraction indexes its document: event spans and actor
/// mentions lie on char boundaries inside the text, `text[span]` is the
/// event's sentence and contains its trigger, dates are valid, and
/// participants are actors of the extraction.
pub fn assert_extraction(doc: &Document, x: &Extraction) {
    let text = doc.text.as_str();
    assert_eq!(x.doc_id, doc.id);
    assert_eq!(x.date, doc.date);
    let mut ids = std::collections::BTreeSet::new();
    for a in &x.actors {
        assert!(!a.id.is_empty(), "actor with an empty id: {a:?}");
        assert!(ids.insert(a.id.as_str()), "duplicate actor id {:?}", a.id);
        for m in &a.mentions {
            assert_byte_range(text, *m, &format!("mention of {:?}", a.id));
        }
    }
    let mut event_ids = std::collections::BTreeSet::new();
    for e in &x.events {
        assert!(
            event_ids.insert(e.id.as_str()),
            "duplicate event id {:?}",
            e.id
        );
        assert_byte_range(text, e.span, &format!("span of event {:?}", e.id));
        assert_eq!(
            &text[e.span[0]..e.span[1]],
            e.sentence,
            "event {:?}: text[span] is not its sentence",
            e.id
        );
        assert!(
            !e.trigger.is_empty() && e.sentence.contains(&e.trigger),
            "event {:?}: trigger {:?} not in sentence {:?}",
            e.id,
            e.trigger,
            e.sentence
        );
        if let Some(d) = &e.date {
            assert_date_span(d);
        }
        for p in &e.participants {
            assert!(
                ids.contains(p.as_str()),
                "event {:?}: participant {p:?} is not an actor",
                e.id
            );
        }
    }
}

/// JSONL records: a document has non-blank text and an id (the origin when
/// the record has none); anything else is a skip naming the origin.
pub fn check_ingest_jsonl(data: &[u8]) {
    let line = String::from_utf8_lossy(data);
    let origin = "fuzz.jsonl:1";
    match ingest::parse_jsonl_record(origin, &line) {
        Item::Doc(d) => {
            assert!(!d.text.trim().is_empty(), "document without text");
            assert!(!d.id.is_empty(), "document without id");
            assert_eq!(d.title, d.title.trim(), "title is trimmed");
            // the JSON itself must have been an object with that text
            let v: serde_json::Value = serde_json::from_str(&line).expect("accepted line is JSON");
            assert_eq!(v["text"].as_str(), Some(d.text.as_str()));
        }
        Item::Skipped(s) => {
            assert_eq!(s.origin, origin);
            assert!(!s.detail.is_empty());
        }
        Item::Warning(w) => panic!("parse_jsonl_record returned a bare warning: {w}"),
    }
}

/// Text files: the body is a suffix of the file (offsets count from it), the
/// header fields are single trimmed lines.
pub fn check_ingest_txt(data: &[u8]) {
    let raw = String::from_utf8_lossy(data);
    let d = ingest::parse_txt("fuzz", &raw);
    assert_eq!(d.id, "fuzz");
    let unbommed = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
    assert!(
        unbommed.ends_with(&d.text),
        "body {:?} is not a suffix of the file",
        d.text
    );
    for field in [Some(&d.title), d.source.as_ref(), d.url.as_ref()]
        .into_iter()
        .flatten()
    {
        assert!(!field.contains('\n'), "header field spans lines: {field:?}");
        assert_eq!(field, field.trim(), "header field is trimmed");
    }
}

/// Tokens and sentences: tokens are ordered, non-empty, on char boundaries
/// and separated only by whitespace; sentences partition the tokens in
/// order and their byte spans are those of their first and last tokens.
pub fn check_sentences(data: &[u8]) {
    let t = String::from_utf8_lossy(data);
    let a = text::analyze(&t);
    let mut prev_end = 0;
    for (i, tok) in a.tokens.iter().enumerate() {
        let (start, end) = (tok.start_byte(), tok.end_byte());
        assert!(start < end, "empty token {i}: {tok:?}");
        assert!(start >= prev_end, "token {i} overlaps the previous one");
        assert_byte_range(&t, [start, end], &format!("token {i}"));
        assert!(
            t[prev_end..start].chars().all(char::is_whitespace),
            "non-whitespace text {:?} between tokens",
            &t[prev_end..start]
        );
        assert!(
            !a.surface(i).chars().any(char::is_whitespace),
            "token {i} {:?} holds whitespace",
            a.surface(i)
        );
        let _ = a.norm(i);
        prev_end = end;
    }
    assert!(
        t[prev_end..].chars().all(char::is_whitespace),
        "text after the last token is not whitespace"
    );
    let mut next_tok = 0;
    let mut paragraph = 0;
    for s in &a.sentences {
        assert_eq!(s.tok_start, next_tok, "sentences leave a gap: {s:?}");
        assert!(s.tok_start < s.tok_end, "empty sentence {s:?}");
        assert_eq!(s.start, a.tokens[s.tok_start].start_byte());
        assert_eq!(s.end, a.tokens[s.tok_end - 1].end_byte());
        assert!(s.paragraph >= paragraph, "paragraphs go backwards");
        assert_byte_range(&t, [s.start, s.end], "sentence");
        assert_eq!(a.sentence_text(s), &t[s.start..s.end]);
        assert_eq!(a.slice(s.tok_start, s.tok_end), a.sentence_text(s));
        paragraph = s.paragraph;
        next_tok = s.tok_end;
    }
    assert_eq!(
        next_tok,
        a.tokens.len(),
        "sentences do not cover all tokens"
    );
}

/// The first bytes of a dates input pick the publication date, the anchor
/// and the tense; the rest is the text.
pub fn split_dates_input(data: &[u8]) -> (Option<NaiveDate>, Option<NaiveDate>, Tense, &[u8]) {
    let base = NaiveDate::from_ymd_opt(2017, 4, 12).unwrap();
    let byte = |i: usize| data.get(i).copied().unwrap_or(0);
    let date_of = |sel: u8, hi: u8, lo: u8| -> Option<NaiveDate> {
        let off = i16::from_be_bytes([hi, lo]) as i64;
        match sel % 4 {
            0 => None,
            1 => Some(base + chrono::Duration::days(off % 4000)),
            // the edges of chrono's calendar, where arithmetic overflows
            2 => NaiveDate::MIN.checked_add_days(chrono::Days::new(off.unsigned_abs())),
            _ => NaiveDate::MAX.checked_sub_days(chrono::Days::new(off.unsigned_abs())),
        }
    };
    let doc = date_of(byte(0) & 3, byte(1), byte(2));
    let anchor = date_of((byte(0) >> 2) & 3, byte(3), byte(4));
    let tense = match (byte(0) >> 4) & 3 {
        0 => Tense::Past,
        1 => Tense::Future,
        _ => Tense::Unknown,
    };
    (doc, anchor, tense, data.get(5..).unwrap_or(&[]))
}

/// Date expressions: found at every token of every sentence, each within
/// its sentence, and every resolution is a valid span for its precision
/// under each tense.
pub fn check_dates(data: &[u8]) {
    let (doc, anchor, tense, rest) = split_dates_input(data);
    let t = String::from_utf8_lossy(rest);
    let a = text::analyze(&t);
    for s in &a.sentences {
        for i in s.tok_start..s.tok_end {
            let Some((len, expr)) = dates::parse_at(&a, i, s.tok_end) else {
                continue;
            };
            assert!(
                len >= 1 && i + len <= s.tok_end,
                "date expression {expr:?} at token {i} with length {len} leaves its sentence (ends at token {})",
                s.tok_end
            );
            for tn in [tense, Tense::Past, Tense::Future, Tense::Unknown] {
                if let Some(d) = dates::resolve(expr, doc, anchor, tn) {
                    assert_date_span(&d);
                }
            }
        }
    }
}

/// The whole per-document extraction, then the graph of that one document.
/// The first byte picks the publication date; the rest is the text.
pub fn check_extract(data: &[u8]) {
    let (sel, rest) = data.split_first().unwrap_or((&0, &[]));
    let text = String::from_utf8_lossy(rest).into_owned();
    let mut doc = Document::new("fuzz", text);
    // publication dates as ingest can produce them (chrono's `%Y` parses
    // any year chrono supports, so the calendar's edges are reachable)
    doc.date = match sel % 5 {
        0 => None,
        1 => NaiveDate::from_ymd_opt(2017, 4, 12),
        2 => NaiveDate::from_ymd_opt(1990 + (sel / 5) as i32, 1 + (sel % 12) as u32, 28),
        3 => NaiveDate::MAX.checked_sub_days(chrono::Days::new((sel / 5) as u64)),
        _ => NaiveDate::MIN.checked_add_days(chrono::Days::new((sel / 5) as u64)),
    };
    let x = diplograph::extract::extract(&doc, lexicon());
    assert_extraction(&doc, &x);
    let mut b = GraphBuilder::new();
    b.add(&x);
    let g = b.finish();
    for e in &g.data.events {
        if let Some(d) = &e.date {
            assert_date_span(d);
        }
        for p in &e.provenance {
            assert_eq!(&doc.text[p.span[0]..p.span[1]], &*p.sentence);
        }
    }
}
