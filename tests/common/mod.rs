//! Helpers shared by the tests that score against `../shared` with the
//! shared yardstick (`../shared/tools/to_input.py` + `score.py`).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `../shared` beside the project, or `None` (with a SKIP message) when it
/// or python3 is missing.
pub fn shared(needs: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if !p.join(needs).exists() {
        eprintln!("SKIP: ../shared/{needs} not found beside the project");
        return None;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("SKIP: python3 not available to run ../shared/tools/score.py");
        return None;
    }
    Some(p)
}

/// Convert, extract and score one gold set; returns the JSON summary.
pub fn score(shared: &Path, set: &Path) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let (input, pred) = (
        dir.path().join("input.jsonl"),
        dir.path().join("pred.jsonl"),
    );
    let ok = Command::new("python3")
        .arg(shared.join("tools/to_input.py"))
        .arg(set)
        .arg("-o")
        .arg(&input)
        .status()
        .expect("to_input.py runs");
    assert!(ok.success());
    let ok = Command::new(env!("CARGO_BIN_EXE_diplograph"))
        .args(["extract", "-q", "-o"])
        .arg(&pred)
        .arg(&input)
        .status()
        .expect("diplograph runs");
    assert!(ok.success());
    let out = Command::new("python3")
        .arg(shared.join("tools/score.py"))
        .arg("--gold")
        .arg(set)
        .arg("--pred")
        .arg(&pred)
        .arg("--json")
        .output()
        .expect("score.py runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    eprintln!("{text}");
    serde_json::from_str(text.lines().last().unwrap()).unwrap()
}
