#!/usr/bin/env bash
# Proves backup and restore end to end against a real PostgreSQL server (Debian's, started here in
# a scratch cluster): install the roles and database from ops/postgres, run the nightly job on the
# a small generated province, back up, drop the database, restore, and check that `status` shows
# the same executions and the archive comes back. Usage: ops/backup/exercise-restore.sh [JAR]   (run as root or as a user with initdb)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
jar=${1:-$here/../../target/qe-registry.jar}
jar=$(realpath "$jar")
bindir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d | sort -V | tail -n 1)
work=$(mktemp -d)
chmod 0755 "$work"
port=55432

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
  as_pg "$bindir/pg_ctl" -D "$work/cluster" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

owner=$(id -un)
if [ "$(id -u)" = 0 ]; then owner=postgres; fi
install -d -o "$owner" "$work/cluster" "$work/socket"
as_pg "$bindir/initdb" -D "$work/cluster" -U postgres -A trust -E UTF8 --locale=C >/dev/null
as_pg "$bindir/pg_ctl" -D "$work/cluster" -o "-p $port -k $work/socket -c listen_addresses=localhost" -w start >/dev/null

export PGHOST=localhost PGPORT=$port
psql -q -U postgres -v owner_password=owner-secret -v reader_password=reader-secret \
  -f "$here/../postgres/01-create-roles-and-database.sql"

export QE_HOME=$work/home
QE_CONFIG_DIR=$(cd "$here/../.." && pwd)
export QE_CONFIG_DIR
export SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:$port/qe_registry
export SPRING_DATASOURCE_USERNAME=qe_owner SPRING_DATASOURCE_PASSWORD=owner-secret
java -jar "$jar" generate --out="$work/province" --enterprises=2000 --seed=1 --as-of=2026-11-26 >/dev/null
mkdir -p "$QE_HOME"
cp -r "$work/province/inbox" "$QE_HOME/"
java -jar "$jar" run nightly --date=2026-11-26 >"$work/run.txt" || { echo "the nightly failed:"; cat "$work/run.txt"; exit 1; }
PGUSER=qe_owner PGPASSWORD=owner-secret psql -q -d qe_registry -f "$here/../postgres/02-grant-reader.sql"
java -jar "$jar" status >"$work/status-before.txt"

export PGUSER=qe_owner PGPASSWORD=owner-secret PGDATABASE=qe_registry
backup=$("$here/backup.sh" "$work/backups")
rows_before=$(psql -tA -c "select count(*) from delivery")

psql -q -U postgres -d postgres -c "drop database qe_registry" -c "create database qe_registry owner qe_owner"
rm -rf "$QE_HOME/archive" "$QE_HOME/reports"
"$here/restore.sh" "$backup"

java -jar "$jar" status >"$work/status-after.txt"
diff -u "$work/status-before.txt" "$work/status-after.txt"
rows_after=$(psql -tA -c "select count(*) from delivery")
archived=$(find "$QE_HOME/archive" -type f | wc -l)
[ "$archived" -gt 0 ] || { echo "the archive did not come back"; exit 1; }
[ "$rows_before" = "$rows_after" ] || { echo "deliveries before $rows_before, after $rows_after"; exit 1; }
echo "backup/restore exercised: $(grep -c '^[0-9]' "$work/status-after.txt") executions, $rows_after deliveries and $archived archived files identical after restore"
