#!/usr/bin/env bash
# Build a profile-guided (PGO) release binary of diplograph.
#
#   benches/pgo-build.sh [--print-bin]
#
# 1. builds an instrumented release binary (into TARGET/pgo-gen);
# 2. runs it, `extract` and `build`, on the bundled sample articles
#    (data/samples): text we wrote ourselves, none of it in the benchmark
#    corpora, so the benchmark measures a profile it was not trained on;
# 3. merges the counts with llvm-profdata and builds the release binary
#    again with them (into TARGET/pgo). The compiler then lays out hot paths
#    and branches the way the pipeline takes them.
#
# Outputs are byte-identical to the plain release build's: PGO changes code
# layout and inlining, never what the code computes.
#
# llvm-profdata must read the raw profiles of rustc's LLVM. rustup's
# llvm-tools component has the matching one; otherwise a Debian llvm of a
# recent major version works (checked by merging, not by version number).
# When none is found, or none reads the profiles, and apt-get can run, the
# llvm of rustc's LLVM major version (else llvm-19) is installed.
#
# Prints the path of the binary on its last line (only that line with
# --print-bin). Exit status 3: PGO is not possible here (no usable
# llvm-profdata); the plain `cargo build --release` binary still works.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$repo/target}"
quiet=0
[ "${1:-}" = "--print-bin" ] && quiet=1

say() { [ "$quiet" -eq 1 ] && echo "$*" >&2 || echo "$*"; }
die() { echo "pgo-build.sh: $*" >&2; exit "${2:-1}"; }

# ---- llvm-profdata ----------------------------------------------------------
find_profdata() {
  local sysroot cand
  sysroot="$(rustc --print sysroot)"
  for cand in "$sysroot"/lib/rustlib/*/bin/llvm-profdata \
    $(ls /usr/bin/llvm-profdata-* 2>/dev/null | sort -t- -k3 -n -r) \
    "$(command -v llvm-profdata || true)"; do
    [ -n "$cand" ] && [ -x "$cand" ] && echo "$cand"
  done
}

# The Debian llvm of rustc's own LLVM major version reads its profiles;
# older ones may not (LLVM 14 cannot read rustc 1.95's LLVM 22 profiles).
llvm_major="$(rustc --version --verbose | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')"
install_profdata() {
  command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] || return 0
  local pkg
  for pkg in ${llvm_major:+llvm-$llvm_major} llvm-19; do
    say "pgo: installing $pkg for llvm-profdata (apt-get)"
    if { apt-get install -y "$pkg" || { apt-get update && apt-get install -y "$pkg"; }; } >/dev/null 2>&1; then
      return 0
    fi
  done
}

profdata_candidates="$(find_profdata)"
if [ -z "$profdata_candidates" ]; then
  install_profdata
  profdata_candidates="$(find_profdata)"
fi
[ -n "$profdata_candidates" ] || die "no llvm-profdata found (rustup component add llvm-tools, or apt-get install llvm-${llvm_major:-19})" 3

# ---- 1. instrumented build ---------------------------------------------------
raw="$target/pgo-profiles"
rm -rf "$raw"
mkdir -p "$raw"
say "pgo: building the instrumented binary (TARGET/pgo-gen)"
(cd "$repo" && RUSTFLAGS="-Cprofile-generate=$raw" CARGO_TARGET_DIR="$target/pgo-gen" \
  cargo build --release --quiet </dev/null) || die "instrumented build failed"
# build scripts ran instrumented too: only the training runs count
rm -f "$raw"/*.profraw

# ---- 2. training runs --------------------------------------------------------
gen="$target/pgo-gen/release/diplograph"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# The samples are given 40 times over, so that extraction, not the one
# lexicon load per run, dominates the counts: with the samples once, the
# compiler took the extraction code for lukewarm and the profile gained
# nothing there (callgrind: extract::extract 669 M instructions either way
# on the 5 MB benchmark input, 623 M with the samples 40 times).
samples=()
for _ in $(seq 40); do samples+=("$repo/data/samples"); done
say "pgo: training on data/samples x40 (extract and build, 1 and 2 threads)"
for t in 1 2; do
  LLVM_PROFILE_FILE="$raw/dg-%p-%m.profraw" "$gen" extract -q "${samples[@]}" \
    --threads "$t" -o "$scratch/extract.jsonl"
  LLVM_PROFILE_FILE="$raw/dg-%p-%m.profraw" "$gen" build -q "${samples[@]}" \
    --threads "$t" -o "$scratch/build"
done

# ---- 3. merge, then the optimised build --------------------------------------
merged="$target/pgo-profiles/merged.profdata"
merge_profiles() {
  local cand
  for cand in $profdata_candidates; do
    if "$cand" merge -o "$merged" "$raw"/*.profraw 2>/dev/null; then
      echo "$cand"
      return
    fi
  done
}
profdata="$(merge_profiles)"
if [ -z "$profdata" ]; then
  # the llvm-profdata found is too old for this rustc: get the matching one
  install_profdata
  profdata_candidates="$(find_profdata)"
  profdata="$(merge_profiles)"
fi
[ -n "$profdata" ] || die "no llvm-profdata here reads this rustc's profiles (tried: $(echo $profdata_candidates))" 3
say "pgo: merged with $profdata"
say "pgo: building with the profile (TARGET/pgo)"
(cd "$repo" && RUSTFLAGS="-Cprofile-use=$merged" CARGO_TARGET_DIR="$target/pgo" \
  cargo build --release --quiet </dev/null) || die "profile-use build failed"
echo "$target/pgo/release/diplograph"
