#!/usr/bin/env bash
# Which statements PostgreSQL spends its time on during a benchmark's steady phase, by
# pg_stat_statements (calls, execution and planning milliseconds), on a PostgreSQL of its own: the
# shared server's settings are never touched. Needs Debian's postgresql-15 binaries (initdb, pg_ctl).
#
#   bash bench/scripts/pg-statements.sh [bench options…]
#   bash bench/scripts/pg-statements.sh --targets cluster --saturate 0 --duration 40
#
# The cluster target runs on a server started here on PORT (5544) with pg_stat_statements (nested
# statements and planning counted); the statistics are reset when the steady phase starts and
# printed when the run's table is, most expensive first and most called first. PG_STAT_TRACK=top
# counts only the statements clients send (the default, all, counts those functions run too). The server is stopped at the end.
set -euo pipefail
PORT="${PORT:-5544}"
BIN="$(ls -d /usr/lib/postgresql/*/bin | tail -1)"
DIR="$(mktemp -d /tmp/frontdesk-pg-statements-XXXXXX)"
chown postgres "$DIR"
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
as_pg "$BIN/initdb -D $DIR/data -A trust -U postgres" >/dev/null
cat >>"$DIR/data/postgresql.conf" <<CONF
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
shared_buffers = 128MB
track_activity_query_size = 8192
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = ${PG_STAT_TRACK:-all}
pg_stat_statements.track_planning = on
CONF
as_pg "$BIN/pg_ctl -D $DIR/data -l $DIR/log start -w" >/dev/null
trap 'as_pg "$BIN/pg_ctl -D $DIR/data stop -m fast" >/dev/null; rm -rf "$DIR"' EXIT
PSQL=(psql -h 127.0.0.1 -p "$PORT" -U postgres -qAt)
"${PSQL[@]}" -c "create extension pg_stat_statements"

cd "$(dirname "$0")/../.."
LOG="$DIR/bench.log"
BENCH_POSTGRES_URL="postgres://postgres@127.0.0.1:$PORT/postgres" npm run bench -- --targets cluster "$@" >"$LOG" 2>&1 &
BENCH=$!
# PG_STAT_PHASE=warmup: the warm-up instead (every guest opens a request: routing, assignment)
FROM="steady:"; UNTIL="offered"
if [ "${PG_STAT_PHASE:-steady}" = warmup ]; then FROM="warm-up:"; UNTIL="steady:"; fi
until grep -q "$FROM" "$LOG" 2>/dev/null || ! kill -0 $BENCH 2>/dev/null; do sleep 0.5; done
"${PSQL[@]}" -c "select pg_stat_statements_reset()" >/dev/null
until grep -q "$UNTIL" "$LOG" 2>/dev/null || ! kill -0 $BENCH 2>/dev/null; do sleep 0.5; done
"${PSQL[@]}" -c "create table frontdesk_statements_then as select * from pg_stat_statements" >/dev/null
echo "calls	exec ms	plan ms	rows	statement (${PG_STAT_PHASE:-steady} phase, most expensive first)"
"${PSQL[@]}" -F $'\t' -c "select calls, round(total_exec_time::numeric), round(total_plan_time::numeric), rows,
  left(regexp_replace(query, '\s+', ' ', 'g'), 160) from frontdesk_statements_then
  order by total_exec_time + total_plan_time desc limit 30"
echo "calls	exec ms	plan ms	rows	statement (the same, most called first)"
"${PSQL[@]}" -F $'\t' -c "select calls, round(total_exec_time::numeric), round(total_plan_time::numeric), rows,
  left(regexp_replace(query, '\s+', ' ', 'g'), 160) from frontdesk_statements_then
  order by calls desc limit 20"
"${PSQL[@]}" -F $'\t' -c "select sum(calls), round(sum(total_exec_time)), round(sum(total_plan_time)), '', 'all statements'
  from frontdesk_statements_then"
wait $BENCH || true
grep -E "offered|CPU ms per message|results:" "$LOG"
