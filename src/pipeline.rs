//! Whole runs: ingest -> extract (in parallel) -> merge -> export, with
//! progress and a summary. The CLI calls these; so can other programs.
//!
//! Documents stream through in batches: a batch is extracted in parallel by
//! rayon, then consumed in input order, so output is the same whatever the
//! thread count and memory holds one batch plus the graph.

use crate::extract::extract;
use crate::graph::{EventGraph, GraphBuilder, GraphData, MergeOptions};
use crate::ingest::{self, IngestOptions, Input, Item, SkipReason};
use crate::lexicon::Lexicon;
use crate::model::{Document, EventKind, Extraction};
use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver};

const BATCH: usize = 512;

/// A batch also ends once its documents hold this much text, so that the
/// batches in flight stay a few MB when the documents are long ones (a
/// corpus of books, not news: 512 of them could be gigabytes).
const BATCH_BYTES: usize = 1 << 20;

/// Batches handed to the pool before the oldest is merged. With one
/// batch ahead the two workers of a 2-core machine were busy 1.74 cores'
/// worth on average, with three 1.83, with eight 1.87-1.97, with sixteen
/// no more (`extract --threads 2` of 200 MB; user + system time / wall).
/// Each batch ahead holds its documents and extractions: about 2 MB.
const IN_FLIGHT: usize = 8;

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Ingest(#[from] ingest::IngestError),
    #[error(transparent)]
    Export(#[from] crate::export::ExportError),
    #[error("writing output: {0}")]
    Output(std::io::Error),
    #[error("no input given and the bundled samples folder was not found (looked for {0})")]
    NoSamples(String),
    #[error("{path}: {message}")]
    Shard { path: String, message: String },
}

/// Options shared by `build` and `extract`.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub inputs: Vec<Input>,
    pub default_date: Option<NaiveDate>,
    pub threads: Option<usize>,
    pub quiet: bool,
    /// Skip documents that are not in English (else they are only counted).
    pub lang_filter: bool,
}

/// What a run read and produced.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub documents: usize,
    pub skipped: BTreeMap<SkipReason, usize>,
    pub warnings: usize,
    pub bytes: u64,
    pub actors: usize,
    pub events: BTreeMap<EventKind, usize>,
    pub written: Vec<PathBuf>,
    pub seconds: f64,
    /// Of `seconds`, the time spent making the graph once the last
    /// extraction was in (sorting and grouping the reports into events).
    pub merge_seconds: f64,
    /// Documents detected as not English (extracted unless filtered).
    pub non_english: usize,
}

impl Summary {
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }

    /// One line for the end of a run.
    pub fn line(&self) -> String {
        let skipped = if self.skipped.is_empty() {
            "0 skipped".to_string()
        } else {
            let parts: Vec<String> = self
                .skipped
                .iter()
                .map(|(r, n)| format!("{n} {}", r.as_str()))
                .collect();
            format!("{} skipped: {}", self.skipped_total(), parts.join(", "))
        };
        let kinds: Vec<String> = EventKind::ALL
            .iter()
            .map(|k| {
                format!(
                    "{} {}",
                    self.events.get(k).copied().unwrap_or(0),
                    k.as_str()
                )
            })
            .collect();
        let total: usize = self.events.values().sum();
        let mbs = if self.seconds > 0.0 {
            self.bytes as f64 / 1e6 / self.seconds
        } else {
            0.0
        };
        let filtered = self.skipped.contains_key(&SkipReason::NotEnglish);
        let foreign = if self.non_english > 0 && !filtered {
            format!(", {} not English", self.non_english)
        } else {
            String::new()
        };
        let merging = if self.merge_seconds > 0.0 {
            format!(" ({:.2}s of it merging)", self.merge_seconds)
        } else {
            String::new()
        };
        format!(
            "{} documents read ({skipped}{foreign}), {} actors, {total} events ({}) in {:.2}s{merging}, {:.1} MB/s",
            self.documents,
            self.actors,
            kinds.join(", "),
            self.seconds,
            mbs
        )
    }
}

