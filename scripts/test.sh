#!/usr/bin/env bash
# `make test`: installs what the suite needs, starts a throwaway PostgreSQL, runs
# lint and type checks, the whole suite on PostgreSQL, then the suite on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
export UV_PYTHON_DOWNLOADS=never

bash scripts/setup.sh

# What the suite needs from Debian besides what setup.sh installs: Chromium for
# browser tests, and a PostgreSQL server (the image usually has one).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "== lint and types"
uv run --locked ruff check .
uv run --locked ruff format --check .
uv run --locked mypy .

echo "== PostgreSQL"
source scripts/pg.sh
pg_start
trap pg_stop EXIT

export ECM_ENV=test
status=0
echo "== suite on PostgreSQL (with Chromium)"
DATABASE_URL="$PG_URL" uv run --locked pytest -q -p no:randomly -n 2 --dist loadgroup || status=1

echo "== suite on SQLite (everything that is not PostgreSQL- or browser-specific)"
DATABASE_URL="sqlite:///$(mktemp -d)/test.sqlite3" uv run --locked pytest -q -n 2 \
  -m "not browser and not postgres" || status=1

exit $status
