//! Replays the fuzz corpora and crash inputs on stable Rust.
//!
//! Every file under `fuzz/corpus/TARGET/` and `fuzz/artifacts/TARGET/` goes
//! through the same checks the fuzz target `TARGET` runs (`fuzz/checks.rs`,
//! shared with the fuzz crate): no panic, every span on char boundaries
//! inside the text, `text[span]` equal to the event's sentence, every date
//! valid for its precision. A crash input the fuzzer found stays here until
//! the bug is fixed and after, as a regression test. See FUZZING.md.

#[path = "../fuzz/checks.rs"]
mod checks;

use chrono::NaiveDate;
use diplograph::extract::dates::{self, DateExpr, Tense};
use diplograph::model::Document;
use std::fs;
use std::panic;
use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The files of `fuzz/KIND/TARGET/`, sorted; none if the folder is absent.
fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(fuzz_dir().join(kind).join(target)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn panic_message(e: &(dyn std::any::Any + Send)) -> String {
    e.downcast_ref::<String>()
        .cloned()
        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "non-string panic".into())
}

/// Run the target's checks on every corpus and artifact file; fail naming
/// every file that fails, with its panic message.
fn replay(target: &str) {
    let corpus = inputs("corpus", target);
    assert!(
        !corpus.is_empty(),
        "fuzz/corpus/{target}/ is missing or empty"
    );
    let files: Vec<PathBuf> = corpus
        .into_iter()
        .chain(inputs("artifacts", target))
        .collect();
    let mut failures = Vec::new();
    for f in &files {
        let data = fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        if let Err(e) = panic::catch_unwind(|| checks::check_target(target, &data)) {
            failures.push(format!("{}: {}", f.display(), panic_message(&*e)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} inputs of fuzz target {target} fail:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn corpus_folders_are_the_fuzz_targets() {
    for kind in ["corpus", "artifacts"] {
        let Ok(entries) = fs::read_dir(fuzz_dir().join(kind)) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            assert!(
                checks::TARGETS.contains(&name.as_str()),
                "fuzz/{kind}/{name} is not a fuzz target of {:?}",
                checks::TARGETS
            );
        }
    }
    for t in checks::TARGETS {
        let src = fuzz_dir().join("fuzz_targets").join(format!("{t}.rs"));
        assert!(src.is_file(), "{} is missing", src.display());
    }
}

#[test]
fn ingest_jsonl_inputs_pass() {
    replay("ingest_jsonl");
}

#[test]
fn ingest_txt_inputs_pass() {
    replay("ingest_txt");
}

#[test]
fn sentences_inputs_pass() {
    replay("sentences");
}

#[test]
fn dates_inputs_pass() {
    replay("dates");
}

#[test]
fn extract_inputs_pass() {
    replay("extract");
}

// Minimal reproductions of what the fuzzers found, readable on their own.

/// "2147483649 years ago": `RelYear(-2147483649)` cast to `i32` wraps to
/// `i32::MAX`, and adding the document's year overflowed (a panic in debug
/// builds, a nonsense year in release).
#[test]
fn a_huge_number_of_years_ago_resolves_without_overflow() {
    let doc = NaiveDate::from_ymd_opt(2017, 4, 12);
    for k in [2_147_483_649_i64, 2_147_485_000, 4_294_967_295] {
        let r = dates::resolve(DateExpr::RelYear(-k), doc, None, Tense::Past);
        if let Some(d) = r {
            checks::assert_date_span(&d);
        }
    }
}

#[test]
fn a_document_dating_an_event_billions_of_years_ago_extracts() {
    let mut doc = Document::new("t", "Lavrov met Kerry 2147483649 years ago.");
    doc.date = NaiveDate::from_ymd_opt(2017, 4, 12);
    let x = diplograph::extract::extract(&doc, checks::lexicon());
    checks::assert_extraction(&doc, &x);
}

/// `parse_at(a, i, end)` finds an expression "within `end`", but "last
/// night", "that day", "the same day" and "later that morning" looked past
/// `end` when a paragraph break fell inside them, so the expression
/// swallowed the first token of the next sentence.
#[test]
fn a_date_expression_stays_inside_its_sentence() {
    for t in [
        "Lavrov met Kerry last\n\nnight he left.",
        "They met on that\n\nday nothing.",
        "They met the\n\nsame day.",
        "He left later that\n\nmorning.",
    ] {
        let a = diplograph::text::analyze(t);
        for s in &a.sentences {
            for i in s.tok_start..s.tok_end {
                if let Some((len, e)) = dates::parse_at(&a, i, s.tok_end) {
                    assert!(
                        i + len <= s.tok_end,
                        "{t:?}: {e:?} at token {i} (length {len}) runs past the sentence end {}",
                        s.tok_end
                    );
                }
            }
        }
    }
}
