#!/usr/bin/env bash
# The load benchmark: builds the service, starts it on PostgreSQL (bench profile: demo users, fresh schema), and
# runs wrk at 32 connections: audited arrest assessments with varied facts (arrest.lua), then GET /q/health/live
# in the same run, which is what Quarkus alone does on this machine. Prints start->ready, rps, p50, p99, errors,
# the RSS after the load and the ratio of the two rates. Not part of the test suite. Details: docs/benchmarks.md.
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and wrk (Debian: apt-get install -y wrk).
# Environment: BENCH_DB (lexrule_bench), SECONDS_PER_RUN (20), CONNECTIONS (32), WRK_THREADS (2), PORT (18090),
# JAVA_OPTS (the README's container defaults), SKIP_BUILD=1 to reuse target/quarkus-app.
set -euo pipefail
cd "$(dirname "$0")/../../.."
db=${BENCH_DB:-lexrule_bench}; seconds=${SECONDS_PER_RUN:-20}; connections=${CONNECTIONS:-32}
wrk_threads=${WRK_THREADS:-2}; port=${PORT:-18090}
java_opts=${JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx256m}
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q package -DskipTests -Dquarkus.profile=bench > /dev/null
fi
psql -q -h 127.0.0.1 -U postgres -tc "select 1 from pg_database where datname = '$db'" | grep -q 1 \
  || psql -q -h 127.0.0.1 -U postgres -c "create database $db" > /dev/null
psql -q -h 127.0.0.1 -U postgres -d "$db" -c 'drop schema public cascade; create schema public;' > /dev/null
log=$(mktemp /tmp/lexrule-bench.XXXXXX.log)

start_service() {
  started=$(date +%s%N)
  # shellcheck disable=SC2086
  java $java_opts -Dquarkus.http.port="$port" -Dquarkus.profile=bench \
       -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$db" \
       -jar target/quarkus-app/quarkus-run.jar >> "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do curl -sf "http://localhost:$port/q/health/ready" > /dev/null && break; sleep 0.05; done
  curl -sf "http://localhost:$port/q/health/ready" > /dev/null || { echo "service did not become ready; see $log"; kill "$pid"; exit 1; }
  ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}
stop_service() { kill "$pid"; wait "$pid" 2>/dev/null || true; }
trap 'kill "$pid" 2>/dev/null || true' EXIT

# First start publishes the baseline into the empty schema; the second finds it there (the restart that counts).
start_service; first_ready_ms=$ready_ms; stop_service
start_service
echo "start -> ready: ${first_ready_ms} ms on an empty schema, ${ready_ms} ms with the baseline already in the database"

wrk -t"$wrk_threads" -c"$connections" -d10s -s src/test/bench/arrest.lua "http://localhost:$port" > /dev/null  # warm-up
assess=$(wrk -t"$wrk_threads" -c"$connections" -d"${seconds}s" --timeout 10s -s src/test/bench/arrest.lua "http://localhost:$port" | grep '^LEXRULE')
rss_kb=$(ps -o rss= -p "$pid" | tr -d ' ')
# What the heap must hold: used after a full collection (sets -Xmx with a margin; see docs/benchmarks.md).
jcmd "$pid" GC.run > /dev/null 2>&1 || true
live_heap_kb=$(jcmd "$pid" GC.heap_info 2>/dev/null | grep -E 'generation|garbage-first heap|PSYoungGen|ParOldGen' \
  | grep -oE 'used [0-9]+K' | awk '{sum += $2} END {print sum + 0}')
metaspace_kb=$(jcmd "$pid" GC.heap_info 2>/dev/null | grep -E '^ *Metaspace' | grep -oE 'committed [0-9]+K' | grep -oE '[0-9]+' || echo 0)
live=$(wrk -t"$wrk_threads" -c"$connections" -d"${seconds}s" "http://localhost:$port/q/health/live" | awk '/Requests\/sec/ {print $2}')
stop_service
rps=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<< "$assess")
echo "audited arrest assessments (${connections} connections, ${seconds}s): ${assess#LEXRULE }"
echo "RSS after the load: $(( rss_kb / 1024 )) MB; heap in use after a full GC: $(( live_heap_kb / 1024 )) MB; metaspace committed: $(( metaspace_kb / 1024 )) MB (JAVA_OPTS: $java_opts)"
echo "GET /q/health/live, same run: ${live} requests/s; assessments reach $(awk -v a="$rps" -v l="$live" 'BEGIN {printf "%.1f", 100 * a / l}') % of it"
echo "service log: $log"
