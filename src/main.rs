//! The `diplograph` command line: parses arguments and calls the library.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use diplograph::ingest::Input;
use diplograph::lexicon::Lexicon;
use diplograph::pipeline::{self, RunOptions};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

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
    /// Worker threads (default: one per core)
    #[arg(long)]
    threads: Option<usize>,
    /// No progress bar and no summary
    #[arg(short, long)]
    quiet: bool,
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
        #[command(flatten)]
        common: Common,
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
    /// Inspect or check lexicon files
    Lexicon {
        #[command(subcommand)]
        command: LexiconCommand,
    },
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
    })
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
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let mut log = |m: &str| eprintln!("{m}");
    match cli.command {
        Command::Build {
            inputs,
            out,
            common,
        } => {
            let opts = run_options(&inputs, &common, true)?;
            let lex = load_lexicon(&common.lexicons)?;
            let (_, summary) = pipeline::build(&opts, &lex, &out, &mut log)?;
            if !common.quiet {
                eprintln!("{}", summary.line());
                eprintln!(
                    "wrote {}",
                    summary
                        .written
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
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
            if let (Some(s), false) = (summary, common.quiet) {
                eprintln!("{}", s.line());
            }
        }
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
        },
    }
    Ok(())
}
