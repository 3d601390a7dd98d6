//! End-to-end tests of the `diplograph` command on the bundled samples and on
//! folders made at test time.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

fn bin() -> Command {
    let mut c = Command::cargo_bin("diplograph").expect("binary");
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn build_samples(out: &Path) -> Value {
    bin()
        .args(["build", "data/samples", "-o"])
        .arg(out)
        .assert()
        .success()
        .stderr(predicate::str::contains("14 documents read (0 skipped)"));
    let text = std::fs::read_to_string(out.join("graph.json")).expect("graph.json");
    serde_json::from_str(&text).expect("graph.json is JSON")
}

fn event<'a>(g: &'a Value, id: &str) -> &'a Value {
    g["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no event {id}"))
}

#[test]
fn build_writes_every_export() {
    let dir = tempfile::tempdir().unwrap();
    build_samples(dir.path());
    for f in [
        "graph.graphml",
        "actors.graphml",
        "graph.gexf",
        "actors.gexf",
        "events.csv",
        "nodes.csv",
        "edges.csv",
        "graph.json",
    ] {
        let p = dir.path().join(f);
        assert!(
            p.metadata().map(|m| m.len() > 100).unwrap_or(false),
            "{f} missing or empty"
        );
    }
    let csv = std::fs::read_to_string(dir.path().join("events.csv")).unwrap();
    assert!(csv.starts_with("event_id,date,date_end,precision,kind,source,target,participants,place,country,lat,lon,factuality,trigger,cameo,sentence,document_ids,mentions,documents,sources,reported_by"));
    let edges = std::fs::read_to_string(dir.path().join("edges.csv")).unwrap();
    assert!(edges.starts_with("Source,Target,Type,Kind,Id,Label,Weight"));
}

#[test]
fn events_reported_by_several_articles_are_merged_once() {
    let dir = tempfile::tempdir().unwrap();
    let g = build_samples(dir.path());
    let strike = event(&g, "strike:2017-04-07:syria.united-states");
    assert_eq!(strike["factuality"], "asserted");
    assert!(strike["documents"].as_u64().unwrap() >= 2, "{strike}");
    let talks = event(&g, "meeting:2017-04-12:rex-tillerson.sergey-lavrov");
    assert!(talks["documents"].as_u64().unwrap() >= 3, "{talks}");
    let geneva = event(&g, "meeting:2021-06-16:joe-biden.vladimir-putin");
    assert_eq!(geneva["documents"], 2);
    let docs: Vec<&str> = geneva["provenance"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["doc_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        docs,
        ["05-biden-putin-geneva", "06-geneva-summit-aftermath"]
    );
    // the possible Putin meeting of the preview and the one that happened
    // are one event, asserted
    let putin = event(&g, "meeting:2017-04-12:rex-tillerson.vladimir-putin");
    assert_eq!(putin["factuality"], "asserted");
    let facts: Vec<&str> = putin["provenance"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["factuality"].as_str().unwrap())
        .collect();
    assert!(
        facts.contains(&"possible") && facts.contains(&"asserted"),
        "{facts:?}"
    );
    let ids: Vec<&str> = g["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "event ids are unique");
}

#[test]
fn extract_writes_one_record_per_document_and_keeps_hedges() {
    let out = bin()
        .args([
            "extract",
            "data/samples/03-tillerson-moscow-preview.txt",
            "-q",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1);
    let rec: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(rec["doc_id"], "03-tillerson-moscow-preview");
    assert_eq!(rec["date"], "2017-04-11");
    let body = std::fs::read_to_string("data/samples/03-tillerson-moscow-preview.txt").unwrap();
    let body = &body[body.find("\n\n").unwrap() + 2..];
    let events = rec["events"].as_array().unwrap();
    for e in events {
        let span = e["span"].as_array().unwrap();
        let (a, b) = (
            span[0].as_u64().unwrap() as usize,
            span[1].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &body[a..b],
            e["sentence"].as_str().unwrap(),
            "span points at the sentence"
        );
    }
    let putin_meetings: Vec<&Value> = events
        .iter()
        .filter(|e| {
            e["kind"] == "meeting"
                && e["participants"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| p == "vladimir-putin")
                && e["participants"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| p == "rex-tillerson")
        })
        .collect();
    assert!(!putin_meetings.is_empty());
    for m in putin_meetings {
        assert_ne!(
            m["factuality"], "asserted",
            "a hedged meeting is never asserted: {m}"
        );
    }
}

#[test]
fn bad_inputs_are_reported_with_their_place_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("good.txt"), "Date: 2017-04-12\n\nRussian Foreign Minister Sergei Lavrov met U.S. Secretary of State Rex Tillerson in Moscow on Wednesday.\n").unwrap();
    std::fs::write(d.join("binary.txt"), b"\x00\x01\x02\x03").unwrap();
    std::fs::write(
        d.join("feed.jsonl"),
        "{\"id\":\"ok\",\"date\":\"2021-06-16\",\"text\":\"Joe Biden met Vladimir Putin in Geneva on Wednesday.\"}\n{broken\n{\"id\":\"empty\"}\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    bin()
        .arg("build")
        .arg(d)
        .arg("-o")
        .arg(out.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("binary.txt: skipped (binary)"))
        .stderr(predicate::str::contains(
            "feed.jsonl:2: skipped (invalid JSON)",
        ))
        .stderr(predicate::str::contains("feed.jsonl:3: skipped (no text)"))
        .stderr(predicate::str::contains("2 documents read (3 skipped"));
    let g: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("graph.json")).unwrap())
            .unwrap();
    assert_eq!(g["documents"].as_array().unwrap().len(), 2);
    assert_eq!(g["events"].as_array().unwrap().len(), 2);
}

