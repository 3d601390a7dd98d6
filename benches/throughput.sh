#!/usr/bin/env bash
# End-to-end throughput of the diplograph binary on large corpora.
#
#   benches/throughput.sh [--no-build] [--no-pgo] [--repeat N] [--threads "1 2"] [--sizes "20 200"] [--keep]
#
#   --no-build   use the existing binary (else build it)
#   --no-pgo     the plain `cargo build --release` binary (target/release);
#                the default is the profile-guided build of
#                benches/pgo-build.sh (target/pgo/release), trained on the
#                bundled samples, or the plain one when PGO is not possible
#   --repeat N   run each configuration N times and report the fastest (default 1)
#   --threads    thread counts to run (default "1 2")
#   --sizes      corpus sizes in MB (default "20 200"); the 20->200 MB ratio is
#                printed when both are present
#   --keep       keep the extract outputs (JSONL, can be hundreds of MB)
#
# Environment:
#   SHARED_DIR      the shared folder (default: ../shared beside the repository)
#   BENCH_DIR       where corpora and outputs go (default /tmp/diplograph-bench);
#                   the 200 MB corpus is BENCH_DIR/corpus.jsonl (what
#                   make_bench_corpus.sh writes by default), any other size S is
#                   BENCH_DIR-S/corpus.jsonl
#   DIPLOGRAPH_BIN  benchmark this binary instead of building one
#   CARGO_TARGET_DIR respected, as cargo does
#
# Corpora are built once with ../shared/tools/make_bench_corpus.sh and reused
# while their size matches their MANIFEST.txt. Nothing is written into the
# repository except cargo's target/ folder.
#
# For every size, mode (extract, build) and thread count it prints: article
# text MB (sum of the bytes of the JSONL `text` fields), wall seconds, MB/s of
# text, documents/s, events/s (extract: events in the JSONL records; build:
# merged event nodes in graph.json) and peak RSS (from /usr/bin/time). Then
# the 20 -> 200 MB time ratio and whether the outputs at 1 and 2 threads are
# byte-identical (extract JSONL and graph.json).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SHARED_DIR:-$repo/../shared}"
bench_dir="${BENCH_DIR:-/tmp/diplograph-bench}"
do_build=1
pgo=1
repeat=1
threads_list="1 2"
sizes="20 200"
keep=0

while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) do_build=0 ;;
    --no-pgo) pgo=0 ;;
    --repeat) repeat="$2"; shift ;;
    --threads) threads_list="$2"; shift ;;
    --sizes) sizes="$2"; shift ;;
    --keep) keep=1 ;;
    -h|--help) awk 'NR>1 && /^#/ {sub(/^# ?/, ""); print; next} NR>1 {exit}' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

die() { echo "throughput.sh: $*" >&2; exit 1; }

# ---- prerequisites -------------------------------------------------------
make_corpus="$shared/tools/make_bench_corpus.sh"
[ -f "$make_corpus" ] || die "$make_corpus not found: put the shared folder beside the repository or set SHARED_DIR"
[ -d "$shared/corpus" ] || die "$shared/corpus not found"
command -v python3 >/dev/null || die "python3 is needed to count text bytes and events"

timer=/usr/bin/time
if [ -x "$timer" ] && "$timer" -f '%e' true >/dev/null 2>&1; then
  have_time=1
else
  have_time=0
  echo "note: GNU time (/usr/bin/time) not found: peak RSS will show as n/a." >&2
  echo "      install it with:  sudo apt-get install -y time   (Debian/Ubuntu package 'time')" >&2
fi

# ---- machine --------------------------------------------------------------
cpu="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || echo unknown)"
mem="$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo 2>/dev/null || echo unknown)"
commit="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "== diplograph throughput  $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "repo:    $repo (commit $commit)"
echo "machine: $(nproc) cores, $cpu, $mem RAM"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) before the runs"

# ---- binary ---------------------------------------------------------------
if [ -n "${DIPLOGRAPH_BIN:-}" ]; then
  bin="$DIPLOGRAPH_BIN"
