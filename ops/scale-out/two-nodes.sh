#!/usr/bin/env bash
# Two QE Registry nodes on one machine sharing one PostgreSQL: the two-node installation of
# ops/README.md in miniature, to watch clustered Quartz run the nightly once and to kill a node
# mid-run.
#
#   two-nodes.sh start [JAR]     start node1 (:8081), wait until it serves, then node2 (:8082)
#   two-nodes.sh start-node N    start node N (1 or 2) again, e.g. after `kill`
#   two-nodes.sh status          each node's pid and /actuator/health/node
#   two-nodes.sh kill N          kill -9 node N: a crash, no shutdown hooks, its run left STARTED
#   two-nodes.sh stop            stop both nodes (and the scratch database, if this script made it)
#
# Environment (read by `start`, remembered in $QE_TWO_NODES_DIR/env for the other commands):
#   QE_TWO_NODES_DIR   working folder, default /tmp/qe-two-nodes: shared/ (the QE_HOME of both nodes:
#                      inbox, archive and reports at one path, as two servers with the same QE_HOME
#                      on a shared mount see them), nodeN/qe-registry.log (each node's log file),
#                      nodeN.pid, nodeN.log (console output)
#   SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD
#                      the shared database; when the URL is unset a scratch PostgreSQL cluster is
#                      created in the working folder (Debian's postgresql package, port 55433)
#   QE_CONFIG_DIR      folder with jobs/ and mappings/, default this repository
#   QE_ADMIN_PASSWORD  first admin password, default two-nodes-admin
#   QE_NODE_TIMEOUT    how long a silent node counts as alive (ISO-8601, default PT2M)
#   QE_SCHEDULE_ORPHAN_CHECK
#                      how often each node looks for runs of dead nodes (default PT30S); a run of a
#                      dead node is recovered and a scheduled night resumed on the survivor
#   JAVA_OPTS          JVM options of each node, default -Xmx512m
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
dir=${QE_TWO_NODES_DIR:-/tmp/qe-two-nodes}
pg_port=55433

usage() {
  sed -n '6,10p' "$0" | sed 's/^# *//' >&2
  exit 2
}

port_of() { echo $((8080 + $1)); }

