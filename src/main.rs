//! The `diplograph` command line: parses arguments and calls the library.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use diplograph::ingest::Input;
use diplograph::lexicon::Lexicon;
use diplograph::pipeline::{self, RunOptions};
use diplograph::query::{self, Engine, Format, Query, QueryError, QueryOptions};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[global_allocator]
static GLOBAL: diplograph::allocator::MiMalloc = diplograph::allocator::MiMalloc;

#[derive(Parser)]
#[command(
    name = "diplograph",
    version,
    about = "Turn English news articles into a knowledge graph of diplomatic events",
    long_about = "Turn English news articles into a knowledge graph of diplomatic events \
                  (meetings, statements, strikes, proposals) and export it for Gephi, \
                  spreadsheets and programs.\n\nExit status: 0 ok, 1 failure, 2 usage error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct Common {
    /// Publication date for documents that carry none (YYYY-MM-DD)
    #[arg(long, value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
    /// A folder of lexicon files that extends the built-in lexicon (repeatable)
    #[arg(long = "lexicon", value_name = "DIR")]
    lexicons: Vec<PathBuf>,
    /// Extraction threads (default: one per core); the merge and the exports at the end use a few more
    #[arg(long)]
    threads: Option<usize>,
    /// No progress bar and no summary
    #[arg(short, long)]
    quiet: bool,
    /// Fail (exit status 1) if any input was skipped
    #[arg(long)]
    strict: bool,
    /// Skip documents that are not in English (they are always counted)
    #[arg(long)]
    lang_filter: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Build the event graph from articles and write every export
    Build {
        /// .txt files, folders (recursive), .jsonl files, or - for stdin;
        /// default: the bundled data/samples
        inputs: Vec<String>,
        /// Output folder
        #[arg(short, long, default_value = "exports")]
        out: PathBuf,
        /// Write only these formats (repeatable; default: every file)
        #[arg(long = "format", value_parser = parse_export_format)]
        formats: Vec<ExportFormat>,
        #[command(flatten)]
        merge: MergeArgs,
        #[command(flatten)]
        filters: ExportFilterArgs,
        #[command(flatten)]
        common: Common,
    },
    /// Merge extraction shards (JSONL from `extract`) and graph files into one graph
    Merge {
        /// Shards: JSONL files of extraction records, or graph.json files
        #[arg(required = true)]
        shards: Vec<PathBuf>,
        /// The merged graph.json
        #[arg(short, long, default_value = "graph.json")]
        out: PathBuf,
        /// Also write every export into this folder
        #[arg(long, value_name = "DIR")]
        exports: Option<PathBuf>,
        #[command(flatten)]
        merge: MergeArgs,
        /// No progress output and no summary
        #[arg(short, long)]
        quiet: bool,
    },
    /// Export a built graph.json in one format and view
    Export {
        /// graph.json to export
        graph: PathBuf,
        /// graphml, gexf, csv (Gephi tables), timeline (events.csv), json, neo4j
        #[arg(long, value_parser = parse_export_format)]
        format: ExportFormat,
        /// full (actor, event and place nodes) or actors (the actor network)
        #[arg(long, default_value = "full", value_parser = parse_view)]
        view: diplograph::export::View,
        /// Output file (folder for csv and neo4j); default: a name for the format in the working folder
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// Start CSV files with a UTF-8 byte-order mark (for Excel)
        #[arg(long)]
        bom: bool,
        #[command(flatten)]
        filters: ExportFilterArgs,
        /// A folder of lexicon files that extends the built-in lexicon (repeatable)
        #[arg(long = "lexicon", value_name = "DIR")]
        lexicons: Vec<PathBuf>,
    },
    /// Write the extraction record of each document as one JSON line
    Extract {
        /// .txt files, folders (recursive), .jsonl files, or - for stdin
        inputs: Vec<String>,
        /// Output format
        #[arg(long, default_value = "jsonl", value_parser = ["jsonl"])]
        format: String,
        /// Output file (default: standard output)
        #[arg(short, long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// Ask the graph: who met whom, when, where, and how actors connect
    Query(Box<QueryArgs>),
    /// Inspect or check lexicon files
    Lexicon {
        #[command(subcommand)]
        command: LexiconCommand,
    },
}