else
  target_dir="${CARGO_TARGET_DIR:-$repo/target}"
  kind="plain release build"
  bin="$target_dir/release/diplograph"
  if [ "$pgo" -eq 1 ] && [ "$do_build" -eq 1 ]; then
    echo "building: benches/pgo-build.sh (profile-guided, trained on data/samples)"
    rc=0
    bin="$(bash "$repo/benches/pgo-build.sh" --print-bin)" || rc=$?
    if [ "$rc" -eq 0 ]; then
      kind="PGO build"
    elif [ "$rc" -eq 3 ]; then
      echo "note: PGO is not possible here (see above); benchmarking the plain release build" >&2
      pgo=0
      bin="$target_dir/release/diplograph"
    else
      die "benches/pgo-build.sh failed"
    fi
  elif [ "$pgo" -eq 1 ] && [ -x "$target_dir/pgo/release/diplograph" ]; then
    kind="PGO build"
    bin="$target_dir/pgo/release/diplograph"
  fi
  if [ "$pgo" -eq 0 ] && [ "$do_build" -eq 1 ]; then
    echo "building: cargo build --release"
    (cd "$repo" && cargo build --release --quiet) || die "cargo build --release failed"
  fi
fi
[ -x "$bin" ] || die "$bin not found (build it, or drop --no-build)"
echo "binary:  $bin (${kind:-given by DIPLOGRAPH_BIN})"

# ---- corpora --------------------------------------------------------------
corpus_dir_for() {
  if [ "$1" = 200 ]; then echo "$bench_dir"; else echo "$bench_dir-$1"; fi
}

ensure_corpus() { # SIZE_MB
  local dir; dir="$(corpus_dir_for "$1")"
  local c="$dir/corpus.jsonl" m="$dir/MANIFEST.txt"
  if [ -f "$c" ] && [ -f "$m" ] && [ "$(awk '/^bytes:/ {print $2}' "$m")" = "$(stat -c %s "$c")" ]; then
    echo "corpus:  $c (reused, $(stat -c %s "$c") bytes)"
  else
    echo "corpus:  making $1 MB in $dir"
    CORPUS_DIR="$shared/corpus" bash "$make_corpus" "$1" "$dir" >/dev/null
  fi
  # text bytes and document count, cached beside the corpus
  local stats="$dir/textstats.txt"
  if [ ! -f "$stats" ] || [ "$stats" -ot "$c" ]; then
    python3 - "$c" >"$stats" <<'PY'
import json, sys
docs = text = 0
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        if line.strip():
            r = json.loads(line)
            docs += 1
            text += len(r.get("text", "").encode("utf-8"))
print(docs, text)
PY
  fi
}

count_events_jsonl() { # FILE -> number of events in extraction records
  python3 - "$1" <<'PY'
import json, sys
n = 0
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        n += len(json.loads(line)["events"])
print(n)
PY
}

count_events_graph() { # graph.json -> number of event nodes
  python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["events"]))' "$1"
}

# ---- runs -----------------------------------------------------------------
# run_timed CMD... ; sets WALL (s), CPU (user + sys s, or n/a) and RSS (MB or n/a)
run_timed() {
  local tf; tf="$(mktemp)"
  if [ "$have_time" -eq 1 ]; then
    "$timer" -f '%e %M %U %S' -o "$tf" "$@" || { rm -f "$tf"; die "failed: $*"; }
    read -r WALL RSS_KB USR SYS <"$tf"
    RSS="$(awk -v k="$RSS_KB" 'BEGIN {printf "%.0f", k / 1024}')"
    CPU="$(awk -v u="$USR" -v s="$SYS" 'BEGIN {printf "%.2f", u + s}')"
  else
    local t0 t1
    t0="$(date +%s.%N)"
    "$@" || { rm -f "$tf"; die "failed: $*"; }
    t1="$(date +%s.%N)"
    WALL="$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}')"
    RSS="n/a"
    CPU="n/a"
  fi
  rm -f "$tf"
}

