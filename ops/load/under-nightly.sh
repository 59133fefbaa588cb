#!/usr/bin/env bash
# The console under load while a province-scale nightly runs beside it, on one machine:
# generate N firms, start the server, start the nightly from a second process on the same home,
# and measure page times with console-load.py meanwhile. Prints the load figures and the nightly's
# outcome. Usage: ops/load/under-nightly.sh [JAR] [ENTERPRISES] [USERS] [SECONDS]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
jar=$(realpath "${1:-$here/../../target/qe-registry.jar}")
firms=${2:-200000}
users=${3:-20}
seconds=${4:-60}
work=$(mktemp -d)
port=18080
password=load-test-$$
export QE_HOME=$work/home QE_ADMIN_PASSWORD=$password SERVER_PORT=$port
QE_CONFIG_DIR=$(cd "$here/../.." && pwd)
export QE_CONFIG_DIR

server=
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

java -Xmx1g -jar "$jar" generate --out="$work/province" --enterprises="$firms" --seed=3 --as-of=2026-11-26 >/dev/null
mkdir -p "$QE_HOME"
cp -r "$work/province/inbox" "$QE_HOME/"

java -Xmx1g -jar "$jar" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/login" >/dev/null 2>&1 && break
  sleep 1
done

java -Xmx1g -jar "$jar" run nightly --date=2026-11-26 >"$work/nightly.txt" 2>&1 &
nightly=$!
sleep 5
python3 "$here/console-load.py" --base="http://127.0.0.1:$port" --password="$password" --users="$users" --seconds="$seconds"
if kill -0 "$nightly" 2>/dev/null; then
  echo "the nightly was still running when the load ended (as intended)"
fi
wait "$nightly" || true
head -n 1 "$work/nightly.txt"
