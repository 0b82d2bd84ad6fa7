#!/usr/bin/env bash
# Checks the Grafana dashboard against a real Prometheus: starts the packaged server on PostgreSQL
# with a scrape token, Prometheus with docs/monitoring/prometheus.yml (only the target and the token
# file changed), a local webhook receiver, then sends events for a while (webhooks that deliver, that
# are retried, rejected, gone or fail for good, launch runs, refused events; a rule file added to
# the watched rules directory, then a broken one) and evaluates every
# PromQL expression of docs/monitoring/grafana/dashboards/cascade.json through Prometheus's HTTP API
# ($__rate_interval as 1m, Grafana's value for a 15 s scrape interval). Prints a Markdown report
# (also written to api/target/dashboard-check.md; the server's log to dashboard-check-server.log)
# and fails when an expression returns no series.
#
#   ./mvnw -B package -DskipTests && createdb -h 127.0.0.1 -U postgres cascade_dashboard
#   scripts/check-dashboard.sh [load seconds, default 120]
#
# Needs: api/target/cascade.jar, an empty PostgreSQL database (CASCADE_DB_URL, default
# jdbc:postgresql://127.0.0.1:5432/cascade_dashboard; CASCADE_DB_USER postgres; CASCADE_DB_PASSWORD),
# prometheus on the PATH (Debian: apt-get install prometheus; do not start its service), python3
# (the receiver), curl and jq. Everything it starts runs on free local ports and is stopped at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C

LOAD_SECONDS=${1:-120}
DB_URL=${CASCADE_DB_URL:-jdbc:postgresql://127.0.0.1:5432/cascade_dashboard}
JAR=api/target/cascade.jar
REPORT=api/target/dashboard-check.md
[[ -f $JAR ]] || { echo "no $JAR: run ./mvnw -B package -DskipTests first" >&2; exit 2; }
for tool in prometheus python3 curl jq; do
  command -v $tool >/dev/null || { echo "$tool is not installed" >&2; exit 2; }
done

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  cp "$WORK/server.log" api/target/dashboard-check-server.log 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
APP_PORT=$(free_port); PROM_PORT=$(free_port); HOOK_PORT=$(free_port)
APP=http://127.0.0.1:$APP_PORT; PROM=http://127.0.0.1:$PROM_PORT
ADMIN=admin:dashboard-check-password
TOKEN=$(openssl rand -hex 32)

# The receiver: /ok answers 200, /flaky 503 every other time, /down 500, /reject 400, /gone 410.
cat > "$WORK/receiver.py" <<'EOF'
import http.server, sys, threading
count = {}
lock = threading.Lock()
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with lock:
            count[self.path] = count.get(self.path, 0) + 1
            n = count[self.path]
        status = {"/ok": 200, "/down": 500, "/reject": 400, "/gone": 410}.get(self.path, 503 if n % 2 else 200)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Hook).serve_forever()
EOF
python3 "$WORK/receiver.py" "$HOOK_PORT" & PIDS+=($!)
mkdir "$WORK/rules"

