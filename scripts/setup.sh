#!/usr/bin/env bash
# Installs the system packages Guanxi needs on Debian (run as root, or with sudo available):
# libgraphviz-dev (libgvc/libcgraph, rendering in-process), libsqlite3-dev (the graph store), libopencc-dev + opencc (Traditional →
# Simplified), fonts-noto-cjk (Chinese labels in diagrams), pkg-config.
# Extra packages for tests can be named in $GUANXI_TEST_PACKAGES (e.g. "graphviz chromium").
set -euo pipefail
need=(libgraphviz-dev libopencc-dev libsqlite3-dev opencc fonts-noto-cjk pkg-config ${GUANXI_TEST_PACKAGES:-})
missing=()
for p in "${need[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing: ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
