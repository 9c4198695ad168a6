#!/usr/bin/env bash
# Puts Debian's nginx, configured with deploy/nginx/frontdesk.conf, in front of two real Frontdesk
# nodes on PostgreSQL + Redis, and passes a chat through it both ways: a guest on one node and an
# agent on the other, over websocket and then with long-polling only. nginx runs as an instance of
# its own (a temporary prefix, a free unprivileged port), never the system's; the nodes use a
# database of their own (CHECK_NGINX_DB, default fd_nginx), re-created on each run.
#   bash deploy/check-nginx.sh
# Needs PostgreSQL on PG_URL_BASE and Redis on REDIS_URL (the defaults: both on 127.0.0.1, as .ci/run
# starts them). Prints what it checked; exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_URL_BASE="${PG_URL_BASE:-postgres://postgres@127.0.0.1:5432}"
DB="${CHECK_NGINX_DB:-fd_nginx}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

if [ ! -x /usr/sbin/nginx ]; then
  echo "== installing Debian's nginx"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi
echo "== $(/usr/sbin/nginx -v 2>&1)"

psql "$PG_URL_BASE/postgres" -qc "drop database if exists $DB with (force)"
psql "$PG_URL_BASE/postgres" -qc "create database $DB"
trap 'psql "$PG_URL_BASE/postgres" -qc "drop database if exists $DB with (force)" >/dev/null 2>&1 || true' EXIT

echo "== nginx in front of two nodes"
DATABASE_URL="$PG_URL_BASE/$DB" node --import tsx deploy/check-nginx.ts
