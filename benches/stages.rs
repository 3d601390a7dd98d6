//! Criterion benches, one per pipeline stage: sentence segmentation
//! (`text::analyze`), entities (the dictionary pass and the mention
//! recognizer), entities + events (`extract::extract`), date parsing and
//! resolution (`extract::dates`), merging (`GraphBuilder::add` + `finish`),
//! export (`export::write_all`, plus GraphML and `write_json` alone) and
//! lexicon loading (`Lexicon::embedded`).
//!
//! Inputs are written here (news-like text made up for the bench), so the
//! benches need nothing outside the repository. Each bench is short (10
//! samples, 2-3 s of measurement); `cargo bench --bench stages` takes a couple
//! of minutes. Byte throughput is reported for the text stages, element
//! throughput (documents or extractions) for the graph stages.

use chrono::NaiveDate;
use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use diplograph::export::{ExportOptions, Format, View};
use diplograph::extract::dates::{parse_at, resolve, Tense};
use diplograph::extract::extract;
use diplograph::extract::mentions::Recognizer;
use diplograph::graph::GraphBuilder;
use diplograph::lexicon::Lexicon;
use diplograph::model::{Document, Extraction};
use diplograph::text::analyze;
use std::time::Duration;

/// A made-up wire story with the features the extractor handles: titles and
/// full names, countries and organisations, quoted statements, media
/// attribution, hedged and negated events, relative and absolute dates,
/// abbreviations ("U.S.", "Gen.", "Jan.") and a dateline.
const ARTICLE: &str = "\
GENEVA (Wire) - U.S. Secretary of State Antony Blinken met Russian Foreign Minister \
Sergei Lavrov in Geneva on Friday for talks that both sides described as frank. \
\"We made clear that any further incursion would be met with a swift and severe response,\" \
Blinken told reporters after the 90-minute meeting at the Hotel President Wilson. \
Lavrov said Moscow would send a written reply next week and accused NATO of ignoring \
Russia's security concerns, according to Reuters.

The talks followed a call between President Joe Biden and Vladimir Putin on Dec. 30, \
in which the two leaders agreed to keep diplomatic channels open. Germany's foreign \
minister, Annalena Baerbock, is expected to visit Kyiv and Moscow later this month, \
a spokesperson in Berlin said on Thursday.

Turkish President Recep Tayyip Erdogan offered to host a meeting between the leaders of \
Russia and Ukraine in Istanbul, but the Kremlin said no such summit was planned. \
NATO Secretary General Jens Stoltenberg said the alliance would not be meeting Russian \
officials again until Moscow withdraws its troops from the border. \
Gen. Mark Milley, chairman of the U.S. Joint Chiefs of Staff, spoke with his Russian \
counterpart on Jan. 14, the Pentagon said.

On Wednesday, Ukrainian officials said Russian forces had shelled positions near \
Donetsk overnight. China's foreign ministry called on all parties to exercise restraint \
and proposed that the United Nations Security Council convene an emergency session. \
French President Emmanuel Macron will travel to Moscow on Feb. 7 and to Kyiv the day after, \
the Elysee said in a statement on Saturday. Two days ago, the European Union condemned \
the build-up and warned of \"massive consequences\".
";

fn doc_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, 21).expect("valid date")
}

fn article_doc(id: &str) -> Document {
    let mut d = Document::new(id, ARTICLE);
    d.date = Some(doc_date());
    d.title = "Blinken and Lavrov meet in Geneva".to_string();
    d.source = Some("Wire".to_string());
    d
}

/// Extractions of `n` documents. Every 4 documents share one day, so some
/// events merge across documents (as reports of one event do) and some stay
/// apart, like a real feed.
fn extractions(lex: &Lexicon, n: usize) -> Vec<Extraction> {
    (0..n)
        .map(|i| {
            let mut d = article_doc(&format!("doc-{i:05}"));
            d.date = doc_date().checked_add_days(chrono::Days::new((i / 4) as u64));
            extract(&d, lex)
        })
        .collect()
}

fn short(c: &mut Criterion) -> criterion::BenchmarkGroup<'_, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group("stages");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    g
}

