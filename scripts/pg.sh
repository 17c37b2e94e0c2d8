# Sourced by test.sh and benchmark.sh: a throwaway PostgreSQL cluster owned by the
# postgres user (initdb refuses to run as root), fsync off, on a private port.
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PG_PORT=${PG_PORT:-54329}
PG_DIR=""

pg_start() {
  id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres
  PG_DIR=$(mktemp -d /tmp/ecm-pg.XXXXXX)
  chown postgres "$PG_DIR"
  su postgres -s /bin/sh -c "$PG_BIN/initdb -D $PG_DIR/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
  su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $PG_DIR/data -l $PG_DIR/log -w -o '-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200' start >/dev/null"
  "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -q -c "CREATE DATABASE ecm" >/dev/null
  PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/ecm"
  export PG_URL
}

pg_stop() {
  if [ -n "$PG_DIR" ]; then
    su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $PG_DIR/data -m immediate stop >/dev/null" || true
    rm -rf "$PG_DIR"
  fi
}
