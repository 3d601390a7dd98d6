//! Property tests of extraction and merging over generated documents: a mix
//! of random unicode and sentences assembled from news-like fragments
//! (names, titles, "U.S.", meeting and statement verbs, negations, relative
//! dates, quotes, brackets, datelines).

use chrono::{Datelike, NaiveDate, Weekday};
use diplograph::extract::dates::{self, DateExpr, Tense};
use diplograph::graph::GraphBuilder;
use diplograph::lexicon::Lexicon;
use diplograph::model::{DateSpan, Document, Extraction, Precision};
use proptest::prelude::*;
use proptest::sample::select;
use std::sync::OnceLock;

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::embedded().expect("embedded lexicon loads"))
}

const ACTORS: &[&str] = &[
    "Sergei Lavrov",
    "Russian Foreign Minister Sergei Lavrov",
    "Mr. Lavrov",
    "Rex Tillerson",
    "U.S. Secretary of State Rex Tillerson",
    "Secretary of State Rex Tillerson",
    "Vladimir Putin",
    "President Vladimir Putin",
    "Putin",
    "Gen. John F. Kelly",
    "President Donald Trump",
    "Kim Jong Un",
    "Chinese Foreign Minister Wang Yi",
    "Antony Blinken",
    "Recep Tayyip Erdo\u{11f}an",
    "Emmanuel Macron",
    "Kremlin spokesman Dmitry Peskov",
    "the U.S.",
    "U.S.",
    "the United States",
    "Russia",
    "Moscow",
    "Washington",
    "Iran",
    "Israel",
    "Hamas",
    "NATO",
    "the U.N.",
    "the European Union",
    "He",
    "She",
    "They",
    "Officials",
];

const VERBS: &[&str] = &[
    "met",
    "met with",
    "will meet",
    "will not meet",
    "will not be meeting",
    "may meet",
    "could meet",
    "did not meet",
    "is expected to meet",
    "held talks with",
    "said",
    "told",
    "warned",
    "denied",
    "struck",
    "launched missiles at",
    "attacked",
    "proposed",
    "offered",
    "called on",
    "visited",
    "hosted",
    "refused to meet",
    "has met",
];

const DATES: &[&str] = &[
    "on Wednesday",
    "last week",
    "next week",
    "on April 11, 2017",
    "on 12 April 2017",
    "on 2017-04-11",
    "on Jan. 5",
    "in May 2017",
    "in April",
    "in 2015",
    "yesterday",
    "today",
    "tomorrow",
    "last night",
    "two days ago",
    "three years ago",
    "later that day",
    "the next day",
    "earlier this month",
    "next month",
    "this year",
    "late Friday",
    "Thursday evening",
];

const PLACES: &[&str] = &[
    "in Moscow",
    "in Geneva",
    "at the Kremlin",
    "in Beijing",
    "in Lucca, Italy",
    "in Kyiv",
    "at the U.N. headquarters",
    "in Singapore",
];

const TAILS: &[&str] = &[
    "",
    ", Reuters reported",
    ", according to TASS",
    ", AFP reported",
    " (pictured)",
    " [sic]",
    ", officials said",
    ", a spokesman told reporters",
];

const TERMINALS: &[&str] = &[".", ".", ".", "!", "?", "\u{2026}", ""];

const JOINERS: &[&str] = &[" ", " ", "  ", "\n", "\n\n", "\r\n\r\n", "\t"];

/// A sentence assembled from fragments: `ACTOR VERB [ACTOR] [DATE] [PLACE]
/// [TAIL]TERMINAL`, possibly quoted and attributed, possibly after a
/// dateline.
fn news_sentence() -> impl Strategy<Value = String> {
    (
        select(ACTORS),
        select(VERBS),
        proptest::option::of(select(ACTORS)),
        proptest::option::of(select(DATES)),
        proptest::option::of(select(PLACES)),
        select(TAILS),
        select(TERMINALS),
        0..6u8,
    )
        .prop_map(|(a, v, b, d, p, tail, end, shape)| {
            let mut core = format!("{a} {v}");
            for part in [b, d, p].into_iter().flatten() {
                core.push(' ');
                core.push_str(part);
            }
            match shape {
                0 => format!("\u{201c}{core},\u{201d} {} said{end}", ACTORS[2]),
                1 => format!("\"{core}{end}\" {a} said."),
                2 => format!("MOSCOW (Reuters) - {core}{tail}{end}"),
                3 => format!("({core}){end}"),
                _ => format!("{core}{tail}{end}"),
            }
        })
}

