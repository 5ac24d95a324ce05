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

# TLS with a certificate for "localhost" from a throwaway CA, so the tests
# can connect with sslmode=verify-full (ca.crt is what a client trusts).
tls=/var/lib/accord-test-tls
if [ ! -s "$tls/server.crt" ]; then
  mkdir -p "$tls"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Accord test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$tls/ca.key" -out "$tls/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
  printf 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' >"$tls/server.ext"
  openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" \
    -CAcreateserial -days 3650 -extfile "$tls/server.ext" -out "$tls/server.crt" 2>/dev/null
  chown postgres:postgres "$tls/server.key" "$tls/server.crt"
  chmod 600 "$tls/server.key"
  chmod 644 "$tls/ca.crt"
fi
sed -i -E "s|^#?ssl *=.*|ssl = on|" "$conf"
sed -i -E "s|^#?ssl_cert_file *=.*|ssl_cert_file = '$tls/server.crt'|" "$conf"
sed -i -E "s|^#?ssl_key_file *=.*|ssl_key_file = '$tls/server.key'|" "$conf"
if pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$version" main reload
fi
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
