#!/usr/bin/env bash
# PostgreSQL outage drill: the API answers 503 with Retry-After on every path while the database is
# out of reach (cut by a proxy in the test), health says DOWN, and everything recovers after.
#
#   scripts/database-outage.sh              a short outage, pool connection timeout 1 s (about 40 s in all)
#   scripts/database-outage.sh long         a 90 s outage with the pool's timeout at 60 s: requests
#                                           wait for the pool, then get 503, all through the outage
#
# Needs the test database of every other test: CASCADE_TEST_DB_URL, CASCADE_TEST_DB_USER,
# CASCADE_TEST_DB_PASSWORD (see README, "Test").
set -euo pipefail
cd "$(dirname "$0")/.."

args=()
if [[ "${1:-}" == "long" ]]; then
  args=(-Doutage.seconds=90 -Doutage.pool-timeout-ms=60000)
fi

exec ./mvnw -B -pl api -am test -Dskip.npm -Dtest=DatabaseOutageIntegrationTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Doutage.excluded= "${args[@]}"
