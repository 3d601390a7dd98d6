//! The founding article (`../shared/seed`), scored by the shared yardstick
//! `../shared/tools/score.py` exactly as the acceptance check runs it.
//! Skips with a message when `../shared` or python3 is not there.

use serde_json::Value;
use std::process::Command;

mod common;
use common::{score, shared};

#[test]
fn seed_article_events_are_right() {
    let Some(shared) = shared("seed/000.txt") else {
        return;
    };
    let s = score(&shared, &shared.join("seed"));
    let matched = s["overall"]["tp_gold"].as_u64().unwrap();
    assert!(matched >= 10, "matched {matched} of 10 expected events");
    assert!(s["f1"].as_f64().unwrap() >= 0.85, "F1 {}", s["f1"]);
    assert!(
        s["date"]["acc"].as_f64().unwrap() >= 0.9,
        "date accuracy {}",
        s["date"]
    );
    assert_eq!(
        s["false_asserted"], 0,
        "no hedged or negated event coded as asserted"
    );
}

#[test]
fn the_tillerson_putin_meeting_is_possible_never_asserted() {
    let Some(shared) = shared("seed/000.txt") else {
        return;
    };
    let text = std::fs::read_to_string(shared.join("seed/000.txt")).unwrap();
    let body = text.split_once("\n\n").unwrap().1;
    let input = serde_json::json!({"id": "000", "date": "2017-04-12", "text": body}).to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_diplograph"))
        .args(["extract", "-q", "-"])
        .env("RUST_BACKTRACE", "0")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(input.as_bytes())?;
            c.wait_with_output()
        })
        .unwrap();
    let rec: Value = serde_json::from_slice(&out.stdout).unwrap();
    let meetings: Vec<&Value> = rec["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            let p = e["participants"].as_array().unwrap();
            e["kind"] == "meeting"
                && p.iter().any(|x| x == "vladimir-putin")
                && p.iter().any(|x| x == "rex-tillerson")
        })
        .collect();
    assert_eq!(meetings.len(), 1, "{meetings:?}");
    assert_eq!(meetings[0]["factuality"], "possible");
}