/// The bundled sample articles: `data/samples` under the working folder,
/// else under the source tree the binary was built from.
pub fn samples_dir() -> Result<PathBuf, PipelineError> {
    let local = PathBuf::from("data/samples");
    if local.is_dir() {
        return Ok(local);
    }
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    if built.is_dir() {
        return Ok(built);
    }
    Err(PipelineError::NoSamples(format!(
        "{} and {}",
        local.display(),
        built.display()
    )))
}

/// The progress bar on stderr: input bytes read of the total (when the
/// inputs are files), rate, ETA and documents. Drawn only once a run has
/// lasted a second, so short runs print nothing, and never with `--quiet`
/// or when stderr is not a terminal.
struct Progress {
    bar: ProgressBar,
    /// Not yet drawn, but would be once the run takes a second.
    waiting: bool,
    started: std::time::Instant,
}

impl Progress {
    fn new(opts: &RunOptions, total_bytes: Option<u64>) -> Progress {
        let bar = match total_bytes {
            Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::hidden())
                .with_style(progress_style(
                    "{spinner} [{elapsed_precise}] {wide_bar} {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} ETA {eta} {msg}",
                )),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
                .with_style(progress_style(
                    "{spinner} [{elapsed_precise}] {decimal_bytes} {decimal_bytes_per_sec} {msg}",
                )),
        };
        Progress {
            bar,
            waiting: !opts.quiet && std::io::stderr().is_terminal(),
            started: std::time::Instant::now(),
        }
    }

    fn update(&mut self, bytes_read: u64, documents: usize) {
        self.bar.set_position(bytes_read);
        self.bar.set_message(format!("{documents} documents"));
        if self.waiting && self.started.elapsed() >= std::time::Duration::from_secs(1) {
            self.waiting = false;
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            // keeps elapsed time and ETA moving between batches
            self.bar
                .enable_steady_tick(std::time::Duration::from_millis(200));
        }
    }

    /// Print around the bar without tearing it.
    fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        self.bar.suspend(f)
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

fn progress_style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar())
}

/// Extract one document; a bug that panics costs that document, never the
/// run.
fn extract_guarded(d: &Document, lex: &Lexicon) -> Result<Extraction, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract(d, lex)))
        .map_err(|_| d.id.clone())
}

/// Up to [`BATCH`] documents (fewer once they hold [`BATCH_BYTES`] of
/// text) as the reader found them, with the warnings and skips among them,
/// and how many input bytes had been read by then.
struct Batch {
    items: Vec<Item>,
    /// The bytes of its documents' texts.
    text_bytes: usize,
    bytes_read: u64,
}

/// Read ahead on a thread of its own: reading and parsing the next
/// batches overlaps extracting this one. The channel is bounded, so at
/// most a few batches wait in memory.
fn read_ahead<'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    mut reader: ingest::Reader,
) -> Receiver<Batch> {
    let (tx, rx) = sync_channel(2);
    scope.spawn(move || loop {
        let mut items = Vec::with_capacity(BATCH);
        let (mut docs, mut text_bytes) = (0, 0);
        let mut last = false;
        while docs < BATCH && text_bytes < BATCH_BYTES {
            let Some(item) = reader.next() else {
                last = true;
                break;
            };
            if let Item::Doc(d) = &item {
                docs += 1;
                text_bytes += d.text.len();
            }
            items.push(item);
        }
        let batch = Batch {
            items,
            text_bytes,
            bytes_read: reader.bytes_read(),
        };
        // a closed channel: the run stopped early, nothing more to read
        if tx.send(batch).is_err() || last {
            break;
        }
    });
    rx
}

/// One document's outcome: its extraction (or the id of a document that
/// was not extracted), and whether it looked English.
type Outcome = (Result<Extraction, String>, bool);

fn extract_all(docs: &[Document], lex: &Lexicon, lang_filter: bool) -> Vec<Outcome> {
    docs.par_iter()
        .map(|d| {
            let english = ingest::looks_english(&d.text);
            if lang_filter && !english {
                return (Err(d.id.clone()), false);
            }
            (extract_guarded(d, lex), english)
        })
        .collect()
}