echo "starting the server on :$APP_PORT ($DB_URL)" >&2
SPRING_PROFILES_ACTIVE=postgres CASCADE_DB_URL=$DB_URL CASCADE_DB_USER=${CASCADE_DB_USER:-postgres} \
CASCADE_DB_PASSWORD=${CASCADE_DB_PASSWORD:-} CASCADE_ADMIN_USER=${ADMIN%%:*} CASCADE_ADMIN_PASSWORD=${ADMIN#*:} \
CASCADE_SECRET_KEY=$(openssl rand -base64 32) CASCADE_METRICS_SCRAPE_TOKEN=$TOKEN CASCADE_RULES_DIRECTORY=$WORK/rules \
  java -jar $JAR --server.port="$APP_PORT" --cascade.webhooks.allowed-cidrs=127.0.0.0/8 \
  --cascade.webhooks.retry-schedule=PT1S,PT2S > "$WORK/server.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 300); do  # a busy machine takes minutes to start it
  curl -sf "$APP/actuator/health" >/dev/null && break
  sleep 1
done
curl -sf "$APP/actuator/health" >/dev/null || { tail -40 "$WORK/server.log" >&2; exit 1; }

printf %s "$TOKEN" > "$WORK/scrape-token"
sed -e "s|credentials_file: /tmp/scrape-token|credentials_file: $WORK/scrape-token|" \
    -e "s|targets: \[\"cascade:8080\"\]|targets: [\"127.0.0.1:$APP_PORT\"]|" \
    docs/monitoring/prometheus.yml > "$WORK/prometheus.yml"
grep -q "127.0.0.1:$APP_PORT" "$WORK/prometheus.yml" || { echo "docs/monitoring/prometheus.yml changed shape" >&2; exit 1; }
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/data" \
  --web.listen-address=127.0.0.1:$PROM_PORT > "$WORK/prometheus.log" 2>&1 & PIDS+=($!)

J='Content-Type: application/json'
api() {
  local out
  out=$(curl -s -u $ADMIN -H "$J" -w '\n%{http_code}' "$@")
  [[ ${out##*$'\n'} == 2* ]] || { echo "setup call failed: $* -> $out" >&2; exit 1; }
}
TEAM=dash-$(date +%s)
api $APP/api/v1/teams -d "{\"name\":\"$TEAM\"}"
api $APP/api/v1/teams/$TEAM/projects -d '{"name":"churn"}'
for hook in ok flaky down reject gone; do
  api $APP/api/v1/teams/$TEAM/webhooks -d "{\"name\":\"$hook\",\"url\":\"http://127.0.0.1:$HOOK_PORT/$hook\"}"
  api $APP/api/v1/teams/$TEAM/projects/churn/automations -d "{\"name\":\"on-$hook\",
    \"event\":{\"type\":\"CREATE_ARTIFACT\",\"collection\":\"$hook-data\"},
    \"action\":{\"type\":\"GENERIC_WEBHOOK\",\"webhook\":\"$hook\",\"payload\":\"{\\\"v\\\":\\\"\${artifact_version_string}\\\"}\"}}"
done
api $APP/api/v1/teams/$TEAM/queues -d '{"name":"gpu"}'
api $APP/api/v1/teams/$TEAM/projects/churn/jobs -d '{"name":"train"}'
api $APP/api/v1/teams/$TEAM/projects/churn/jobs/train/versions -d '{"config":{"command":"python train.py"}}'
api $APP/api/v1/teams/$TEAM/projects/churn/automations -d '{"name":"on-launch",
  "event":{"type":"CREATE_ARTIFACT","collection":"launch-data"},
  "action":{"type":"QUEUE_JOB","job":"train","jobVersion":"v0","queue":"gpu","destinationProject":"churn"}}'

event() {  # collection, credentials
  curl -s -o /dev/null -u "$2" -H "$J" $APP/api/v1/events -d "{\"type\":\"CREATE_ARTIFACT\",\"entity\":\"$TEAM\",
    \"project\":\"churn\",\"author\":\"check\",\"collection\":\"$1\",\"artifact\":{\"id\":\"QXJ0aWZhY3Q6MQ\",\"version\":\"v$RANDOM\"}}"
}
snapshot() { curl -s -H "Authorization: Bearer $TOKEN" $APP/actuator/prometheus | grep -E '^cascade_' | grep -vE '_bucket|_max' | sort; }

sleep 20  # a first scrape before the load
snapshot > "$WORK/before"
START=$(date +%s)
echo "sending events for ${LOAD_SECONDS}s" >&2
CLIENTS=()
for client in 1 2 3 4; do
  (
    i=0
    while (( $(date +%s) < START + LOAD_SECONDS )); do
      i=$((i + 1))
      event ok-data $ADMIN
      (( i % 2 == 0 )) && event flaky-data $ADMIN
      (( i % 10 == 0 )) && event reject-data $ADMIN
      (( i % 15 == 0 )) && event down-data $ADMIN
      (( i % 20 == 0 )) && event launch-data $ADMIN
      (( i == 3 )) && event gone-data $ADMIN
      (( i % 10 == 5 )) && event "bad collection" $ADMIN
      (( i % 10 == 5 )) && event ok-data nobody:wrong
      true
    done
  ) & CLIENTS+=($!)
done
sleep 15
snapshot > "$WORK/during"
printf 'package cascade.check;\nrule "never fires"\nwhen\n    eval(false)\nthen\nend\n' > "$WORK/rules/check.drl"
sleep 15
printf 'package cascade.check;\nrule "does not compile"\nwhen\n    Nonsense(\nthen\nend\n' > "$WORK/rules/broken.drl"
wait "${CLIENTS[@]}"
sleep 35  # two more scrapes after the last event

query() { curl -s "$PROM/api/v1/query" --data-urlencode "query=$1" --data-urlencode "time=$2"; }
{
  echo "## Dashboard check, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "\`scripts/check-dashboard.sh $LOAD_SECONDS\`: the packaged server on PostgreSQL, Prometheus $(prometheus --version 2>&1 | head -1 | awk '{print $3}')"
  echo "scraping it every 15 s with docs/monitoring/prometheus.yml, $LOAD_SECONDS s of events from 4 clients."
  echo
  echo "Scrapes of \`/actuator/prometheus\` before the load, 15 s into it, and after it (cascade_ meters, buckets left out):"
  echo
  echo '```'
  join -a1 -a2 -e - -o 0,1.2,2.2 <(sort "$WORK/before") <(sort "$WORK/during") | join -a1 -a2 -e - -o 0,1.2,1.3,2.2 - <(snapshot) \
    | awk '{printf "%-95s %10s %10s %10s\n", $1, $2, $3, $4}'
  echo '```'
  echo
  echo "Target health: $(curl -s "$PROM/api/v1/targets" | jq -r '.data.activeTargets[] | "\(.labels.job) \(.health), last error \"\(.lastError)\""')"
  echo
  echo "Every expression of the dashboard, evaluated at the end of the load (\`/api/v1/query\`):"
  echo
  echo "| panel | expression | series | values |"
  echo "|---|---|---:|---|"
} > "$REPORT"
EMPTY=0
while IFS=$'\t' read -r panel expr; do
  promql=${expr//\$__rate_interval/1m}
  answer=$(query "$promql" "$((START + LOAD_SECONDS))")
  status=$(jq -r .status <<<"$answer")
  series=$(jq -r '.data.result | length' <<<"$answer")
  values=$(jq -r '[.data.result[] | ((.metric | to_entries | map(.value) | join("/")) as $l
    | (if $l == "" then "" else $l + "=" end) + (.value[1] | tonumber | . * 1000 | round / 1000 | tostring))] | join(", ")' <<<"$answer")
  [[ $status == success ]] || values="error: $(jq -r .error <<<"$answer")"
  [[ $series == 0 || $status != success ]] && EMPTY=$((EMPTY + 1))
  echo "| $panel | \`${expr//|/\\|}\` | $series | ${values:-none} |" >> "$REPORT"
done < <(jq -r '.panels[] | .title as $t | .targets[] | [$t, .expr] | @tsv' docs/monitoring/grafana/dashboards/cascade.json)
echo >> "$REPORT"
echo "Expressions without data: $EMPTY." >> "$REPORT"
cat "$REPORT"
exit $(( EMPTY > 0 ))