/// Text pieces: assembled sentences, lone fragments, random unicode and
/// punctuation-heavy noise.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => news_sentence(),
        1 => select(DATES).prop_map(str::to_string),
        1 => select(ACTORS).prop_map(|a| format!("{a}.")),
        1 => any::<String>(),
        1 => "[A-Za-z0-9 .,;:!?'\"()\\[\\]\u{201c}\u{201d}\u{2019}\u{2014}\u{e9}\u{fffd}-]{0,40}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), select(JOINERS)), 0..8).prop_map(|parts| {
        let mut s = String::new();
        for (p, j) in parts {
            s.push_str(&p);
            s.push_str(j);
        }
        s
    })
}

fn pub_date() -> impl Strategy<Value = Option<NaiveDate>> {
    prop_oneof![
        1 => Just(None),
        4 => (1990i32..2030, 1u32..=12, 1u32..=31)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d.min(28))),
    ]
}

fn document() -> impl Strategy<Value = Document> {
    (text(), pub_date()).prop_map(|(t, date)| {
        let mut d = Document::new("doc", t);
        d.date = date;
        d
    })
}

fn assert_date_valid(d: &DateSpan) -> Result<(), TestCaseError> {
    prop_assert!(d.start <= d.end, "{d:?} ends before it starts");
    let days = (d.end - d.start).num_days() + 1;
    match d.precision {
        Precision::Day => prop_assert_eq!(d.start, d.end, "{:?}", d),
        Precision::Week => {
            prop_assert_eq!(days, 7, "{:?}", d);
            prop_assert_eq!(d.start.weekday(), Weekday::Mon, "{:?}", d);
        }
        Precision::Month => {
            prop_assert_eq!(d.start.day(), 1, "{:?}", d);
            prop_assert_eq!(
                (d.start.year(), d.start.month()),
                (d.end.year(), d.end.month())
            );
            let next = d.end.succ_opt().expect("a month before chrono's end");
            prop_assert_eq!(next.day(), 1, "{:?} stops before the month's end", d);
        }
        Precision::Year => {
            prop_assert_eq!(
                d.start,
                NaiveDate::from_ymd_opt(d.start.year(), 1, 1).unwrap()
            );
            prop_assert_eq!(
                d.end,
                NaiveDate::from_ymd_opt(d.start.year(), 12, 31).unwrap()
            );
        }
    }
    Ok(())
}

fn extract(doc: &Document) -> Extraction {
    diplograph::extract::extract(doc, lexicon())
}

