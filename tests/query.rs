//! End-to-end tests of `diplograph query` on the graph of the bundled
//! samples (built once per test run) and on small inputs made at test time.
//!
//! The extractor keeps improving, so these assert facts the samples state
//! plainly (Biden met Putin in Geneva on 2021-06-16, Tillerson met Lavrov on
//! 2017-04-12, the U.S. struck Syria on 2017-04-07) rather than whole tables.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn bin() -> Command {
    let mut c = Command::cargo_bin("diplograph").expect("binary");
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// `exports/graph.json` of the samples, under a folder of its own.
fn samples_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("query-samples");
        bin()
            .args(["build", "data/samples", "-q", "-o"])
            .arg(dir.join("exports"))
            .assert()
            .success();
        dir
    })
}

fn graph() -> PathBuf {
    samples_dir().join("exports/graph.json")
}

/// `diplograph query --graph SAMPLES ARGS... --format jsonl`, as objects.
fn rows(args: &[&str]) -> Vec<Value> {
    let out = bin()
        .arg("query")
        .arg("--graph")
        .arg(graph())
        .args(args)
        .args(["--format", "jsonl"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn column<'a>(rows: &'a [Value], name: &str) -> Vec<&'a str> {
    rows.iter().filter_map(|r| r[name].as_str()).collect()
}

fn row<'a>(rows: &'a [Value], key: &str, value: &str) -> &'a Value {
    rows.iter()
        .find(|r| r[key] == value)
        .unwrap_or_else(|| panic!("no row with {key} = {value:?} in {rows:#?}"))
}

fn is_time_ordered(rows: &[Value]) -> bool {
    let dates: Vec<&str> = column(rows, "date")
        .into_iter()
        .filter(|d| *d != "undated")
        .collect();
    // compare to the month: a month-precise date sorts by its first day
    let month = |d: &str| d.chars().take(7).collect::<String>();
    dates.windows(2).all(|w| month(w[0]) <= month(w[1]))
}