/// How reports become events.
#[derive(clap::Args, Clone)]
struct MergeArgs {
    /// Reports whose days are fewer than DAYS apart can be one event (1: the same day)
    #[arg(long, value_name = "DAYS", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    dedup_window: u32,
    /// Keep every report as its own event
    #[arg(long)]
    no_dedup: bool,
}

impl MergeArgs {
    fn options(&self) -> diplograph::graph::MergeOptions {
        diplograph::graph::MergeOptions {
            dedup: !self.no_dedup,
            dedup_window_days: self.dedup_window,
        }
    }
}

/// Filters every export shares.
#[derive(clap::Args, Clone, Default)]
struct ExportFilterArgs {
    /// Keep events of these kinds (meeting, statement, strike, proposal)
    #[arg(long, value_delimiter = ',', value_parser = parse_kind)]
    kind: Vec<diplograph::model::EventKind>,
    /// Keep events on or after this day, month or year (YYYY[-MM[-DD]])
    #[arg(long, value_parser = parse_period)]
    from: Option<Period>,
    /// Keep events on or before this day, month or year (YYYY[-MM[-DD]])
    #[arg(long, value_parser = parse_period)]
    to: Option<Period>,
    /// Keep events of these factualities (default: all)
    #[arg(long, value_delimiter = ',', value_parser = parse_factuality)]
    factuality: Vec<diplograph::model::Factuality>,
    /// Keep events reported by at least N distinct sources
    #[arg(long, value_name = "N", default_value_t = 0)]
    min_sources: usize,
    /// Keep the ego network of this actor (name, surname, alias or country)
    #[arg(long, value_name = "NAME")]
    actor: Option<String>,
    /// With --actor: how many events away (1: the actor's own events)
    #[arg(long, default_value_t = 1, requires = "actor")]
    depth: usize,
}

impl ExportFilterArgs {
    /// The graph filter, with --actor resolved as queries resolve names.
    fn filter(
        &self,
        g: &diplograph::graph::EventGraph,
        lex: &Lexicon,
    ) -> Result<diplograph::graph::filter::Filter> {
        let actors = match &self.actor {
            Some(name) => Engine::new(g, lex)
                .resolve(name, false)?
                .ids
                .into_iter()
                .collect(),
            None => Vec::new(),
        };
        Ok(diplograph::graph::filter::Filter {
            kinds: self.kind.clone(),
            from: self.from.map(|p| p.0),
            to: self.to.map(|p| p.1),
            factualities: self.factuality.clone(),
            min_sources: self.min_sources,
            actors,
            depth: self.depth,
            ..Default::default()
        })
    }
}

type ExportFormat = diplograph::export::Format;

fn parse_export_format(s: &str) -> Result<ExportFormat, String> {
    ExportFormat::parse(s)
        .ok_or_else(|| format!("{s:?}: use one of {}", ExportFormat::NAMES.join(", ")))
}

fn parse_view(s: &str) -> Result<diplograph::export::View, String> {
    diplograph::export::View::parse(s).ok_or_else(|| format!("{s:?}: use full or actors"))
}

#[derive(Subcommand)]
enum LexiconCommand {
    /// Count the entries of the built-in lexicon (plus --lexicon folders)
    Stats {
        #[arg(long = "lexicon", value_name = "DIR")]
        lexicons: Vec<PathBuf>,
    },
    /// Validate a folder of lexicon files
    Check { dir: PathBuf },
    /// What a name resolves to, and why (titles by --date)
    Lookup {
        name: String,
        /// The date that decides who held an office (YYYY-MM-DD)
        #[arg(long, value_parser = parse_date)]
        date: Option<chrono::NaiveDate>,
        #[arg(long = "lexicon", value_name = "DIR")]
        lexicons: Vec<PathBuf>,
    },
}

