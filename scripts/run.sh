#!/usr/bin/env bash
# The main job: builds Guanxi (release) and turns seeds/ into graphs/: the graph file, its DOT and
# SVG drawings, ego diagrams of the best-connected entities, and HTML and Markdown reports.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product guanxi
bin=.build/release/guanxi
mkdir -p graphs
# Rebuild from scratch into a temporary file, then move it in place (the old graph stays until then).
tmp=graphs/.seeds.rebuild.json
rm -f "$tmp"
"$bin" build seeds --graph "$tmp"
mv "$tmp" graphs/seeds.json
G=graphs/seeds.json
"$bin" render --graph $G --format dot -o graphs/seeds.dot
"$bin" render --graph $G -o graphs/seeds.svg
"$bin" render --graph $G -o graphs/seeds.png
rm -f graphs/ego-*.svg
i=1
"$bin" facts --graph $G --tsv > graphs/facts.tsv
"$bin" stats --graph $G --top 3 --names | while IFS= read -r name; do
  "$bin" render --graph $G --focus "$name" --depth 1 -o "graphs/ego-$i.svg"
  i=$((i + 1))
done
"$bin" report --graph $G --format html -o graphs/report.html
rm -rf graphs/report-assets
"$bin" report --graph $G --format md -o graphs/report.md
"$bin" facts --graph $G --tsv > graphs/facts.tsv
"$bin" stats --graph $G
