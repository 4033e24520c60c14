#!/usr/bin/env bash
# The test command: installs what the tests need (graphviz programs and chromium are used to
# cross-check DOT output and to screenshot the HTML report; networkx reads our GraphML as Gephi's
# users' scripts do), then runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
GUANXI_TEST_PACKAGES="graphviz chromium" scripts/setup.sh
python3 -c 'import networkx' 2>/dev/null || python3 -m pip install -q networkx
swift build --build-tests
swift test --skip-build
