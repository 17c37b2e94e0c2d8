#!/usr/bin/env bash
# `make benchmark`: page timings on generated data in a throwaway PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh
pg_start
trap pg_stop EXIT
export DATABASE_URL="$PG_URL" ECM_ENV=development
uv run --locked python manage.py migrate --no-input -v 0
uv run --locked python manage.py benchmark_pages "$@"
uv run --locked python manage.py benchmark_meeting_pack
uv run --locked python manage.py benchmark_timeline
uv run --locked python manage.py benchmark_formulation_report