fn text_stages(c: &mut Criterion) {
    let lex = Lexicon::embedded().expect("embedded lexicon");
    let doc = article_doc("bench");
    let mut g = short(c);
    g.throughput(Throughput::Bytes(ARTICLE.len() as u64));
    g.bench_function("analyze (tokens + sentences)", |b| {
        b.iter(|| analyze(black_box(ARTICLE)).sentences.len())
    });
    g.bench_function("extract (entities + events)", |b| {
        b.iter(|| extract(black_box(&doc), &lex).events.len())
    });
    // entities alone: the dictionary pass and the mention recognizer over
    // every sentence, without event finding
    g.bench_function("entities (token matches + mentions)", |b| {
        b.iter(|| {
            let a = analyze(black_box(ARTICLE));
            let matches = lex.token_matches(&a);
            let mut rec = Recognizer::new(&lex, &a, &matches, Some(doc_date()));
            a.sentences
                .iter()
                .map(|s| rec.sentence(s).len())
                .sum::<usize>()
        })
    });

    // dates: try every token as the start of a date expression (as the
    // recognizer does), then resolve what was found
    let a = analyze(ARTICLE);
    let n = a.tokens.len();
    let found: Vec<_> = (0..n).filter_map(|i| parse_at(&a, i, n)).collect();
    assert!(found.len() >= 5, "the article should hold date expressions");
    g.bench_function("dates::parse_at (every token)", |b| {
        b.iter(|| (0..n).filter_map(|i| parse_at(black_box(&a), i, n)).count())
    });
    g.throughput(Throughput::Elements(found.len() as u64 * 3));
    g.bench_function("dates::resolve (past, future, unknown)", |b| {
        b.iter(|| {
            let mut k = 0;
            for &(_, e) in &found {
                for t in [Tense::Past, Tense::Future, Tense::Unknown] {
                    k += usize::from(
                        resolve(black_box(e), Some(doc_date()), Some(doc_date()), t).is_some(),
                    );
                }
            }
            k
        })
    });
    g.finish();
}

fn graph_stages(c: &mut Criterion) {
    let lex = Lexicon::embedded().expect("embedded lexicon");
    let xs = extractions(&lex, 400);
    assert!(
        xs.iter().map(|x| x.events.len()).sum::<usize>() > 0,
        "the article should yield events"
    );
    let mut g = short(c);
    g.measurement_time(Duration::from_secs(3));
    g.throughput(Throughput::Elements(xs.len() as u64));
    g.bench_function("merge (GraphBuilder::add x400 + finish)", |b| {
        b.iter(|| {
            let mut gb = GraphBuilder::new();
            for x in &xs {
                gb.add(black_box(x));
            }
            gb.finish().data.events.len()
        })
    });

    let mut gb = GraphBuilder::new();
    for x in &xs {
        gb.add(x);
    }
    let graph = gb.finish();
    let dir = tempfile::tempdir().expect("temp dir");
    g.bench_function("export::write_all (8 files, 400 docs)", |b| {
        b.iter(|| diplograph::export::write_all(black_box(&graph), dir.path()).unwrap())
    });
    let graphml = dir.path().join("alone.graphml");
    let options = ExportOptions {
        format: Format::Graphml,
        view: View::Full,
        bom: false,
    };
    g.bench_function("GraphML export (graph.graphml alone, 400 docs)", |b| {
        b.iter(|| diplograph::export::export(black_box(&graph), &graphml, options).unwrap())
    });
    g.bench_function("export::write_json (in memory, 400 docs)", |b| {
        b.iter_batched_ref(
            || Vec::with_capacity(1 << 20),
            |buf| diplograph::export::write_json(black_box(&graph), buf).unwrap(),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

fn lexicon_stage(c: &mut Criterion) {
    let mut g = short(c);
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("Lexicon::embedded (load + index)", |b| {
        b.iter(|| Lexicon::embedded().expect("embedded lexicon"))
    });
    g.finish();
}

criterion_group!(benches, text_stages, graph_stages, lexicon_stage);
criterion_main!(benches);
