#!/usr/bin/env bash
# Installs what the application needs to run. Quick when nothing has changed.
set -euo pipefail
cd "$(dirname "$0")/.."
export UV_PYTHON_DOWNLOADS=never

if ! command -v uv >/dev/null 2>&1; then
  echo "Installing uv"
  python3 -m pip install --quiet "uv==0.13.8"
fi
# From Debian: gettext for translations; Pango and an Arial-metric font for PDFs.
debs=()
command -v msgfmt >/dev/null 2>&1 || debs+=(gettext)
ldconfig -p | grep -q libpangoft2-1.0 || debs+=(libpango-1.0-0 libpangoft2-1.0-0)
[ -d /usr/share/fonts/truetype/liberation2 ] || debs+=(fonts-liberation2)
if [ ${#debs[@]} -gt 0 ]; then
  echo "Installing ${debs[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${debs[@]}" >/dev/null
fi

uv sync --locked --quiet

# Front-end packages: reinstall only when the lock file changed.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
if [ ! -f build/static/css/application.css ] || [ -n "$(find frontend package-lock.json -newer build/static/css/application.css -print -quit)" ]; then
  npm run --silent build
fi

# Compiled translations are build output, not source.
if [ ! -f locale/cy/LC_MESSAGES/django.mo ] || [ locale/cy/LC_MESSAGES/django.po -nt locale/cy/LC_MESSAGES/django.mo ]; then
  uv run --locked python manage.py compilemessages -l cy --ignore=.venv --ignore=node_modules >/dev/null
fi
mkdir -p var