# A fixed job that owes nothing to diplograph, so that runs on different
# machines (or in a slow hour of a shared VM) can be put on one scale:
# gzip -6 on one thread over the bundled lexicon and samples, repeated to 32 MB.
reference_speed() {
  command -v gzip >/dev/null || { echo "n/a (no gzip)"; return; }
  local seed; seed="$(find "$repo/data/lexicon" "$repo/data/samples" -type f -print0 | sort -z | xargs -0 cat)"
  [ -n "$seed" ] || { echo "n/a (no bundled data)"; return; }
  local ref; ref="$(mktemp)"
  while [ "$(stat -c %s "$ref")" -lt 33554432 ]; do printf '%s\n' "$seed" >> "$ref"; done
  local bytes; bytes="$(stat -c %s "$ref")"
  run_timed sh -c 'gzip -6 -c "$1" > /dev/null' sh "$ref"
  rm -f "$ref"
  awk -v b="$bytes" -v w="$WALL" 'BEGIN {printf "%.1f MB/s", b / 1e6 / w}'
}
echo "scale:   gzip -6, one thread, over the bundled data: $(reference_speed) (compare runs across machines by this)"

# run_best OUTPUT CMD...: best of $repeat; sets WALL and CPU of the fastest
# run, RSS the largest seen. OUTPUT (the run's output file or folder) is
# removed before each run, so that every run starts alike: writing over
# the files of the run before costs the file system their deletion
# (60 ms for a 172 MB graph.json) on top of the run.
run_best() {
  local output="$1" best="" best_cpu="" best_rss="" i
  shift
  for ((i = 0; i < repeat; i++)); do
    rm -rf "$output"
    run_timed "$@"
    if [ -z "$best" ] || awk -v a="$WALL" -v b="$best" 'BEGIN {exit !(a < b)}'; then best="$WALL"; best_cpu="$CPU"; fi
    if [ "$RSS" != "n/a" ] && { [ -z "$best_rss" ] || [ "$RSS" -gt "$best_rss" ]; }; then best_rss="$RSS"; fi
  done
  WALL="$best"
  CPU="$best_cpu"
  RSS="${best_rss:-n/a}"
}

results=()   # "size mode threads docs text_bytes wall events rss cpu"
declare -A wall_of
same_extract=()
same_graph=()

for size in $sizes; do
  ensure_corpus "$size"
done
echo

for size in $sizes; do
  dir="$(corpus_dir_for "$size")"
  corpus="$dir/corpus.jsonl"
  read -r docs text_bytes <"$dir/textstats.txt"
  out="$dir/out"
  mkdir -p "$out"
  for t in $threads_list; do
    echo "run: $size MB, $t thread(s): extract ..." >&2
    run_best "$out/extract-t$t.jsonl" "$bin" extract "$corpus" -q --threads "$t" -o "$out/extract-t$t.jsonl"
    ev="$(count_events_jsonl "$out/extract-t$t.jsonl")"
    results+=("$size extract $t $docs $text_bytes $WALL $ev $RSS $CPU")
    wall_of["$size extract $t"]="$WALL"

    echo "run: $size MB, $t thread(s): build ..." >&2
    run_best "$out/build-t$t" "$bin" build "$corpus" -q --threads "$t" -o "$out/build-t$t"
    ev="$(count_events_graph "$out/build-t$t/graph.json")"
    results+=("$size build $t $docs $text_bytes $WALL $ev $RSS $CPU")
    wall_of["$size build $t"]="$WALL"
  done
  # determinism across thread counts: compare every count with the first
  first="${threads_list%% *}"
  for t in $threads_list; do
    [ "$t" = "$first" ] && continue
    if cmp -s "$out/extract-t$first.jsonl" "$out/extract-t$t.jsonl"; then r=OK; else r=DIFFERENT; fi
    same_extract+=("$size MB extract JSONL, $first vs $t threads: $r")
    if cmp -s "$out/build-t$first/graph.json" "$out/build-t$t/graph.json"; then r=OK; else r=DIFFERENT; fi
    same_graph+=("$size MB graph.json,    $first vs $t threads: $r")
  done
  if [ "$keep" -eq 0 ]; then rm -f "$out"/extract-t*.jsonl; fi
