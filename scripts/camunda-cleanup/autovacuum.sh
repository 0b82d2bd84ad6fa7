#!/bin/bash
# Emulates autovacuum (off on this server) for the three tables: every $3 s (autovacuum_naptime), a table whose dead
# tuples exceed 50 + $1 * reltuples is vacuumed, one whose changes since analyze exceed 50 + $2 * reltuples analyzed,
# throttled like autovacuum (vacuum_cost_delay 2 ms, cost limit 200).
SF=$1; ASF=$2; NAP=${3:-60}; DB=${4:-cascade_cleanup}
P="psql -h 127.0.0.1 -U postgres -d $DB -Atq"
while true; do
  sleep $NAP
  for t in $($P -c "select s.relname || ':' || (n_dead_tup > 50 + $SF * c.reltuples)::int || (n_mod_since_analyze > 50 + $ASF * c.reltuples)::int from pg_stat_user_tables s join pg_class c on c.oid = s.relid where s.relname in ('act_hi_procinst','act_hi_actinst','act_hi_varinst')"); do
    rel=${t%%:*}; f=${t##*:}
    case $f in 1?) op="vacuum analyze";; 01) op="analyze";; *) continue;; esac
    s=$(date +%s.%N); $P -c "set vacuum_cost_delay = 2" -c "set vacuum_cost_limit = 200" -c "$op $rel"
    echo "$(date -u +%T) $op $rel $(echo "$(date +%s.%N) - $s" | bc) s"
  done
done
