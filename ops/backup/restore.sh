#!/usr/bin/env bash
# Restores a backup made by backup.sh into an EMPTY database and QE_HOME.
# Usage: restore.sh BACKUP_DIR   (stop QE Registry first; PG* variables as for backup.sh)
set -euo pipefail

src=${1:?usage: restore.sh BACKUP_DIR}
: "${QE_HOME:?QE_HOME must be set}"
: "${PGDATABASE:=qe_registry}"

(cd "$src" && sha256sum --check --quiet SHA256SUMS)
pg_restore --no-owner --exit-on-error --dbname="$PGDATABASE" "$src/database.dump"
if [ -f "$src/files.tar.gz" ]; then
  mkdir -p "$QE_HOME"
  tar -C "$QE_HOME" -xzf "$src/files.tar.gz"
fi
echo "restored $src into database $PGDATABASE and $QE_HOME"
