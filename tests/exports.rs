//! Every export format on a graph whose actors have hostile names: each
//! file must parse with a real reader and give the name back unchanged in
//! meaning (formula cells neutralised, control characters blanked).

use assert_cmd::Command;
use serde_json::json;
use std::path::Path;

const HOSTILE: &[&str] = &[
    "Erdoğan",
    "O'Brien",
    "\"Quoted\" & <Angled>",
    "=cmd|' /C calc'!A0",
    "Bell\u{7}Ringer",
];

/// A graph.json with one meeting between each consecutive pair of hostile actors.
fn hostile_graph(dir: &Path) -> std::path::PathBuf {
    let actors: Vec<_> = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, n)| json!({"id": format!("a{i}"), "name": n, "type": "person", "country": "TUR", "role": null}))
        .collect();
    let events: Vec<_> = (0..HOSTILE.len() - 1)
        .map(|i| {
            let (s, t) = (format!("a{i}"), format!("a{}", i + 1));
            json!({
                "id": format!("meeting:2020-01-0{}:{s}.{t}", i + 1), "kind": "meeting",
                "date": {"start": format!("2020-01-0{}", i + 1), "end": format!("2020-01-0{}", i + 1), "precision": "day"},
                "factuality": "asserted", "source": s, "target": t, "participants": [s, t],
                "place": null, "trigger": "met", "cameo": "040", "mentions": 1, "documents": 1, "sources": 1,
                "provenance": [{"doc_id": "d", "outlet": null, "event_id": "d#1", "sentence": format!("{} met {}.", HOSTILE[i], HOSTILE[i + 1]),
                                "span": [0, 1], "trigger": "met", "factuality": "asserted", "date": null, "source": s, "target": t,
                                "place": null, "reported_by": [], "cameo": "040", "participants": [s, t]}]
            })
        })
        .collect();
    let g = json!({"format": "diplograph-graph/1", "documents": ["d"], "actors": actors, "places": [], "events": events});
    let p = dir.join("graph.json");
    std::fs::write(&p, g.to_string()).unwrap();
    p
}

fn export(graph: &Path, format: &str, view: &str, out: &Path) {
    Command::cargo_bin("diplograph")
        .unwrap()
        .args(["export"])
        .arg(graph)
        .args(["--format", format, "--view", view, "-o"])
        .arg(out)
        .assert()
        .success();
}

/// What a reader should get back: control characters blanked.
fn expected(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// All attribute values and texts of an XML file, unescaped by quick-xml.
fn xml_strings(path: &Path) -> Vec<String> {
    use quick_xml::events::Event;
    let text = std::fs::read_to_string(path).unwrap();
    let mut r = quick_xml::Reader::from_str(&text);
    let mut out = Vec::new();
    loop {
        match r
            .read_event()
            .unwrap_or_else(|e| panic!("{}: not well-formed: {e}", path.display()))
        {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                for a in e.attributes() {
                    out.push(a.unwrap().unescape_value().unwrap().into_owned());
                }
            }
            Event::Text(t) => out.push(t.unescape().unwrap().into_owned()),
            _ => {}
        }
    }
    out
}

#[test]
fn hostile_names_survive_every_xml_format() {
    let dir = tempfile::tempdir().unwrap();
    let g = hostile_graph(dir.path());
    for (format, view, file) in [
        ("graphml", "full", "f.graphml"),
        ("graphml", "actors", "a.graphml"),
        ("gexf", "full", "f.gexf"),
        ("gexf", "actors", "a.gexf"),
    ] {
        let out = dir.path().join(file);
        export(&g, format, view, &out);
        let strings = xml_strings(&out);
        for name in HOSTILE {
            assert!(
                strings.contains(&expected(name)),
                "{file}: {name:?} not read back"
            );
        }
    }
}

#[test]
fn hostile_names_survive_csv_and_json_and_formulas_are_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let g = hostile_graph(dir.path());
    let timeline = dir.path().join("events.csv");
    export(&g, "timeline", "full", &timeline);
    let mut r = csv::Reader::from_path(&timeline).unwrap();
    let headers = r.headers().unwrap().clone();
    let col = headers.iter().position(|h| h == "participants").unwrap();
    let cells: Vec<String> = r.records().map(|x| x.unwrap()[col].to_string()).collect();
    assert!(cells.iter().any(|c| c.contains("\"Quoted\" & <Angled>")));
    assert!(cells.iter().any(|c| c.contains("O'Brien")));
    let gephi = dir.path().join("gephi");
    export(&g, "csv", "actors", &gephi);
    let mut r = csv::Reader::from_path(gephi.join("nodes.csv")).unwrap();
    let labels: Vec<String> = r.records().map(|x| x.unwrap()[1].to_string()).collect();
    assert!(
        labels.contains(&"'=cmd|' /C calc'!A0".to_string()),
        "{labels:?}"
    );
    assert!(labels.contains(&"Bell Ringer".to_string()));
    assert!(labels.iter().all(|l| !l.starts_with(['=', '+', '-', '@'])));
    let json_out = dir.path().join("actors.json");
    export(&g, "json", "actors", &json_out);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_out).unwrap()).unwrap();
    let names: Vec<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    for name in HOSTILE {
        assert!(names.contains(name), "JSON keeps {name:?} exactly");
    }
    let neo = dir.path().join("neo");
    export(&g, "neo4j", "full", &neo);
    let mut r = csv::Reader::from_path(neo.join("actors.csv")).unwrap();
    assert_eq!(r.headers().unwrap().get(0), Some("actorId:ID(Actor)"));
    assert_eq!(r.records().count(), HOSTILE.len());
}

#[test]
fn the_gexf_timeline_spans_the_event_dates() {
    let dir = tempfile::tempdir().unwrap();
    let g = hostile_graph(dir.path());
    let out = dir.path().join("a.gexf");
    export(&g, "gexf", "actors", &out);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains(r#"timeformat="date""#) && text.contains(r#"timezone="UTC""#));
    assert!(text.contains(r#"start="2020-01-01""#) && text.contains(r#"end="2020-01-04""#));
}

#[test]
fn export_filters_keep_an_ego_network_and_a_period() {
    let dir = tempfile::tempdir().unwrap();
    let g = hostile_graph(dir.path());
    let out = dir.path().join("ego.json");
    Command::cargo_bin("diplograph")
        .unwrap()
        .arg("export")
        .arg(&g)
        .args([
            "--format",
            "json",
            "--actor",
            "O'Brien",
            "--from",
            "2020-01-02",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let ids: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["meeting:2020-01-02:a1.a2"]);
}

#[test]
fn graph_json_round_trips_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("diplograph")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["build", "data/samples", "-q", "--format", "json", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    let first = dir.path().join("graph.json");
    let g = diplograph::graph::EventGraph::read_json(&first).unwrap();
    assert!(!g.data.events.is_empty());
    let again = dir.path().join("again.json");
    export(&first, "json", "full", &again);
    assert!(std::fs::read(&first).unwrap() == std::fs::read(&again).unwrap());
}