# alive and not a zombie (a killed node whose parent, this script, is gone may stay unreaped)
running() {
  local pidfile=$dir/node$1.pid state
  [ -f "$pidfile" ] || return 1
  state=$(ps -o stat= -p "$(cat "$pidfile")" 2>/dev/null) || return 1
  [[ $state != Z* ]]
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bindir() {
  find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d | sort -V | tail -n 1
}

scratch_database() {
  local bindir owner
  bindir=$(pg_bindir)
  [ -n "$bindir" ] || { echo "no PostgreSQL server found: install postgresql or set SPRING_DATASOURCE_URL" >&2; exit 1; }
  owner=$(id -un)
  if [ "$(id -u)" = 0 ]; then owner=postgres; fi
  install -d -o "$owner" "$dir/pg" "$dir/pg/cluster" "$dir/pg/socket"
  as_pg "$bindir/initdb" -D "$dir/pg/cluster" -U postgres -A trust -E UTF8 --locale=C >/dev/null
  as_pg "$bindir/pg_ctl" -D "$dir/pg/cluster" -l "$dir/pg/server.log" \
    -o "-p $pg_port -k $dir/pg/socket -c listen_addresses=localhost" -w start >/dev/null
  PGHOST=localhost PGPORT=$pg_port psql -q -U postgres -v owner_password=two-nodes-owner \
    -v reader_password=two-nodes-reader -f "$here/../postgres/01-create-roles-and-database.sql"
  {
    echo "SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:$pg_port/qe_registry"
    echo "SPRING_DATASOURCE_USERNAME=qe_owner"
    echo "SPRING_DATASOURCE_PASSWORD=two-nodes-owner"
    echo "SCRATCH_PG_BINDIR=$bindir"
  } >>"$dir/env"
}

start_node() {
  local n=$1
  if running "$n"; then
    echo "node$n already running (pid $(cat "$dir/node$n.pid"))"
    return
  fi
  install -d "$dir/node$n"
  (
    set -a
    # shellcheck source=/dev/null
    . "$dir/env"
    set +a
    SERVER_PORT=$(port_of "$n")
    LOGGING_FILE_NAME=$dir/node$n/qe-registry.log
    export QE_HOME=$dir/shared SERVER_PORT LOGGING_FILE_NAME
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
    exec java ${JAVA_OPTS:--Xmx512m} -jar "$JAR" >>"$dir/node$n.log" 2>&1
  ) &
  echo $! >"$dir/node$n.pid"
  wait_until_serving "$n"
}

wait_until_serving() {
  local n=$1 port
  port=$(port_of "$n")
  for _ in $(seq 1 180); do
    if curl -fsS "http://localhost:$port/actuator/health/node" >/dev/null 2>&1; then
      echo "node$n serving on http://localhost:$port (pid $(cat "$dir/node$n.pid"), QE_HOME $dir/shared, log $dir/node$n/qe-registry.log)"
      return
    fi
    running "$n" || { echo "node$n exited during start-up; last lines of $dir/node$n.log:" >&2; tail -n 30 "$dir/node$n.log" >&2; exit 1; }
    sleep 1
  done
  echo "node$n not serving after 180 s; see $dir/node$n.log" >&2
  exit 1
}

start() {
  local jar=${1:-$here/../../target/qe-registry.jar}
  [ -f "$jar" ] || { echo "no jar at $jar: build it with ./mvnw -B -q package -DskipTests" >&2; exit 1; }
  if running 1 || running 2; then echo "nodes already running: $0 stop first" >&2; exit 1; fi
  if [ -d "$dir" ] && [ ! -f "$dir/env" ] && [ -n "$(ls -A "$dir")" ]; then
    echo "$dir is not empty and not a two-nodes folder: set QE_TWO_NODES_DIR elsewhere" >&2
    exit 1
  fi
  rm -rf "$dir"
  install -d "$dir/shared/inbox" "$dir/shared/archive" "$dir/shared/reports"
  {
    echo "JAR=$(realpath "$jar")"
    echo "QE_CONFIG_DIR=${QE_CONFIG_DIR:-$(cd "$here/../.." && pwd)}"
    echo "QE_ADMIN_PASSWORD=${QE_ADMIN_PASSWORD:-two-nodes-admin}"
    echo "QE_NODE_TIMEOUT=${QE_NODE_TIMEOUT:-PT2M}"
    echo "QE_SCHEDULE_ORPHAN_CHECK=${QE_SCHEDULE_ORPHAN_CHECK:-PT30S}"
    echo "JAVA_OPTS=\"${JAVA_OPTS:--Xmx512m}\""
  } >"$dir/env"
  if [ -n "${SPRING_DATASOURCE_URL:-}" ]; then
    {
      echo "SPRING_DATASOURCE_URL=$SPRING_DATASOURCE_URL"
      echo "SPRING_DATASOURCE_USERNAME=${SPRING_DATASOURCE_USERNAME:-}"
      echo "SPRING_DATASOURCE_PASSWORD=${SPRING_DATASOURCE_PASSWORD:-}"
    } >>"$dir/env"
  else
    scratch_database
  fi
  chmod 0600 "$dir/env"
  load_env
  # one after the other: the first node migrates the schema, the second finds it current
  start_node 1
  start_node 2
}

load_env() {
  [ -f "$dir/env" ] || { echo "no $dir/env: run '$0 start' first" >&2; exit 1; }
  set -a
  # shellcheck source=/dev/null
  . "$dir/env"
  set +a
}

status() {
  local n port health
  for n in 1 2; do
    port=$(port_of "$n")
    if running "$n"; then
      health=$(curl -sS "http://localhost:$port/actuator/health/node" 2>&1 || true)
      echo "node$n pid $(cat "$dir/node$n.pid") port $port: $health"
    else
      echo "node$n not running"
    fi
  done
}

kill_node() {
  local n=$1
  running "$n" || { echo "node$n is not running" >&2; exit 1; }
  kill -9 "$(cat "$dir/node$n.pid")"
  for _ in $(seq 1 20); do running "$n" || break; sleep 0.5; done
  echo "node$n killed (kill -9); its heartbeat stops: within ${QE_NODE_TIMEOUT:-PT2M} + ${QE_SCHEDULE_ORPHAN_CHECK:-PT30S} the other node"
  echo "recovers its run and resumes a scheduled night (its log: 'queued to resume after recovering execution')"
}

stop() {
  local n pid
  for n in 1 2; do
    if running "$n"; then
      pid=$(cat "$dir/node$n.pid")
      kill "$pid"
      for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      echo "node$n stopped"
    fi
  done
  if [ -n "${SCRATCH_PG_BINDIR:-}" ] && [ -d "$dir/pg/cluster" ]; then
    as_pg "$SCRATCH_PG_BINDIR/pg_ctl" -D "$dir/pg/cluster" -m fast stop >/dev/null 2>&1 || true
    echo "scratch database stopped (data kept in $dir/pg until the next start)"
  fi
}

node_arg() {
  case "${1:-}" in
    1|2) echo "$1" ;;
    node1|node2) echo "${1#node}" ;;
    *) usage ;;
  esac
}

case "${1:-}" in
  start) start "${2:-}" ;;
  start-node) n=$(node_arg "${2:-}"); load_env; start_node "$n" ;;
  status) status ;;
  kill) n=$(node_arg "${2:-}"); load_env; kill_node "$n" ;;
  stop) load_env; stop ;;
  *) usage ;;
esac