#[test]
fn a_graph_given_as_an_article_is_skipped_with_a_pointer_to_merge() {
    let first = tempfile::tempdir().unwrap();
    build_samples(first.path());
    let out = tempfile::tempdir().unwrap();
    bin()
        .arg("build")
        .arg(first.path().join("graph.json"))
        .arg("-o")
        .arg(out.path())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "graph.json: skipped (graph file): a diplograph graph, not an article; `diplograph merge` reads graphs",
        ))
        .stderr(predicate::str::contains("0 documents read (1 skipped"));
    let graph = std::fs::read(first.path().join("graph.json")).unwrap();
    bin()
        .args(["extract", "-"])
        .write_stdin(graph)
        .assert()
        .success()
        .stderr(predicate::str::contains("<stdin>: skipped (graph file)"));
}

#[test]
fn a_missing_input_fails_before_any_output() {
    let out = tempfile::tempdir().unwrap();
    bin()
        .args(["build", "no/such/folder", "-o"])
        .arg(out.path().join("x"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no/such/folder: no such file or folder",
        ));
    assert!(!out.path().join("x").exists());
}

#[test]
fn stdin_and_default_date_are_read() {
    let out = bin()
        .args(["extract", "-", "--date", "2017-04-12", "-q"])
        .write_stdin("Kremlin spokesman Dmitry Peskov said Putin may meet Tillerson on Wednesday.")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rec: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(rec["date"], "2017-04-12");
    let kinds: Vec<(&str, &str)> = rec["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap(),
                e["factuality"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(kinds.contains(&("statement", "asserted")), "{kinds:?}");
    assert!(kinds.contains(&("meeting", "possible")), "{kinds:?}");
}

#[test]
fn usage_errors_exit_with_status_2() {
    bin()
        .args(["build", "--date", "yesterday"])
        .assert()
        .code(2);
    bin().arg("frobnicate").assert().code(2);
}

#[test]
fn lexicon_stats_and_check() {
    bin()
        .args(["lexicon", "stats"])
        .assert()
        .success()
        .stdout(predicate::str::contains("countries\t25"));
    bin()
        .args([
            "lexicon",
            "lookup",
            "the U.S. Secretary of State",
            "--date",
            "2023-06-18",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Antony Blinken"));
    bin()
        .args(["lexicon", "lookup", "Blorfistan"])
        .assert()
        .code(1);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("places.tsv"),
        "name\taliases\tcountry\tlat\tlon\tkind\nX\t\tFRA\tnorth\t1\tcity\n",
    )
    .unwrap();
    bin()
        .args(["lexicon", "check"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("places.tsv:2"));
}

#[test]
fn strict_turns_a_skip_into_a_failure_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.txt"), "Lavrov met Kerry on Monday.").unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let out = dir.path().join("out");
    bin()
        .arg("build")
        .arg(dir.path())
        .args(["--strict", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--strict: 1 input(s) skipped"));
    assert!(!out.exists());
    bin()
        .arg("build")
        .arg(dir.path())
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
}

#[test]
fn an_unwritable_output_folder_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "a file where a folder should be").unwrap();
    bin()
        .args(["build", "data/samples", "-q", "-o"])
        .arg(blocker.join("exports"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not-a-folder"));
    assert_eq!(
        std::fs::read_to_string(&blocker).unwrap(),
        "a file where a folder should be"
    );
}

#[test]
fn the_order_of_inputs_does_not_change_the_graph() {
    let mut files: Vec<std::path::PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
    files.sort();
    let mut reversed = files.clone();
    reversed.reverse();
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    bin()
        .arg("build")
        .args(&files)
        .args(["-q", "--threads", "1", "-o"])
        .arg(&a)
        .assert()
        .success();
    bin()
        .arg("build")
        .args(&reversed)
        .args(["-q", "--threads", "2", "-o"])
        .arg(&b)
        .assert()
        .success();
    for f in [
        "graph.json",
        "graph.graphml",
        "actors.gexf",
        "events.csv",
        "edges.csv",
    ] {
        assert!(
            std::fs::read(a.join(f)).unwrap() == std::fs::read(b.join(f)).unwrap(),
            "{f} differs"
        );
    }
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning_naming_the_byte() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("latin1.txt"),
        b"Date: 2017-04-12\n\nCaf\xe9 talks: Lavrov met Kerry on Monday.\n",
    )
    .unwrap();
    bin()
        .args(["extract", "-q"])
        .arg(dir.path().join("latin1.txt"))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "latin1.txt: invalid UTF-8 at byte 21",
        ))
        .stdout(predicate::str::contains("\"kind\":\"meeting\""));
}

#[test]
fn other_languages_are_counted_and_filtered_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("mixed.jsonl");
    std::fs::write(
        &feed,
        "{\"id\":\"de\",\"text\":\"Der russische Außenminister traf am Mittwoch seinen Amtskollegen und sagte, die Gespräche seien offen gewesen.\"}\n\
         {\"id\":\"en\",\"text\":\"Lavrov met Kerry on Monday in Geneva and said the talks went well.\"}\n",
    )
    .unwrap();
    bin()
        .arg("extract")
        .arg(&feed)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "2 documents read (0 skipped, 1 not English)",
        ));
    let out = bin()
        .args(["extract", "--lang-filter"])
        .arg(&feed)
        .assert()
        .success()
        .stderr(predicate::str::contains("de: skipped (not English"))
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 1);
}

#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_input_is_skipped_and_the_rest_goes_on() {
    // /proc/self/mem exists but cannot be read as a whole, even by root
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.txt"), "Lavrov met Kerry on Monday.").unwrap();
    bin()
        .args(["extract", "-q", "/proc/self/mem"])
        .arg(dir.path().join("ok.txt"))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "/proc/self/mem: skipped (unreadable)",
        ))
        .stdout(predicate::str::contains("\"doc_id\":\"ok\""));
}
