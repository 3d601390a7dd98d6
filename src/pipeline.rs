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
use crate::model::{EventKind, Extraction};
use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

const BATCH: usize = 512;

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
        format!(
            "{} documents read ({skipped}{foreign}), {} actors, {total} events ({}) in {:.2}s, {:.1} MB/s",
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

fn input_bytes(inputs: &[Input]) -> Option<u64> {
    let mut total = 0;
    for i in inputs {
        match i {
            Input::Stdin => return None,
            Input::Path(p) => total += dir_size(p),
        }
    }
    Some(total)
}

fn dir_size(p: &Path) -> u64 {
    if p.is_dir() {
        std::fs::read_dir(p)
            .map(|rd| rd.filter_map(|e| e.ok()).map(|e| dir_size(&e.path())).sum())
            .unwrap_or(0)
    } else {
        std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
    }
}

fn progress_bar(opts: &RunOptions) -> ProgressBar {
    if opts.quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = match input_bytes(&opts.inputs) {
        Some(n) => {
            let pb = ProgressBar::new(n);
            pb.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {bar:30} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            pb
        }
        None => ProgressBar::new_spinner(),
    };
    pb.set_draw_target(ProgressDrawTarget::stderr());
    // runs shorter than a second never show a bar
    pb.enable_steady_tick(std::time::Duration::from_millis(1000));
    pb
}

/// Extract one document; a bug that panics costs that document, never the
/// run.
fn extract_guarded(d: &crate::model::Document, lex: &Lexicon) -> Result<Extraction, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract(d, lex)))
        .map_err(|_| d.id.clone())
}

/// Read every input, extract each document, and hand the extractions to
/// `sink` in input order. Warnings and skips go to `log`.
pub fn run(
    opts: &RunOptions,
    lex: &Lexicon,
    log: &mut dyn FnMut(&str),
    sink: &mut dyn FnMut(Extraction) -> Result<(), PipelineError>,
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
    let pb = progress_bar(opts);
    let mut summary = Summary::default();
    let mut batch = Vec::with_capacity(BATCH);
    // extract a batch in parallel, hand results to the sink in input order;
    // returns the ids of documents whose extraction failed
    let lang_filter = opts.lang_filter;
    let mut flush = |batch: &mut Vec<crate::model::Document>, summary: &mut Summary| {
        let out: Vec<(Result<Extraction, String>, bool)> = pool.install(|| {
            batch
                .par_iter()
                .map(|d| {
                    let english = ingest::looks_english(&d.text);
                    if lang_filter && !english {
                        return (Err(d.id.clone()), false);
                    }
                    (extract_guarded(d, lex), english)
                })
                .collect()
        });
        let bytes: u64 = batch.iter().map(|d| d.text.len() as u64).sum();
        summary.bytes += bytes;
        pb.inc(bytes);
        batch.clear();
        let mut notes = Vec::new();
        for (x, english) in out {
            if !english {
                summary.non_english += 1;
            }
            match x {
                Ok(x) => sink(x)?,
                Err(doc_id) => {
                    summary.documents -= 1;
                    let reason = if english {
                        SkipReason::Internal
                    } else {
                        SkipReason::NotEnglish
                    };
                    *summary.skipped.entry(reason).or_default() += 1;
                    notes.push((doc_id, reason));
                }
            }
        }
        Ok::<Vec<(String, SkipReason)>, PipelineError>(notes)
    };
    let report = |failed: Vec<(String, SkipReason)>, log: &mut dyn FnMut(&str)| {
        for (id, reason) in failed {
            let why = match reason {
                SkipReason::NotEnglish => "not English (--lang-filter)",
                _ => "internal error while extracting; please report it",
            };
            log(&format!("warning: {id}: skipped ({why})"));
        }
    };
    for item in reader {
        match item {
            Item::Doc(d) => {
                summary.documents += 1;
                batch.push(*d);
                if batch.len() >= BATCH {
                    let failed = flush(&mut batch, &mut summary)?;
                    pb.suspend(|| report(failed, log));
                }
            }
            Item::Warning(w) => {
                summary.warnings += 1;
                pb.suspend(|| log(&format!("warning: {w}")));
            }
            Item::Skipped(s) => {
                *summary.skipped.entry(s.reason).or_default() += 1;
                pb.suspend(|| log(&format!("warning: {s}")));
            }
        }
    }
    let failed = flush(&mut batch, &mut summary)?;
    pb.suspend(|| report(failed, log));
    pb.finish_and_clear();
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
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
    let mut summary = run(opts, lex, log, &mut |x| {
        for e in &x.events {
            *events.entry(e.kind).or_default() += 1;
        }
        actors += x.actors.len();
        serde_json::to_writer(&mut *out, &x).map_err(|e| PipelineError::Output(e.into()))?;
        out.write_all(b"\n").map_err(PipelineError::Output)
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
        builder.add(&x);
        Ok(())
    })?;
    let started = std::time::Instant::now();
    let graph = builder.finish();
    summary.seconds += started.elapsed().as_secs_f64();
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
    let buf = r.fill_buf()?;
    let head = String::from_utf8_lossy(&buf[..buf.len().min(64)]);
    Ok(head.trim_start().starts_with("{\"format\""))
}
