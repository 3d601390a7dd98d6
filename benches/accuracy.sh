#!/usr/bin/env bash
# Accuracy on the three gold sets, scored by ../shared/tools/score.py (the
# same rules as the held-out evaluation). Prints one table; with --json also
# writes the three JSON summaries to OUT_DIR (default /tmp/diplograph-accuracy).
#
#   benches/accuracy.sh [--json] [--no-build]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SHARED_DIR:-$here/../shared}"
out="${OUT_DIR:-/tmp/diplograph-accuracy}"
build=1
for a in "$@"; do [ "$a" = "--no-build" ] && build=0; done
[ -d "$shared/tools" ] || { echo "../shared not found beside the project" >&2; exit 2; }
mkdir -p "$out"
if [ "$build" -eq 1 ]; then (cd "$here" && cargo build --release -q); fi
bin="${DIPLOGRAPH_BIN:-$here/target/release/diplograph}"
score() { # name gold
  python3 "$shared/tools/to_input.py" "$2" -o "$out/$1.input.jsonl" 2>/dev/null
  "$bin" extract -q "$out/$1.input.jsonl" -o "$out/$1.pred.jsonl"
  python3 "$shared/tools/score.py" --gold "$2" --pred "$out/$1.pred.jsonl" --json > "$out/$1.txt"
  tail -n 1 "$out/$1.txt" > "$out/$1.json"
}
score seed "$shared/seed"
score gold_dev "$shared/eval/gold_dev.jsonl"
score gold2_dev "$shared/eval/gold2_dev.jsonl"
python3 - "$out" <<'PY'
import json, sys
d = sys.argv[1]
s = json.load(open(f"{d}/seed.json")); a = json.load(open(f"{d}/gold_dev.json")); c = json.load(open(f"{d}/gold2_dev.json"))
kinds = ("meeting", "statement", "strike", "proposal")
f = lambda x: "  -  " if x is None else "%.3f" % x
print("%-34s %-10s %s" % ("set / measure", "value", "target"))
print("%-34s %-10s %s" % ("seed: matched events", "%d/%d" % (s["overall"]["tp_gold"], s["overall"]["n_gold"]), "10/10"))
print("%-34s %-10s %s" % ("seed: false asserted", s["false_asserted"], "0"))
print("%-34s %-10s %s" % ("seed: F1 / date accuracy", "%s / %s" % (f(s["f1"]), f(s["date"]["acc"])), ">= 0.85 / >= 0.9"))
print("%-34s %-10s %s" % ("gold_dev: F1 (kind + countries)", f(a["f1"]), ">= 0.60"))
print("%-34s %-10s %s" % ("gold_dev: F1 kind + source", f(a["kind_source"]["overall"]["f1"]), ""))
print("%-34s %-10s %s" % ("gold_dev: F1 kinds only", f(a["kind_only"]["overall"]["f1"]), ""))
ne = a.get("no_event_records", 0)
print("%-34s %-10s %s" % ("gold_dev: no_event records with FP", "%d/%d" % (a.get("no_event_records_with_fp", 0), ne), "<= 10%"))
for k in kinds:
    r = c["per_kind"][k]["clear"]
    print("%-34s %-10s %s" % ("gold2_dev: recall %s (clear)" % k, "%s (%d/%d)" % (f(r["recall"]), r["found"], r["n"]), ">= 0.60"))
print("%-34s %-10s" % ("gold2_dev: events per 1k words", c["pred_events_per_1k_words"]))
PY
