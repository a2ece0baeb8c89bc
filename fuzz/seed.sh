#!/usr/bin/env bash
# Seeds each fuzz target's corpus (fuzz/corpus/<target>/, ignored by git) from the shared
# provider fixtures, read in place from ../shared/fixtures (relative to the repository root; or
# $PAYNORM_FIXTURES). Nothing is committed: the fixtures stay where they are. Idempotent.
# FUZZ_CORPUS (absolute, or relative to fuzz/) seeds another folder instead of corpus/.
set -euo pipefail
cd "$(dirname "$0")"
fixtures=${PAYNORM_FIXTURES:-../../shared/fixtures}
if [ ! -d "$fixtures" ]; then
  echo "seed: no fixtures at $fixtures; the corpus starts empty" >&2
  exit 0
fi
corpus=${FUZZ_CORPUS:-corpus}
targets=$(sed -n 's/^name = "\([a-z_]*\)"$/\1/p' Cargo.toml | grep -v '^paynorm-fuzz$')
for t in $targets; do
  mkdir -p "$corpus/$t"
  n=0
  while IFS= read -r -d '' f; do
    name=$(echo "${f#"$fixtures"/}" | tr '/' '_')
    if [ "$t" = normalize_json_options ]; then
      # The target reads its options from the last four bytes: one seed per knob pattern.
      for knobs in '\x00\x00\x00\x00' '\x04\x02\x03\xff' '\x01\x03\x02\x21' '\x02\x01\x05\x80'; do
        { cat "$f"; printf "$knobs"; } > "$corpus/$t/${name}_$(printf '%s' "$knobs" | tr -d '\\x')"
      done
    else
      cp "$f" "$corpus/$t/$name"
    fi
    n=$((n + 1))
  done < <(find "$fixtures" -name '*.json' -print0)
  echo "seed: $t <- $n fixtures"
done
