#!/usr/bin/env bash
# The long fuzzing campaign (fuzz/README.md): builds every target once, copies the binaries
# aside (so later builds cannot change what is running), then runs each target in turn for
# SECONDS_PER_TARGET seconds on one core at the lowest priority, seeded from ../shared/fixtures.
# Logs go to fuzz/logs/<target>.log, crashes to fuzz/artifacts/<target>/; the last lines print
# the executions and findings per target. Usage: fuzz/campaign.sh [SECONDS_PER_TARGET] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
export PATH="${PAYNORM_TOOLS:-/opt/paynorm-tools}/bin:$HOME/.cargo/bin:$PATH"
secs=${1:-1800}
shift || true
all=$(sed -n 's/^name = "\([a-z_]*\)"$/\1/p' Cargo.toml | grep -v '^paynorm-fuzz$')
targets=${*:-$all}
./seed.sh >/dev/null
RUSTC_BOOTSTRAP=1 nice -n 19 cargo fuzz build -s none -O
bin=$(mktemp -d /tmp/paynorm-fuzz-campaign.XXXXXX)
for t in $targets; do cp "target/x86_64-unknown-linux-gnu/release/$t" "$bin/"; done
mkdir -p logs
echo "campaign: commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- .. || echo '+dirty'), $secs s per target, started $(date -u +%FT%TZ)"
for t in $targets; do
  mkdir -p "artifacts/$t" "corpus/$t"
  touch "logs/$t.start"
  nice -n 19 "$bin/$t" "corpus/$t" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="artifacts/$t/" -print_final_stats=1 >"logs/$t.log" 2>&1 || true
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$t.log" | tail -1)
  crashes=$(find "artifacts/$t" -type f \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' -o -name 'leak-*' \) -newer "logs/$t.start" | wc -l)
  echo "campaign: $t executions=${runs:-?} findings=$crashes ($(date -u +%FT%TZ))"
done
rm -rf "$bin"