/// A batch whose extraction is under way on the pool: its warnings and
/// skips are logged when it is consumed, so that the log keeps input order.
struct InFlight {
    notes: Vec<Item>,
    bytes_read: u64,
    text_bytes: u64,
    outcomes: Receiver<Vec<Outcome>>,
}

/// Read every input, extract each document, and hand the extractions to
/// `sink` in input order. Warnings and skips go to `log`.
///
/// Three things overlap: a reader thread reads and parses batches ahead,
/// the rayon pool (`threads` workers) extracts, and this thread hands
/// finished batches to `sink` (merging, writing) while the next
/// [`IN_FLIGHT`] are extracted.
pub fn run(
    opts: &RunOptions,
    lex: &Lexicon,
    log: &mut dyn FnMut(&str),
    sink: &mut dyn FnMut(&Extraction) -> Result<(), PipelineError>,
) -> Result<Summary, PipelineError> {
    let started = std::time::Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.unwrap_or(0))
        .build()
        .map_err(|e| PipelineError::Output(std::io::Error::other(e.to_string())))?;
    let reader = ingest::open(
        &opts.inputs,
        IngestOptions {
            default_date: opts.default_date,
        },
    )?;
    let mut progress = Progress::new(opts, reader.total_bytes());
    let mut summary = Summary::default();
    let lang_filter = opts.lang_filter;
    std::thread::scope(|threads| {
        let batches = read_ahead(threads, reader);
        pool.in_place_scope(|pool_scope| {
            let mut pending: std::collections::VecDeque<InFlight> = Default::default();
            for batch in batches {
                let (docs, notes) = split_batch(batch.items);
                let (tx, outcomes) = sync_channel(1);
                pool_scope.spawn(move |_| {
                    // the receiver is gone only if the run already failed
                    let _ = tx.send(extract_all(&docs, lex, lang_filter));
                });
                let next = InFlight {
                    notes,
                    bytes_read: batch.bytes_read,
                    text_bytes: batch.text_bytes as u64,
                    outcomes,
                };
                pending.push_back(next);
                while pending.len() > IN_FLIGHT {
                    let Some(done) = pending.pop_front() else {
                        break;
                    };
                    let used = consume(done, &mut summary, &mut progress, log, sink)?;
                    // freeing a batch's extractions is work for whichever
                    // side has time: with two workers or more this thread,
                    // the one that merges, is the busier one; with one, the
                    // worker is, and this thread idles in between batches
                    if pool.current_num_threads() > 1 {
                        pool_scope.spawn(move |_| drop(used));
                    } else {
                        drop(used);
                    }
                }
            }
            while let Some(done) = pending.pop_front() {
                consume(done, &mut summary, &mut progress, log, sink).map(drop)?;
            }
            Ok::<(), PipelineError>(())
        })
    })?;
    progress.finish();
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// The documents of a batch, and everything else in it (warnings, skips).
fn split_batch(items: Vec<Item>) -> (Vec<Document>, Vec<Item>) {
    let mut docs = Vec::with_capacity(items.len());
    let mut notes = Vec::new();
    for item in items {
        match item {
            Item::Doc(d) => docs.push(*d),
            other => notes.push(other),
        }
    }
    (docs, notes)
}

