#!/bin/bash
# Camunda's history cleanup at the SQL level (docs/benchmarks.md, "Camunda's cleanup statements"): Camunda's own
# PostgreSQL schema (from the camunda-engine jar), RUNS finished runs that are not due yet, then RUNS runs that are
# (a day past a 30-day retention, written after the others as HistoryLoad writes them), vacuum analyze; then Camunda's
# delete statements in batches of BATCH until nothing is due or LIMIT seconds passed. With AUTOVACUUM="0.01 0.01" (vacuum
# and analyze scale factors) autovacuum is emulated every 60 s, for a server where it is off.
# Usage: scripts/camunda-cleanup.sh [DB=cascade_camunda_cleanup] [RUNS=200000] [BATCH=500] [LIMIT=600] [AUTOVACUUM=]
# Drops and recreates DB on 127.0.0.1:5432 as user postgres. Needs the camunda-engine jar in ~/.m2 (any build).
set -euo pipefail
for arg in "$@"; do export "${arg?}"; done
DB=${DB:-cascade_camunda_cleanup}; RUNS=${RUNS:-200000}; BATCH=${BATCH:-500}; LIMIT=${LIMIT:-600}
HERE=$(cd "$(dirname "$0")/camunda-cleanup" && pwd)
P="psql -q -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -d $DB"
JAR=$(ls ~/.m2/repository/org/camunda/bpm/camunda-engine/*/camunda-engine-*.jar | grep -v sources | tail -1)

dropdb --if-exists -h 127.0.0.1 -U postgres "$DB"
createdb -h 127.0.0.1 -U postgres "$DB"
for part in engine history; do
    unzip -p "$JAR" "org/camunda/bpm/engine/db/create/activiti.postgres.create.$part.sql" | $P >/dev/null
done
$P -v prefix=flat -v count="$RUNS" -v from="$(date -u -d '30 days ago 6 hours' +'%F %T')" -v span=$((30 * 86400 - 7 * 3600)) \
    -f "$HERE/fill.sql" >/dev/null
$P -v prefix=day -v count="$RUNS" -v from="$(date -u -d '31 days ago 1 hour ago' +'%F %T')" -v span=86400 \
    -f "$HERE/fill.sql" >/dev/null
$P -c "vacuum analyze act_hi_procinst, act_hi_actinst, act_hi_varinst" -f "$HERE/loop.sql"

EMULATOR=
if [ -n "${AUTOVACUUM:-}" ]; then
    # shellcheck disable=SC2086
    "$HERE/autovacuum.sh" $AUTOVACUUM 60 "$DB" > "/tmp/$DB-autovacuum.log" 2>&1 &
    EMULATOR=$!
fi
# 5-second calls: statistics (n_dead_tup) reach the emulator between calls, as they do between Camunda's jobs
START=$(date +%s)
while [ $(($(date +%s) - START)) -lt "$LIMIT" ]; do
    $P -c "call cleanup_loop('batch $BATCH', $BATCH, 5)"
    if [ "$($P -Atc "select rows from cleanup_log order by at desc limit 1")" = 0 ]; then
        break
    fi
done
if [ -n "$EMULATOR" ]; then
    kill "$EMULATOR"
    echo "emulated autovacuum:"; cat "/tmp/$DB-autovacuum.log"
fi
psql -h 127.0.0.1 -U postgres -d "$DB" -f "$HERE/report.sql"
