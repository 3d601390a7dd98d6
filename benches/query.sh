#!/usr/bin/env bash
# Times `diplograph query` on a graph of the whole Reuters-21578 corpus:
# loading (lexicon, graph.json, name index) and each kind of question,
# answered 20 times after one load (the hidden --repeat option), so load and
# query time are measured apart. Not a test: it prints milliseconds.
#
#   benches/query.sh [CORPUS.jsonl] [GRAPH_DIR]
#
# Targets (issue "Query the graph"): each query under 100 ms after loading,
# graph.json loaded in under 1 s.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=${1:-../shared/corpus/reuters21578/reuters21578.jsonl}
out=${2:-/tmp/dg-reuters}
repeat=${REPEAT:-20}
bin=target/release/diplograph

cargo build --release --quiet
if [ ! -s "$out/graph.json" ] || [ "$corpus" -nt "$out/graph.json" ] || [ "$bin" -nt "$out/graph.json" ]; then
    echo "building $out/graph.json from $corpus ..." >&2
    "$bin" build "$corpus" -o "$out"
fi
graph=$out/graph.json
echo "graph: $graph ($(du -h "$graph" | cut -f1))"

# wall time of a whole run (process start, lexicon, graph, one query)
start=$(date +%s%N)
"$bin" query --graph "$graph" events --kind strike --from 9999 >/dev/null 2>&1 || true
end=$(date +%s%N)
echo "whole run, one query: $(( (end - start) / 1000000 )) ms"

# the busiest actors give the heaviest questions
top=$("$bin" query --graph "$graph" actors --type person --format csv | sed -n 2p | cut -d, -f1)
second=$("$bin" query --graph "$graph" actors --type person --format csv | sed -n 3p | cut -d, -f1)
country=$("$bin" query --graph "$graph" actors --type country --format csv | sed -n 2p | cut -d, -f1)
echo "busiest person: $top; next: $second; busiest country: $country"

printf '%-45s %10s %10s %10s %10s %8s\n' question lexicon_ms graph_ms index_ms query_ms rows
run() {
    local label=$1
    shift
    local stats
    stats=$("$bin" query --graph "$graph" "$@" --repeat "$repeat" 2>&1 >/dev/null || true)
    val() { awk -v k="$1" '$1 == k { print $2 }' <<<"$stats"; }
    printf '%-45s %10s %10s %10s %10s %8s\n' "$label" "$(val lexicon_ms)" "$(val graph_ms)" \
        "$(val index_ms)" "$(val query_ms)" "$(val rows)"
}
run "met \"$top\"" met "$top"
run "met \"$country\" (with its officials)" met "$country"
run "between \"$top\" \"$second\"" between "$top" "$second" --all-factualities
run "timeline \"$country\"" timeline "$country"
run "events --kind meeting --from 1987" events --kind meeting --from 1987
run "events --all-factualities" events --all-factualities
run "events --place \"$country\"" events --place "$country"
run "neighbors \"$top\" --depth 2" neighbors "$top" --depth 2
run "neighbors \"$country\" --depth 3" neighbors "$country" --depth 3
run "path \"$top\" \"$second\"" path "$top" "$second" --all-factualities
run "actors" actors
run "actors --country \"$country\" --type person" actors --country "$country" --type person
