#!/usr/bin/env bash
# Scores Guanxi on a folder of articles with gold files (default: Tests/Fixtures/heldout).
# Usage: scripts/heldout.sh [DIR] [GUANXI_BINARY]
set -u
dir=${1:-Tests/Fixtures/heldout}; bin=${2:-.build/debug/guanxi}
out=$(mktemp -d); mkdir -p "$out/sys"
for t in "$dir"/texts/*; do
  n=$(basename "$t"); n=${n%.*}
  "$bin" build "$t" --graph "$out/$n.g.json" >/dev/null 2>&1
  "$bin" export --graph "$out/$n.g.json" -o "$out/sys/$n.json" 2>/dev/null
  printf "%-6s " "$n"; "$bin" evaluate --graph "$out/$n.g.json" --gold "$dir/gold/$n.json" | grep -E "typed|unlabeled" | awk '{printf "%s F1 %s  ", $1, $8}'; echo
done
python3 scripts/score.py "$out/sys" "$dir/gold" 2>/dev/null | grep -E "^(entities|relations)"
rm -rf "$out"
