#!/usr/bin/env bash
# The README's demo command: install claimgraph into .venv/ and run it on the bundled sample corpus.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install.sh
mkdir -p out
shopt -s nullglob
files=(samples/articles/*)
if [ ${#files[@]} -eq 0 ]; then
  echo "no sample articles found in samples/articles" >&2
  exit 1
fi
.venv/bin/claimgraph analyze "${files[@]}" --out out/json --report out/report.html
echo
echo "Analysis JSON: out/json/   HTML report: out/report.html"
rm -f out/demo.db out/demo.db-wal out/demo.db-shm
.venv/bin/claimgraph ingest samples/articles --db out/demo.db
if [ "${1:-}" = "--no-serve" ]; then
  exit 0
fi
echo "Web UI on http://127.0.0.1:${PORT:-8000} (Ctrl-C to stop)"
exec .venv/bin/claimgraph serve --db out/demo.db --port "${PORT:-8000}"
