#!/usr/bin/env bash
# Create .venv/ and install claimgraph into it. `install.sh test` adds what the tests need
# (test extras and, for the real-browser tests, Debian's chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
if [ "${1:-}" = "test" ]; then
  .venv/bin/python -m pip install -q -e '.[test]'
  # Debian packages the tests need: chromium for the real-browser tests, a Unicode font for PDF fixtures.
  need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    else
      echo "install.sh: please install these Debian packages: ${need[*]}" >&2
    fi
  fi
else
  .venv/bin/python -m pip install -q -e .
fi
# Front-end libraries (cytoscape for the flow graph) come from the npm registry; postinstall copies
# them into src/claimgraph/serve/static/vendor/ (not in git).
if command -v npm >/dev/null; then
  npm ci --no-audit --no-fund --silent
else
  echo "install.sh: npm not found: the flow-graph page will fall back to a table" >&2
fi