done

# ---- report ---------------------------------------------------------------
echo
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) after the runs"
echo
printf '%-8s %-8s %7s %8s %9s %8s %8s %8s %9s %10s %9s %9s\n' \
  size mode threads docs text_MB wall_s cpu_s MB/s docs/s events events/s peak_RSS
for r in "${results[@]}"; do
  # shellcheck disable=SC2086
  set -- $r
  awk -v size="$1" -v mode="$2" -v t="$3" -v docs="$4" -v tb="$5" -v wall="$6" -v ev="$7" -v rss="$8" -v cpu="$9" 'BEGIN {
    w = (wall > 0) ? wall : 0.001
    printf "%-8s %-8s %7d %8d %9.1f %8.2f %8s %8.1f %9.0f %10d %9.0f %9s\n",
      size " MB", mode, t, docs, tb / 1e6, wall, cpu, tb / 1e6 / w, docs / w, ev, ev / w,
      (rss == "n/a") ? "n/a" : rss " MB"
  }'
done
echo "(MB/s counts article text only: the sum of the JSONL 'text' fields; events: extract = events in"
echo " the records, build = merged event nodes in graph.json; wall includes reading, merging and writing;"
echo " cpu_s = user + sys seconds of all threads, less sensitive than wall_s to other load on the machine)"

if [[ " $sizes " == *" 20 "* && " $sizes " == *" 200 "* ]]; then
  echo
  read -r _ tb20 <"$(corpus_dir_for 20)/textstats.txt"
  read -r _ tb200 <"$(corpus_dir_for 200)/textstats.txt"
  echo "scaling 20 -> 200 MB (text bytes ratio $(awk -v a="$tb20" -v b="$tb200" 'BEGIN {printf "%.2f", b / a}'); target time ratio 10 +/- 1.5):"
  for mode in extract build; do
    for t in $threads_list; do
      a="${wall_of["20 $mode $t"]:-}"
      b="${wall_of["200 $mode $t"]:-}"
      [ -n "$a" ] && [ -n "$b" ] || continue
      awk -v m="$mode" -v t="$t" -v a="$a" -v b="$b" 'BEGIN {
        r = (a > 0) ? b / a : 0
        printf "  %-8s %d thread(s): %.2f s -> %.2f s, ratio %.2f %s\n", m, t, a, b, r,
          (r >= 8.5 && r <= 11.5) ? "(within target)" : "(OUTSIDE target)"
      }'
    done
  done
fi

# the issue's targets (2-core machine)
echo
echo "targets:"
for r in "${results[@]}"; do
  # shellcheck disable=SC2086
  set -- $r
  awk -v size="$1" -v mode="$2" -v t="$3" -v tb="$5" -v wall="$6" -v rss="$8" 'BEGIN {
    w = (wall > 0) ? wall : 0.001
    if (mode == "extract" && t == 1)
      printf "  extract, 1 thread, %s MB: %.1f MB/s (target >= 50): %s\n", size, tb / 1e6 / w, (tb / 1e6 / w >= 50) ? "PASS" : "FAIL"
    if (mode == "build" && t == 2 && size == 200) {
      printf "  build 200 MB, 2 threads: %.2f s (target <= 5 s): %s\n", wall, (wall <= 5) ? "PASS" : "FAIL"
      if (rss != "n/a")
        printf "  build 200 MB, 2 threads: peak RSS %d MB (target <= 300 MB): %s\n", rss, (rss <= 300) ? "PASS" : "FAIL"
    }
  }'
done

if [ ${#same_extract[@]} -gt 0 ]; then
  echo
  echo "byte-identical output across thread counts:"
  for l in "${same_extract[@]}" "${same_graph[@]}"; do echo "  $l"; done
fi
