#!/usr/bin/env bash
# postgres-setup.sh - Debian's PostgreSQL, started without systemd, listening
# on 127.0.0.1 only, with a role "accord" that may create the throwaway
# databases the tests use. Idempotent; must run as root. Prints the URL for
# ACCORD_TEST_POSTGRES_URL on its last line.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "postgres-setup: must be run as root" >&2
  exit 1
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
conf="/etc/postgresql/$version/main/postgresql.conf"
# Local only: no other machine can reach the test server.
sed -i -E "s/^#?listen_addresses *=.*/listen_addresses = '127.0.0.1'/" "$conf"
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 && break
  sleep 1
done
pg_isready -h 127.0.0.1 >&2

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qAt -c \"$1\""; }
if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = 'accord'")" != "1" ]; then
  psql_admin "CREATE ROLE accord LOGIN CREATEDB PASSWORD 'accord'"
fi
if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = 'accord'")" != "1" ]; then
  psql_admin "CREATE DATABASE accord OWNER accord"
fi
echo "postgres://accord:accord@127.0.0.1:5432/accord"
