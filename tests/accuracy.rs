//! Accuracy floor: the seed article and both development gold sets, scored
//! by `../shared/tools/score.py`, must not fall more than 0.03 below the
//! figures recorded in `tests/accuracy_floor.json` (and ACCURACY.md).
//! Skips with a message when `../shared` or python3 is absent.

use serde_json::Value;
use std::path::Path;

const SLACK: f64 = 0.03;

mod common;
use common::{score, shared};

fn floor() -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/accuracy_floor.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn at_least(name: &str, got: f64, recorded: f64) {
    assert!(
        got >= recorded - SLACK,
        "{name}: {got:.3} is more than {SLACK} below the recorded {recorded:.3}"
    );
}

#[test]
fn scores_stay_at_the_recorded_floor() {
    let Some(shared) = shared("eval/gold_dev.jsonl") else {
        return;
    };
    let f = floor();
    let seed = score(&shared, &shared.join("seed"));
    at_least(
        "seed F1",
        seed["f1"].as_f64().unwrap(),
        f["seed_f1"].as_f64().unwrap(),
    );
    at_least(
        "seed date accuracy",
        seed["date"]["acc"].as_f64().unwrap(),
        f["seed_date_acc"].as_f64().unwrap(),
    );
    let a = score(&shared, &shared.join("eval/gold_dev.jsonl"));
    at_least(
        "gold_dev F1",
        a["f1"].as_f64().unwrap(),
        f["gold_dev_f1"].as_f64().unwrap(),
    );
    at_least(
        "gold_dev kinds-only F1",
        a["kind_only"]["overall"]["f1"].as_f64().unwrap(),
        f["gold_dev_kind_only_f1"].as_f64().unwrap(),
    );
    let c = score(&shared, &shared.join("eval/gold2_dev.jsonl"));
    for k in ["meeting", "statement", "strike", "proposal"] {
        at_least(
            &format!("gold2_dev recall {k}"),
            c["per_kind"][k]["clear"]["recall"].as_f64().unwrap(),
            f["gold2_recall"][k].as_f64().unwrap(),
        );
    }
}
