#!/usr/bin/env bash
# Backs up QE Registry: a pg_dump (custom format) of the database and a tar of the archived
# originals and written reports under $QE_HOME. Usage: backup.sh DEST_DIR
# Needs PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE (or a ~/.pgpass) and QE_HOME.
set -euo pipefail

dest=${1:?usage: backup.sh DEST_DIR}
: "${QE_HOME:?QE_HOME must be set}"
: "${PGDATABASE:=qe_registry}"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
target="$dest/qe-registry-$stamp"
mkdir -p "$target"

pg_dump --format=custom --no-owner --file="$target/database.dump" "$PGDATABASE"
dirs=()
for d in archive reports; do
  [ -d "$QE_HOME/$d" ] && dirs+=("$d")
done
if [ ${#dirs[@]} -gt 0 ]; then
  tar -C "$QE_HOME" -czf "$target/files.tar.gz" "${dirs[@]}"
fi
(cd "$target" && sha256sum -- * > SHA256SUMS)
echo "$target"
