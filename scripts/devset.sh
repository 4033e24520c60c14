#!/usr/bin/env bash
# Scores Guanxi on the sample page and the development set in ../shared (not shipped in this repo):
# builds each text into its own graph, then prints `guanxi evaluate` and the independent scorer's figures.
# Usage: scripts/devset.sh [GUANXI_BINARY] [--verbose]
set -u
bin=${1:-.build/debug/guanxi}
shared=${SHARED:-../shared}
out=$(mktemp -d)
[ -d "$shared/devset" ] || { echo "no $shared/devset: skipped"; exit 0; }
pairs=("$shared/seeds/000_7b3e52b32049f56f.txt:$shared/gold/000_7b3e52b32049f56f.json")
for t in "$shared"/devset/texts/*; do n=${t##*/}; n=${n%.*}; pairs+=("$t:$shared/devset/gold/$n.json"); done
for p in "${pairs[@]}"; do
  t=${p%%:*}; g=${p#*:}; n=${t##*/}; n=${n%.*}
  "$bin" build "$t" --graph "$out/$n.graph.json" >/dev/null 2>&1
  "$bin" export --graph "$out/$n.graph.json" --format json -o "$out/$n.json" 2>/dev/null
  line=$("$bin" evaluate --graph "$out/$n.graph.json" --gold "$g" ${2:-} )
  ent=$(echo "$line" | grep "^entities (typed)" | awk "{print \$8}"); rel=$(echo "$line" | grep "unlabeled" | awk "{print \$8}"); lab=$(echo "$line" | grep "(labeled)" | awk "{print \$8}")
  printf "%-22s typed-entity F1 %s  relation F1 %s  labeled %s\n" "$n" "$ent" "$rel" "$lab"
  [ -n "${2:-}" ] && echo "$line" | sed -n '/missed entities/,$p'
done
mkdir -p "$out/sys" "$out/gold"
for t in "$shared"/devset/texts/*; do n=${t##*/}; n=${n%.*}; cp "$out/$n.json" "$out/sys/$n.json"; cp "$shared/devset/gold/$n.json" "$out/gold/"; done
echo "--- devset micro-average (scripts/score.py) ---"
python3 scripts/score.py "$out/sys" "$out/gold" 2>/dev/null | grep -E "^(entities|relations|  typed|  untyped|  unlabeled|  labeled)|F1" | head -12
rm -rf "$out"
