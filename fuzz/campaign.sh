#!/usr/bin/env bash
# The long fuzzing campaign (fuzz/README.md): builds every target once, copies the binaries
# aside (so later builds cannot change what is running), then runs the targets at the lowest
# priority, seeded from ../shared/fixtures, FUZZ_LANES at a time (default 1; one per core).
# Each target stops after FUZZ_RUNS executions (default: no count) or SECONDS_PER_TARGET
# seconds, whichever comes first. A count makes the campaign's size independent of how busy
# the machine is. Logs go to fuzz/logs/<target>.log, crashes to fuzz/artifacts/<target>/; one
# line per target prints its executions and findings.
# Usage: [FUZZ_RUNS=N] [FUZZ_LANES=N] fuzz/campaign.sh [SECONDS_PER_TARGET] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
export PATH="${PAYNORM_TOOLS:-/opt/paynorm-tools}/bin:$HOME/.cargo/bin:$PATH"
secs=${1:-1800}
shift || true
all=$(sed -n 's/^name = "\([a-z_]*\)"$/\1/p' Cargo.toml | grep -v '^paynorm-fuzz$')
targets=${*:-$all}
runs=${FUZZ_RUNS:--1}
lanes=${FUZZ_LANES:-1}
./seed.sh >/dev/null
RUSTC_BOOTSTRAP=1 nice -n 19 cargo fuzz build -s none -O
bin=$(mktemp -d /tmp/paynorm-fuzz-campaign.XXXXXX)
trap 'rm -rf "$bin"' EXIT
for t in $targets; do cp "target/x86_64-unknown-linux-gnu/release/$t" "$bin/"; done
mkdir -p logs
echo "campaign: commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- .. || echo '+dirty'), at most $secs s and ${runs/#-1/unlimited} executions per target, $lanes at a time, started $(date -u +%FT%TZ)"
one() {
  local t=$1
  mkdir -p "artifacts/$t" "corpus/$t"
  touch "logs/$t.start"
  nice -n 19 "$bin/$t" "corpus/$t" -runs="$runs" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="artifacts/$t/" -print_final_stats=1 >"logs/$t.log" 2>&1 || true
  local n crashes secs_used
  n=$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$t.log" | tail -1)
  crashes=$(find "artifacts/$t" -type f \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' -o -name 'leak-*' \) -newer "logs/$t.start" | wc -l)
  secs_used=$(( $(date +%s) - $(stat -c %Y "logs/$t.start") ))
  echo "campaign: $t executions=${n:-?} findings=$crashes seconds=$secs_used ($(date -u +%FT%TZ))"
}
export -f one
export bin runs secs
printf '%s\n' $targets | xargs -P "$lanes" -I{} bash -c 'one {}'