// subcommand names win over INPUT paths, so `query data/samples met X` works
// (a file called `met` is `./met`)
#[derive(clap::Args)]
#[command(
    subcommand_precedence_over_arg = true,
    after_help = "ACTOR is a full name, surname, alias, id or country (\"Russia\" includes \
                  Russian officials unless --exact), case- and accent-insensitive.\n\
                  Exit status: 0 ok, 1 failure or no answer, 2 usage error or ambiguous name."
)]
struct QueryArgs {
    /// graph.json to ask (default: exports/graph.json)
    #[arg(long, value_name = "FILE", conflicts_with = "inputs")]
    graph: Option<PathBuf>,
    /// Articles to build the graph from in memory, instead of --graph
    inputs: Vec<String>,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(subcommand)]
    question: Question,
}

#[derive(clap::Args)]
struct FilterArgs {
    /// Keep events of these kinds (meeting, statement, strike, proposal)
    #[arg(long, global = true, value_delimiter = ',', value_parser = parse_kind)]
    kind: Vec<diplograph::model::EventKind>,
    /// Keep events on or after this day, month or year (YYYY[-MM[-DD]])
    #[arg(long, global = true, value_parser = parse_period)]
    from: Option<Period>,
    /// Keep events on or before this day, month or year (YYYY[-MM[-DD]])
    #[arg(long, global = true, value_parser = parse_period)]
    to: Option<Period>,
    /// Keep events of these factualities (default: asserted)
    #[arg(long, global = true, value_delimiter = ',', value_parser = parse_factuality)]
    factuality: Vec<diplograph::model::Factuality>,
    /// Keep events of every factuality: possible, planned and negated too
    #[arg(long, global = true, conflicts_with = "factuality")]
    all_factualities: bool,
    /// Keep events reported by at least N distinct sources
    #[arg(long, global = true, value_name = "N", default_value_t = 0)]
    min_sources: usize,
    /// Keep events at this place (or in this country)
    #[arg(long, global = true)]
    place: Option<String>,
    /// A country is the state itself, not its officials
    #[arg(long, global = true)]
    exact: bool,
    /// Output: aligned table, or csv, json, jsonl for programs
    #[arg(long, global = true, default_value = "table", value_parser = Format::NAMES)]
    format: String,
    /// A folder of lexicon files that extends the built-in lexicon (repeatable)
    #[arg(long = "lexicon", global = true, value_name = "DIR")]
    lexicons: Vec<PathBuf>,
    /// Publication date for INPUT documents that carry none (YYYY-MM-DD)
    #[arg(long, global = true, value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
    /// Benchmarking: answer N times after one load; timings go to stderr
    #[arg(
        long,
        global = true,
        hide = true,
        value_name = "N",
        default_value_t = 1
    )]
    repeat: usize,
}

#[derive(Subcommand)]
enum Question {
    /// Everyone ACTOR met, with counts, first and last dates, places
    Met { actor: String },
    /// Every event linking A and B, in time order, with evidence and sources
    Between { a: String, b: String },
    /// Every event involving ACTOR, in time order
    Timeline { actor: String },
    /// Every event the filters keep
    Events,
    /// Actors at most N events away from ACTOR
    Neighbors {
        actor: String,
        #[arg(long, default_value_t = 1)]
        depth: usize,
    },
    /// The shortest chain of events joining A and B
    Path { a: String, b: String },
    /// The actors with their event counts per kind
    Actors {
        /// Only actors of this country (ISO3 code or name)
        #[arg(long)]
        country: Option<String>,
        /// Only actors of this type (person, country, organization, group)
        #[arg(long = "type", value_parser = parse_actor_type)]
        actor_type: Option<diplograph::model::ActorType>,
    },
}

/// First and last day of a `--from`/`--to` value.
type Period = (chrono::NaiveDate, chrono::NaiveDate);

fn parse_period(s: &str) -> Result<Period, String> {
    query::parse_period(s).map_err(|e| e.to_string())
}

