#!/usr/bin/env bash
# `make bench`: builds guanxi and guanxi-bench in release, generates the corpus once into
# $GUANXI_BENCH_WORK (default /tmp/guanxi-bench: 1, 10 and 100 MB, fixed seed), installs the
# anchors (jieba; Baidu LAC only when GUANXI_BENCH_LAC=1, it needs paddlepaddle) when it can,
# runs the benchmark, prints the table and writes it into docs/performance.md.
#   GUANXI_BENCH_SIZES=1,10   a quicker run
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=${GUANXI_BENCH_SCRATCH:-.build-bench}
WORK=${GUANXI_BENCH_WORK:-/tmp/guanxi-bench}
SIZES=${GUANXI_BENCH_SIZES:-1,10,100}
PY=${PYTHON:-python3}

if [ -x scripts/setup.sh ]; then GUANXI_TEST_PACKAGES="graphviz time" scripts/setup.sh >/dev/null 2>&1 || echo "bench: setup.sh failed; continuing" >&2; fi
command -v dot >/dev/null || echo "bench: the graphviz programs (dot, sfdp) are not installed: program timings will be skipped" >&2
command -v /usr/bin/time >/dev/null || echo "bench: GNU time is not installed (apt-get install time): child peak memory will read 0" >&2

if command -v "$PY" >/dev/null; then
  "$PY" -c "import jieba" 2>/dev/null || timeout 120 "$PY" -m pip install -q jieba >/dev/null 2>&1 \
    || echo "bench: could not install jieba; its anchor is skipped" >&2
  if [ "${GUANXI_BENCH_LAC:-0}" = 1 ]; then
    "$PY" -c "import LAC" 2>/dev/null || timeout 300 "$PY" -m pip install -q lac >/dev/null 2>&1 \
      || echo "bench: could not install lac; its anchor is skipped" >&2
  fi
else
  echo "bench: no $PY: anchors skipped" >&2
fi

swift build -c release --scratch-path "$SCRATCH" --product guanxi
swift build -c release --scratch-path "$SCRATCH" --product guanxi-bench
BIN="$SCRATCH/release"
"$BIN/guanxi-bench" run --work "$WORK" --sizes "$SIZES" --guanxi "$BIN/guanxi" --python "$PY" --doc docs/performance.md
