#!/usr/bin/env bash
# The fault suite (issue 17): its own PostgreSQL, the packaged server as separate processes, a recording
# webhook receiver and a retrying load client; kill -9, receiver outages, PostgreSQL restart and outage,
# two nodes. Writes docs/reliability.md. About 20 minutes; stops by itself (cut off after 40 minutes).
#
#   scripts/fault-suite.sh                     build the jar, run every scenario
#   scripts/fault-suite.sh --no-build          use the api/target/cascade.jar already built
#   scripts/fault-suite.sh only=1,5b rate=30   settings of io.cascade.api.faults.FaultSuite (name=value)
#
# Needs JDK 17 and PostgreSQL 15's initdb/pg_ctl in /usr/lib/postgresql/15/bin (or PG_BIN=...).
# Nothing else on the machine is touched: its database lives in target/fault-suite/pg on a free port
# (run as root, PostgreSQL runs as the OS user postgres, or PG_USER).
set -euo pipefail
cd "$(dirname "$0")/.."

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
work=target/fault-suite
build=1
args=("pg-bin=$PG_BIN" "pg-user=${PG_USER:-postgres}" "work=$work")
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) args+=("$arg") ;;
  esac
done

# Whatever the suite's JVM could not stop itself (when it was killed too): only the processes it started.
clean_up() {
  for pidfile in "$work"/logs/*.pid; do
    [[ -f "$pidfile" ]] || continue
    pid=$(cat "$pidfile")
    if ps -p "$pid" -o args= 2>/dev/null | grep -q 'cascade.jar'; then
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  done
  if [[ -f "$work/pg/data/postmaster.pid" ]]; then
    as_owner=()
    [[ $(id -u) == 0 ]] && as_owner=(runuser -u "${PG_USER:-postgres}" --)
    "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$work/pg/data" stop -m immediate >/dev/null 2>&1 || true
  fi
}
trap clean_up EXIT

mkdir -p "$work/logs"
if [[ $build == 1 ]]; then
  ./mvnw -B -q package -DskipTests
fi
./mvnw -B -q -pl api -am -Pfaults -Dskip.npm process-test-classes -Dfaults.args="${args[*]}"