fn parse_kind(s: &str) -> Result<diplograph::model::EventKind, String> {
    diplograph::model::EventKind::parse(s)
        .ok_or_else(|| format!("{s:?}: use meeting, statement, strike or proposal"))
}

fn parse_factuality(s: &str) -> Result<diplograph::model::Factuality, String> {
    diplograph::model::Factuality::parse(s)
        .ok_or_else(|| format!("{s:?}: use asserted, possible, planned or negated"))
}

fn parse_actor_type(s: &str) -> Result<diplograph::model::ActorType, String> {
    use diplograph::model::ActorType;
    [
        ActorType::Person,
        ActorType::Country,
        ActorType::Organization,
        ActorType::Group,
    ]
    .into_iter()
    .find(|t| t.as_str().eq_ignore_ascii_case(s.trim()))
    .ok_or_else(|| format!("{s:?}: use person, country, organization or group"))
}

impl Question {
    fn query(&self) -> Query {
        match self {
            Question::Met { actor } => Query::Met {
                actor: actor.clone(),
            },
            Question::Between { a, b } => Query::Between {
                a: a.clone(),
                b: b.clone(),
            },
            Question::Timeline { actor } => Query::Timeline {
                actor: actor.clone(),
            },
            Question::Events => Query::Events,
            Question::Neighbors { actor, depth } => Query::Neighbors {
                actor: actor.clone(),
                depth: *depth,
            },
            Question::Path { a, b } => Query::Path {
                a: a.clone(),
                b: b.clone(),
            },
            Question::Actors {
                country,
                actor_type,
            } => Query::Actors {
                country: country.clone(),
                actor_type: *actor_type,
            },
        }
    }
}

impl FilterArgs {
    fn options(&self) -> QueryOptions {
        let mut filters = query::Filters {
            kinds: self.kind.clone(),
            from: self.from.map(|p| p.0),
            to: self.to.map(|p| p.1),
            min_sources: self.min_sources,
            place: self.place.clone(),
            ..query::Filters::default()
        };
        if self.all_factualities {
            filters.factualities.clear();
        } else if !self.factuality.is_empty() {
            filters.factualities = self.factuality.clone();
        }
        QueryOptions {
            filters,
            exact: self.exact,
        }
    }
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("{s:?}: {e} (use YYYY-MM-DD)"))
}

fn run_options(inputs: &[String], common: &Common, default_samples: bool) -> Result<RunOptions> {
    let mut inputs: Vec<Input> = inputs.iter().map(|s| Input::parse(s)).collect();
    if inputs.is_empty() {
        if !default_samples {
            bail!("give at least one INPUT (a file, a folder, or - for stdin)");
        }
        inputs.push(Input::Path(pipeline::samples_dir()?));
    }
    Ok(RunOptions {
        inputs,
        default_date: common.date,
        threads: common.threads,
        quiet: common.quiet,
        lang_filter: common.lang_filter,
    })
}

/// Every export (no formats given) or both views of the formats given.
fn write_exports(
    g: &diplograph::graph::EventGraph,
    dir: &std::path::Path,
    formats: &[ExportFormat],
) -> Result<Vec<PathBuf>> {
    if formats.is_empty() {
        return Ok(diplograph::export::write_all(g, dir)?);
    }
    let mut written = Vec::new();
    for &format in formats {
        for view in [
            diplograph::export::View::Full,
            diplograph::export::View::Actors,
        ] {
            if format == ExportFormat::Timeline && view == diplograph::export::View::Actors {
                continue;
            }
            let path = dir.join(format.default_name(view));
            let opts = diplograph::export::ExportOptions {
                format,
                view,
                bom: false,
            };
            written.extend(diplograph::export::export(g, &path, opts)?);
        }
    }
    Ok(written)
}