#[test]
fn met_lists_partners_with_counts_dates_and_places() {
    let out = bin()
        .arg("query")
        .arg("--graph")
        .arg(graph())
        .args(["met", "Biden", "--from", "2021-06-16", "--to", "2021-06-16"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "actor           type    country  meetings  first       last        places\n\
         Vladimir Putin  person  RUS             1  2021-06-16  2021-06-16  Geneva\n"
    );
    let r = rows(&["met", "Lavrov", "--from", "2017", "--to", "2017"]);
    let tillerson = row(&r, "actor", "Rex Tillerson");
    assert_eq!(tillerson["type"], "person");
    assert_eq!(tillerson["country"], "USA");
    assert_eq!(tillerson["last"], "2017-04-12");
    assert!(tillerson["meetings"].as_u64().unwrap() >= 1);
    assert!(tillerson["places"].as_str().unwrap().contains("Moscow"));
    // busiest partner first
    let counts: Vec<u64> = r.iter().map(|x| x["meetings"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
}

#[test]
fn between_gives_each_linking_event_with_evidence_and_sources() {
    let r = rows(&["between", "Joe Biden", "Putin", "--kind", "meeting"]);
    let geneva = row(
        &r,
        "event_id",
        "meeting:2021-06-16:joe-biden.vladimir-putin",
    );
    assert_eq!(geneva["date"], "2021-06-16");
    assert_eq!(geneva["place"], "Geneva");
    assert_eq!(geneva["factuality"], "asserted");
    assert_eq!(
        geneva["documents"],
        "05-biden-putin-geneva; 06-geneva-summit-aftermath"
    );
    assert!(geneva["sources"].as_u64().unwrap() >= 1);
    assert!(geneva["evidence"].as_str().unwrap().contains("Biden"));
    assert!(is_time_ordered(&r));
}

#[test]
fn a_country_stands_for_its_officials_unless_exact() {
    // "when did the U.S. and Russia last meet?": their officials' meetings
    let r = rows(&["between", "U.S.", "Russia", "--kind", "meeting"]);
    let ids = column(&r, "event_id");
    assert!(ids.contains(&"meeting:2017-04-12:rex-tillerson.sergey-lavrov"));
    assert!(ids.contains(&"meeting:2021-06-16:joe-biden.vladimir-putin"));
    let exact = rows(&["between", "U.S.", "Russia", "--kind", "meeting", "--exact"]);
    assert!(!column(&exact, "event_id").contains(&"meeting:2017-04-12:rex-tillerson.sergey-lavrov"));
    // Russia met Joe Biden through Putin; the state itself did not
    assert!(column(&rows(&["met", "russia"]), "actor").contains(&"Joe Biden"));
    assert!(!column(&rows(&["met", "Russia", "--exact"]), "actor").contains(&"Joe Biden"));
}

#[test]
fn timeline_and_events_filter_by_kind_and_period_in_time_order() {
    // "who struck Syria?"
    let r = rows(&["timeline", "Syria", "--kind", "strike"]);
    let strike = row(&r, "event_id", "strike:2017-04-07:syria.united-states");
    assert_eq!(strike["actors"], "United States → Syria");
    assert_eq!(strike["date"], "2017-04-07");
    assert!(column(&r, "kind").iter().all(|k| *k == "strike"));
    let all = rows(&["timeline", "Tillerson"]);
    assert!(all.len() > r.len());
    assert!(is_time_ordered(&all));
    assert!(column(&all, "event_id").contains(&"meeting:2017-04-12:rex-tillerson.sergey-lavrov"));

    let april = rows(&[
        "events", "--kind", "strike", "--from", "2017-04", "--to", "2017-04",
    ]);
    row(&april, "event_id", "strike:2017-04-07:syria.united-states");
    assert!(column(&april, "date")
        .iter()
        .all(|d| d.starts_with("2017-04")));
    let kinds = rows(&["events", "--kind", "meeting,proposal"]);
    assert!(column(&kinds, "kind")
        .iter()
        .all(|k| *k == "meeting" || *k == "proposal"));
    assert!(column(&kinds, "kind").contains(&"proposal"));
}

#[test]
fn factuality_is_asserted_by_default_and_widens_on_request() {
    let default = rows(&["events"]);
    assert!(column(&default, "factuality")
        .iter()
        .all(|f| *f == "asserted"));
    let planned = rows(&["events", "--factuality", "planned"]);
    assert!(!planned.is_empty());
    assert!(column(&planned, "factuality")
        .iter()
        .all(|f| *f == "planned"));
    let all = rows(&["events", "--all-factualities"]);
    assert!(all.len() > default.len());
    assert!(column(&all, "factuality").contains(&"planned"));
    assert!(all.len() >= default.len() + planned.len());
}

#[test]
fn place_filter_takes_a_place_or_a_country() {
    let r = rows(&["events", "--place", "geneva"]);
    assert!(column(&r, "place").iter().all(|p| *p == "Geneva"));
    assert!(column(&r, "event_id").contains(&"meeting:2021-06-16:joe-biden.vladimir-putin"));
    let switzerland = rows(&["events", "--place", "Switzerland"]);
    assert_eq!(
        column(&switzerland, "event_id"),
        column(&r, "event_id"),
        "Geneva is the samples' only Swiss place"
    );
    bin()
        .arg("query")
        .arg("--graph")
        .arg(graph())
        .args(["events", "--place", "Genva"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean: Geneva"));
}

#[test]
fn min_sources_keeps_events_reported_by_enough_outlets() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("reports.jsonl");
    std::fs::write(
        &input,
        concat!(
            r#"{"id": "a", "date": "2017-04-12", "source": "Reuters", "text": "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Rex Tillerson in Moscow on Wednesday."}"#,
            "\n",
            r#"{"id": "b", "date": "2017-04-12", "source": "AP", "text": "U.S. Secretary of State Rex Tillerson met Russian Foreign Minister Sergei Lavrov in Moscow on Wednesday."}"#,
            "\n",
            r#"{"id": "c", "date": "2021-06-16", "source": "AP", "text": "U.S. President Joe Biden met Russian President Vladimir Putin in Geneva on Wednesday."}"#,
            "\n"
        ),
    )
    .unwrap();
    let query = |extra: &[&str]| -> Vec<Value> {
        let out = bin()
            .arg("query")
            .arg(&input)
            .args(["events", "--format", "jsonl"])
            .args(extra)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let all = query(&[]);
    assert_eq!(
        column(&all, "event_id"),
        [
            "meeting:2017-04-12:rex-tillerson.sergey-lavrov",
            "meeting:2021-06-16:joe-biden.vladimir-putin"
        ]
    );
    let two = query(&["--min-sources", "2"]);
    assert_eq!(
        column(&two, "event_id"),
        ["meeting:2017-04-12:rex-tillerson.sergey-lavrov"]
    );
    assert_eq!(two[0]["sources"], 2);
    assert_eq!(two[0]["documents"], "a; b");
}

#[test]
fn neighbors_go_as_deep_as_asked() {
    let one = rows(&["neighbors", "Biden"]);
    let putin = row(&one, "actor", "Vladimir Putin");
    assert_eq!(putin["depth"], 1);
    assert_eq!(putin["via"], "Joe Biden");
    assert!(one.iter().all(|r| r["depth"] == 1));
    let two = rows(&["neighbors", "Biden", "--depth", "2"]);
    assert!(two.len() > one.len());
    let lavrov = row(&two, "actor", "Sergey Lavrov");
    assert_eq!(lavrov["depth"], 2);
    let depths: Vec<u64> = two.iter().map(|r| r["depth"].as_u64().unwrap()).collect();
    assert!(depths.windows(2).all(|w| w[0] <= w[1]), "nearest first");
}

#[test]
fn path_is_the_shortest_chain_of_events() {
    let r = rows(&["path", "Joe Biden", "Sergei Lavrov"]);
    assert_eq!(r.len(), 2, "{r:#?}");
    assert_eq!(r[0]["from"], "Joe Biden");
    assert_eq!(r[0]["to"], r[1]["from"]);
    assert_eq!(r[1]["to"], "Sergey Lavrov");
    let direct = rows(&["path", "Tillerson", "Lavrov"]);
    assert_eq!(direct.len(), 1);
    assert_eq!(direct[0]["to"], "Sergey Lavrov");
    // filters cut chains: no meeting links Biden to the U.N. here
    bin()
        .arg("query")
        .arg("--graph")
        .arg(graph())
        .args(["path", "Biden", "United Nations", "--kind", "meeting"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no chain of kept events joins"));
}

#[test]
fn actors_are_listed_with_counts_per_kind_by_country_and_type() {
    let r = rows(&["actors", "--country", "Russia", "--type", "person"]);
    assert!(r
        .iter()
        .all(|a| a["country"] == "RUS" && a["type"] == "person"));
    let putin = row(&r, "actor", "Vladimir Putin");
    assert!(putin["meetings"].as_u64().unwrap() >= 2);
    let sum: u64 = ["meetings", "statements", "strikes", "proposals"]
        .iter()
        .map(|k| putin[k].as_u64().unwrap())
        .sum();
    assert_eq!(putin["events"].as_u64().unwrap(), sum);
    assert!(column(&r, "actor").contains(&"Sergey Lavrov"));
    let usa = rows(&["actors", "--country", "USA", "--type", "country"]);
    assert_eq!(column(&usa, "actor"), ["United States"]);
    assert!(usa[0]["strikes"].as_u64().unwrap() >= 1);
}

#[test]
fn names_ignore_case_and_diacritics() {
    let a = rows(&["timeline", "Recep Tayyip Erdoğan", "--all-factualities"]);
    assert!(!a.is_empty());
    assert_eq!(a, rows(&["timeline", "ERDOGAN", "--all-factualities"]));
    assert_eq!(
        a,
        rows(&["timeline", "recep-tayyip-erdogan", "--all-factualities"])
    );
}

#[test]
fn an_ambiguous_name_lists_candidates_and_exits_2() {
    bin()
        .arg("query")
        .arg("--graph")
        .arg(graph())
        .args(["met", "Kim"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("\"Kim\" is ambiguous"))
        .stderr(predicate::str::contains("Kim Jong Un (kim-jong-un"))
        .stderr(predicate::str::contains("Vitaliy Kim (vitaliy-kim"));
}

#[test]
fn an_unknown_name_suggests_the_closest() {
    bin()
        .arg("query")
        .arg("--graph")
        .arg(graph())
        .args(["timeline", "Lavorv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no actor \"Lavorv\" in the graph; did you mean: Sergey Lavrov?",
        ));
}

#[test]
fn formats_for_pipes_carry_every_column() {
    let args = ["met", "Biden", "--from", "2021-06-16", "--to", "2021-06-16"];
    let run = |format: &str| {
        let out = bin()
            .arg("query")
            .arg("--graph")
            .arg(graph())
            .args(args)
            .args(["--format", format])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    assert_eq!(
        run("csv"),
        "actor,type,country,meetings,first,last,places,id\n\
         Vladimir Putin,person,RUS,1,2021-06-16,2021-06-16,Geneva,vladimir-putin\n"
    );
    assert_eq!(
        run("jsonl"),
        r#"{"actor":"Vladimir Putin","type":"person","country":"RUS","meetings":1,"first":"2021-06-16","last":"2021-06-16","places":"Geneva","id":"vladimir-putin"}"#
            .to_string()
            + "\n"
    );
    let json: Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json[0]["meetings"], 1);
}

#[test]
fn the_default_graph_is_exports_graph_json_and_inputs_build_one_in_memory() {
    bin()
        .current_dir(samples_dir())
        .args(["query", "met", "Biden", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Vladimir Putin,person,RUS"));
    bin()
        .args([
            "query",
            "data/samples/05-biden-putin-geneva.txt",
            "met",
            "Biden",
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Vladimir Putin,person,RUS,1,2021-06-16,2021-06-16,Geneva",
        ));
    bin()
        .current_dir(std::env::temp_dir())
        .args(["query", "--graph", "no-such-graph.json", "events"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-graph.json"));
}

#[test]
fn malformed_dates_and_kinds_are_usage_errors() {
    for args in [["events", "--from", "2017-13"], ["events", "--kind", "hug"]] {
        bin()
            .arg("query")
            .arg("--graph")
            .arg(graph())
            .args(args)
            .assert()
            .code(2);
    }
}