fn date_expr() -> impl Strategy<Value = DateExpr> {
    let weekday = select(vec![
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ]);
    prop_oneof![
        (1900i32..2100, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| DateExpr::Full(NaiveDate::from_ymd_opt(y, m, d).unwrap())),
        (1u32..=12, 1u32..=31).prop_map(|(m, d)| DateExpr::MonthDay(m, d)),
        (1900i32..=2100, 1u32..=12).prop_map(|(y, m)| DateExpr::MonthYear(y, m)),
        (1u32..=12).prop_map(DateExpr::Month),
        (1900i32..=2100).prop_map(DateExpr::Year),
        weekday.prop_map(DateExpr::Weekday),
        (-10_000i64..=1).prop_map(DateExpr::RelDay),
        (-10_000i64..=1).prop_map(DateExpr::RelWeek),
        (-10_000i64..=1).prop_map(DateExpr::RelMonth),
        (-10_000i64..=1).prop_map(DateExpr::RelYear),
        Just(DateExpr::ThatDay),
        Just(DateExpr::DayAfterAnchor),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Every event span and actor mention lies on char boundaries inside the
    /// document, `text[span]` is the event's sentence, and that sentence
    /// contains the trigger.
    #[test]
    fn spans_index_the_document_and_contain_the_trigger(doc in document()) {
        let x = extract(&doc);
        let text = doc.text.as_str();
        for e in &x.events {
            let [s, t] = e.span;
            prop_assert!(s <= t && t <= text.len(), "span {:?} outside {} bytes", e.span, text.len());
            prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(t), "span {:?} splits a char", e.span);
            prop_assert_eq!(&text[s..t], e.sentence.as_str());
            prop_assert!(!e.trigger.is_empty());
            prop_assert!(e.sentence.contains(&e.trigger), "trigger {:?} not in {:?}", e.trigger, e.sentence);
        }
        for a in &x.actors {
            for &[s, t] in &a.mentions {
                prop_assert!(s <= t && t <= text.len(), "mention {:?} of {} outside the text", [s, t], a.id);
                prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(t));
            }
        }
    }

    /// Every date of every event is valid and fits its precision.
    #[test]
    fn event_dates_are_valid_for_their_precision(doc in document()) {
        let x = extract(&doc);
        for e in &x.events {
            if let Some(d) = &e.date {
                assert_date_valid(d)?;
            }
        }
    }

    /// Resolving any date expression against any publication date, anchor
    /// and tense gives a valid span for its precision (or nothing).
    #[test]
    fn resolved_dates_are_valid_for_their_precision(
        expr in date_expr(),
        doc in pub_date(),
        anchor in pub_date(),
        tense in select(vec![Tense::Past, Tense::Future, Tense::Unknown]),
    ) {
        if let Some(d) = dates::resolve(expr, doc, anchor, tense) {
            assert_date_valid(&d)?;
            if let DateExpr::Full(day) = expr {
                prop_assert_eq!(d, DateSpan::day(day));
            }
        }
    }

    /// Extraction of any document returns (a panic fails the case), and is
    /// a function of the document: the same document gives the same record.
    #[test]
    fn extraction_never_panics_and_is_deterministic(doc in document()) {
        let x = extract(&doc);
        prop_assert_eq!(&x.doc_id, &doc.id);
        prop_assert_eq!(x, extract(&doc));
    }

    /// The graph of some documents does not depend on the order they are
    /// added in, nor on how they are grouped into builders before merging.
    #[test]
    fn merging_is_independent_of_order_and_grouping(
        docs in prop::collection::vec(document(), 1..5),
        order in Just((0..5usize).collect::<Vec<_>>()).prop_shuffle(),
        cut in 0..5usize,
        swap in any::<bool>(),
    ) {
        let xs: Vec<Extraction> = docs
            .into_iter()
            .enumerate()
            .map(|(i, mut d)| {
                d.id = format!("doc{i}");
                extract(&d)
            })
            .collect();
        let mut in_order = GraphBuilder::new();
        for x in &xs {
            in_order.add(x);
        }
        let mut shuffled = GraphBuilder::new();
        for &i in order.iter().filter(|&&i| i < xs.len()) {
            shuffled.add(&xs[i]);
        }
        // two shards, split at `cut` of the shuffled order, merged either way
        let cut = cut.min(xs.len());
        let (mut left, mut right) = (GraphBuilder::new(), GraphBuilder::new());
        for (k, &i) in order.iter().filter(|&&i| i < xs.len()).enumerate() {
            if k < cut { left.add(&xs[i]) } else { right.add(&xs[i]) }
        }
        let grouped = if swap {
            right.merge(left);
            right
        } else {
            left.merge(right);
            left
        };
        let expected = in_order.finish().data;
        prop_assert_eq!(expected.documents.len(), xs.len());
        prop_assert_eq!(&shuffled.finish().data, &expected);
        prop_assert_eq!(&grouped.finish().data, &expected);
    }
}

/// The generators reach the interesting paths: many generated documents
/// yield events, of several kinds and factualities, with dates.
#[test]
fn generated_documents_exercise_extraction() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    use std::collections::BTreeSet;
    let mut runner = TestRunner::deterministic();
    let strategy = document();
    let (mut with_events, mut kinds, mut facts, mut precisions) =
        (0, BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for _ in 0..200 {
        let doc = strategy.new_tree(&mut runner).unwrap().current();
        let x = extract(&doc);
        with_events += usize::from(!x.events.is_empty());
        for e in &x.events {
            kinds.insert(e.kind);
            facts.insert(e.factuality);
            if let Some(d) = e.date {
                precisions.insert(d.precision);
            }
        }
    }
    assert!(
        with_events >= 100,
        "only {with_events} of 200 documents have events"
    );
    assert_eq!(kinds.len(), 4, "event kinds seen: {kinds:?}");
    assert!(facts.len() >= 3, "factualities seen: {facts:?}");
    assert!(
        precisions.len() >= 3,
        "date precisions seen: {precisions:?}"
    );
}
