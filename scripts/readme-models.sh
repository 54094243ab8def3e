#!/usr/bin/env bash
# Rewrites the README's model table (between <!-- models:begin --> and <!-- models:end -->) from the
# catalogue, as `vistok models` prints it; tests/readme.rs fails until this has been run after a
# catalogue change.
set -euo pipefail
cd "$(dirname "$0")/.."
table=$(mktemp)
cargo run -q --bin vistok -- models > "$table"
python3 - "$table" <<'PY'
import sys
table = open(sys.argv[1]).read()
readme = open("README.md").read()
head, rest = readme.split("<!-- models:begin -->\n", 1)
_, tail = rest.split("<!-- models:end -->", 1)
open("README.md", "w").write(head + "<!-- models:begin -->\n" + table + "<!-- models:end -->" + tail)
PY
rm -f "$table"