/// Log a batch's warnings and skips, wait for its extractions and hand
/// them to `sink` in input order, then report the documents that failed.
/// Returns the extractions, for the caller to free.
fn consume(
    batch: InFlight,
    summary: &mut Summary,
    progress: &mut Progress,
    log: &mut dyn FnMut(&str),
    sink: &mut dyn FnMut(&Extraction) -> Result<(), PipelineError>,
) -> Result<Vec<Outcome>, PipelineError> {
    for note in batch.notes {
        match note {
            Item::Warning(w) => {
                summary.warnings += 1;
                progress.suspend(|| log(&format!("warning: {w}")));
            }
            Item::Skipped(s) => {
                *summary.skipped.entry(s.reason).or_default() += 1;
                progress.suspend(|| log(&format!("warning: {s}")));
            }
            Item::Doc(_) => {}
        }
    }
    // the sender is dropped without sending only if extraction itself
    // panicked, which extract_guarded prevents
    let outcomes = batch.outcomes.recv().unwrap_or_default();
    summary.bytes += batch.text_bytes;
    let mut failed = Vec::new();
    for (x, english) in &outcomes {
        let english = *english;
        if !english {
            summary.non_english += 1;
        }
        match x {
            Ok(x) => {
                summary.documents += 1;
                sink(x)?;
            }
            Err(doc_id) => {
                let reason = if english {
                    SkipReason::Internal
                } else {
                    SkipReason::NotEnglish
                };
                *summary.skipped.entry(reason).or_default() += 1;
                failed.push((doc_id.clone(), reason));
            }
        }
    }
    progress.update(batch.bytes_read, summary.documents);
    progress.suspend(|| report_failed(failed, log));
    Ok(outcomes)
}

fn report_failed(failed: Vec<(String, SkipReason)>, log: &mut dyn FnMut(&str)) {
    for (id, reason) in failed {
        let why = match reason {
            SkipReason::NotEnglish => "not English (--lang-filter)",
            _ => "internal error while extracting; please report it",
        };
        log(&format!("warning: {id}: skipped ({why})"));
    }
}

/// `diplograph extract`: extraction records as JSON lines.
pub fn extract_jsonl(
    opts: &RunOptions,
    lex: &Lexicon,
    out: &mut dyn Write,
    log: &mut dyn FnMut(&str),
) -> Result<Summary, PipelineError> {
    let mut events: BTreeMap<EventKind, usize> = BTreeMap::new();
    let mut actors = 0;
    // a record is serialised into memory and written at once: serde's many
    // small writes through `dyn Write` cost more than the copy
    let mut line = Vec::new();
    let mut summary = run(opts, lex, log, &mut |x| {
        for e in &x.events {
            *events.entry(e.kind).or_default() += 1;
        }
        actors += x.actors.len();
        line.clear();
        serde_json::to_writer(&mut line, x).map_err(|e| PipelineError::Output(e.into()))?;
        line.push(b'\n');
        out.write_all(&line).map_err(PipelineError::Output)
    })?;
    out.flush().map_err(PipelineError::Output)?;
    summary.events = events;
    summary.actors = actors;
    Ok(summary)
}

pub fn build(
    opts: &RunOptions,
    lex: &Lexicon,
    out_dir: &Path,
    log: &mut dyn FnMut(&str),
) -> Result<(EventGraph, Summary), PipelineError> {
    let (graph, mut summary) = build_graph(opts, lex, MergeOptions::default(), log)?;
    let started = std::time::Instant::now();
    summary.written = crate::export::write_all(&graph, out_dir)?;
    summary.seconds += started.elapsed().as_secs_f64();
    Ok((graph, summary))
}

/// Extract and merge into one graph, without writing anything; the
/// summary counts the merged graph.
pub fn build_graph(
    opts: &RunOptions,
    lex: &Lexicon,
    merge: MergeOptions,
    log: &mut dyn FnMut(&str),
) -> Result<(EventGraph, Summary), PipelineError> {
    let mut builder = GraphBuilder::with_options(merge);
    let mut summary = run(opts, lex, log, &mut |x| {
        builder.add(x);
        Ok(())
    })?;
    let started = std::time::Instant::now();
    let graph = builder.finish();
    summary.merge_seconds = started.elapsed().as_secs_f64();
    summary.seconds += summary.merge_seconds;
    summary.actors = graph.data.actors.len();
    summary.events = graph.counts_by_kind().into_iter().collect();
    Ok((graph, summary))
}