/// `--strict`: a skipped input fails the run, for pipelines that must not
/// lose documents silently.
fn fail_if_strict(common: &Common, summary: &pipeline::Summary) -> Result<()> {
    if common.strict && summary.skipped_total() > 0 {
        bail!("--strict: {} input(s) skipped", summary.skipped_total());
    }
    Ok(())
}

fn show_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn load_lexicon(dirs: &[PathBuf]) -> Result<Lexicon> {
    Lexicon::load(dirs).context("loading the lexicon")
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if let Some(io) = e.downcast_ref::<std::io::Error>() {
                if io.kind() == std::io::ErrorKind::BrokenPipe {
                    return ExitCode::SUCCESS;
                }
            }
            if format!("{e:#}").contains("Broken pipe") {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            // an ambiguous name is a question to ask again (status 2)
            let code = e
                .chain()
                .find_map(|c| c.downcast_ref::<QueryError>())
                .map_or(1, QueryError::exit_code);
            ExitCode::from(code)
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let mut log = |m: &str| eprintln!("{m}");
    match cli.command {
        Command::Build {
            inputs,
            out,
            formats,
            merge,
            filters,
            common,
        } => {
            let opts = run_options(&inputs, &common, true)?;
            let lex = load_lexicon(&common.lexicons)?;
            let (graph, mut summary) =
                pipeline::build_graph(&opts, &lex, merge.options(), &mut log)?;
            let graph = filters.filter(&graph, &lex)?.apply_owned(graph);
            fail_if_strict(&common, &summary)?;
            let writing = std::time::Instant::now();
            summary.written = write_exports(&graph, &out, &formats)?;
            let written_in = writing.elapsed().as_secs_f64();
            // the process ends here: freeing every report one by one would
            // only delay the exit (a quarter second for 250,000 reports)
            std::mem::forget(graph);
            if !common.quiet {
                eprintln!("{}", summary.line());
                eprintln!("wrote {} in {written_in:.2}s", show_paths(&summary.written));
            }
        }
        Command::Merge {
            shards,
            out,
            exports,
            merge,
            quiet,
        } => {
            let (graph, summary) = pipeline::merge(&shards, merge.options(), &mut log)?;
            let mut written = diplograph::export::export(
                &graph,
                &out,
                diplograph::export::ExportOptions {
                    format: ExportFormat::Json,
                    view: diplograph::export::View::Full,
                    bom: false,
                },
            )?;
            if let Some(dir) = exports {
                written.extend(diplograph::export::write_all(&graph, &dir)?);
            }
            if !quiet {
                eprintln!("{}", summary.line());
                eprintln!("wrote {}", show_paths(&written));
            }
        }
        Command::Export {
            graph,
            format,
            view,
            out,
            bom,
            filters,
            lexicons,
        } => {
            let g = diplograph::graph::EventGraph::read_json(&graph)?;
            let lex = load_lexicon(&lexicons)?;
            let g = filters.filter(&g, &lex)?.apply_owned(g);
            let path = out.unwrap_or_else(|| PathBuf::from(format.default_name(view)));
            let written = diplograph::export::export(
                &g,
                &path,
                diplograph::export::ExportOptions { format, view, bom },
            )?;
            eprintln!("wrote {}", show_paths(&written));
        }
        Command::Extract {
            inputs,
            out,
            common,
            ..
        } => {
            let opts = run_options(&inputs, &common, false)?;
            let lex = load_lexicon(&common.lexicons)?;
            let mut summary = None;
            match out {
                Some(path) => {
                    diplograph::export::atomic_write(&path, &mut |w| {
                        let s = pipeline::extract_jsonl(&opts, &lex, w, &mut log)
                            .map_err(|e| std::io::Error::other(e.to_string()))?;
                        summary = Some(s);
                        Ok(())
                    })?;
                }
                None => {
                    let mut w = std::io::BufWriter::new(std::io::stdout().lock());
                    summary = Some(pipeline::extract_jsonl(&opts, &lex, &mut w, &mut log)?);
                    w.flush()?;
                }
            }
            if let Some(s) = summary {
                if !common.quiet {
                    eprintln!("{}", s.line());
                }
                fail_if_strict(&common, &s)?;
            }
        }
        Command::Query(args) => run_query(*args, &mut log)?,
        Command::Lexicon { command } => match command {
            LexiconCommand::Stats { lexicons } => {
                let started = std::time::Instant::now();
                let lex = load_lexicon(&lexicons)?;
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                let s = lex.stats();
                let mut out = std::io::stdout().lock();
                writeln!(out, "countries\t{}", s.countries)?;
                writeln!(out, "organizations\t{}", s.organizations)?;
                writeln!(out, "people\t{}", s.people)?;
                writeln!(out, "person_roles\t{}", s.person_roles)?;
                writeln!(out, "places\t{}", s.places)?;
                writeln!(
                    out,
                    "places_with_coordinates\t{}",
                    s.places_with_coordinates
                )?;
                writeln!(out, "titles\t{}", s.titles)?;
                writeln!(out, "trigger_forms\t{}", s.trigger_forms)?;
                writeln!(out, "media\t{}", s.media)?;
                writeln!(out, "load_ms\t{ms:.1}")?;
            }
            LexiconCommand::Check { dir } => {
                let n = Lexicon::check_dir(&dir)?;
                println!("{}: OK ({n} rows)", dir.display());
            }
            LexiconCommand::Lookup {
                name,
                date,
                lexicons,
            } => {
                let lex = load_lexicon(&lexicons)?;
                let readings = lex.lookup(&name, date);
                if readings.is_empty() {
                    bail!("{name:?}: not in the lexicon");
                }
                for r in readings {
                    println!("{}\t{}\t{}", r.kind, r.what, r.why);
                }
            }
        },
    }
    Ok(())
}

fn load_query_graph(
    args: &QueryArgs,
    lex: &Lexicon,
    log: &mut dyn FnMut(&str),
) -> Result<diplograph::graph::EventGraph> {
    if args.inputs.is_empty() {
        let path = args
            .graph
            .clone()
            .unwrap_or_else(|| PathBuf::from("exports/graph.json"));
        return Ok(diplograph::graph::EventGraph::read_json(&path)?);
    }
    let opts = RunOptions {
        inputs: args.inputs.iter().map(|s| Input::parse(s)).collect(),
        default_date: args.filters.date,
        threads: None,
        quiet: true,
        lang_filter: false,
    };
    Ok(query::graph_from_inputs(&opts, lex, log)?)
}

fn run_query(args: QueryArgs, log: &mut dyn FnMut(&str)) -> Result<()> {
    let clock = std::time::Instant::now();
    let lex = load_lexicon(&args.filters.lexicons)?;
    let lexicon_ms = ms_since(clock);
    let clock = std::time::Instant::now();
    let graph = load_query_graph(&args, &lex, log)?;
    let graph_ms = ms_since(clock);
    let clock = std::time::Instant::now();
    let engine = Engine::new(&graph, &lex);
    let index_ms = ms_since(clock);
    let (q, opts) = (args.question.query(), args.filters.options());
    let repeat = args.filters.repeat.max(1);
    let clock = std::time::Instant::now();
    let mut table = engine.run(&q, &opts)?;
    for _ in 1..repeat {
        table = engine.run(&q, &opts)?;
    }
    if args.filters.repeat > 1 {
        eprintln!(
            "lexicon_ms\t{lexicon_ms:.1}\ngraph_ms\t{graph_ms:.1}\nindex_ms\t{index_ms:.1}\n\
             query_ms\t{:.3}\t(average of {repeat})\nrows\t{}",
            ms_since(clock) / repeat as f64,
            table.rows.len()
        );
    }
    let format = Format::parse(&args.filters.format).unwrap_or_default();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    table.write(format, &mut out)?;
    out.flush()?;
    if table.rows.is_empty() && format == Format::Table {
        eprintln!("no answer under these filters (only asserted events count unless --factuality or --all-factualities)");
    }
    Ok(())
}

fn ms_since(t: std::time::Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}