/// `diplograph merge`: the reduce step. Each input is a JSONL file of
/// extraction records (a shard written by `extract`) or a `graph.json`
/// (a merge written before), so merges can be hierarchical. A malformed
/// record line is reported with its file and line and skipped.
pub fn merge(
    inputs: &[PathBuf],
    options: MergeOptions,
    log: &mut dyn FnMut(&str),
) -> Result<(EventGraph, Summary), PipelineError> {
    use std::io::BufRead;
    let started = std::time::Instant::now();
    let mut builder = GraphBuilder::with_options(options);
    let mut summary = Summary::default();
    for path in inputs {
        let shard_err = |message: String| PipelineError::Shard {
            path: path.display().to_string(),
            message,
        };
        let file = std::fs::File::open(path).map_err(|e| shard_err(e.to_string()))?;
        let mut reader = std::io::BufReader::new(file);
        if is_graph_file(&mut reader).map_err(|e| shard_err(e.to_string()))? {
            let data: GraphData = serde_json::from_reader(reader)
                .map_err(|e| shard_err(format!("not a diplograph graph: {e}")))?;
            if data.format != crate::graph::FORMAT {
                return Err(shard_err(format!(
                    "graph format {:?}, expected {:?}",
                    data.format,
                    crate::graph::FORMAT
                )));
            }
            summary.documents += data.documents.len();
            builder.add_graph(&data);
            continue;
        }
        for (n, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| shard_err(e.to_string()))?;
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Extraction>(&line) {
                Ok(x) => {
                    summary.documents += 1;
                    builder.add(&x);
                }
                Err(e) => {
                    *summary.skipped.entry(SkipReason::InvalidJson).or_default() += 1;
                    log(&format!(
                        "warning: {}:{}: skipped (not an extraction record): {e}",
                        path.display(),
                        n + 1
                    ));
                }
            }
        }
    }
    let graph = builder.finish();
    summary.documents = graph.data.documents.len();
    summary.actors = graph.data.actors.len();
    summary.events = graph.counts_by_kind().into_iter().collect();
    summary.seconds = started.elapsed().as_secs_f64();
    Ok((graph, summary))
}

/// Does the stream hold a graph file rather than JSON lines? Looks at the
/// first bytes without consuming them.
fn is_graph_file(r: &mut impl std::io::BufRead) -> std::io::Result<bool> {
    Ok(ingest::is_graph_json(r.fill_buf()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JSONL file of `n` documents of `len` bytes of text each.
    fn corpus(n: usize, len: usize) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("docs.jsonl");
        let text = "Lavrov met Tillerson in Moscow. ".repeat(len / 32 + 1);
        let lines: String = (0..n)
            .map(|i| format!("{{\"id\":\"d{i}\",\"text\":\"{}\"}}\n", &text[..len]))
            .collect();
        std::fs::write(&path, lines).unwrap();
        (dir, path)
    }

    /// The documents of each batch the reader thread hands on.
    fn batch_sizes(path: &Path) -> Vec<usize> {
        let reader = ingest::open(&[Input::Path(path.to_path_buf())], Default::default()).unwrap();
        std::thread::scope(|s| {
            read_ahead(s, reader)
                .into_iter()
                .map(|b| split_batch(b.items).0.len())
                .collect()
        })
    }

    #[test]
    fn batches_end_at_their_document_count_or_their_text_size() {
        let (_dir, short) = corpus(BATCH + 3, 100);
        assert_eq!(batch_sizes(&short), [BATCH, 3]);
        // three documents reach the byte limit; the rest makes a last batch
        let (_dir, long) = corpus(7, BATCH_BYTES / 3 + 1);
        assert_eq!(batch_sizes(&long), [3, 3, 1]);
    }

    #[test]
    fn extractions_come_in_input_order_across_many_batches_in_flight() {
        let n = BATCH * (IN_FLIGHT + 3) + 7;
        let (_dir, path) = corpus(n, 200);
        let opts = RunOptions {
            inputs: vec![Input::Path(path)],
            threads: Some(2),
            quiet: true,
            ..Default::default()
        };
        let lex = Lexicon::embedded().unwrap();
        let mut ids = Vec::new();
        let summary = run(&opts, &lex, &mut |_| {}, &mut |x| {
            ids.push(x.doc_id.clone());
            Ok(())
        })
        .unwrap();
        assert_eq!(summary.documents, n);
        let expected: Vec<String> = (0..n).map(|i| format!("d{i}")).collect();
        assert_eq!(ids, expected);
    }
}
