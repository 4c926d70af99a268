#!/usr/bin/env bash
# One replica against two: the packaged service (bench profile: PostgreSQL, demo users) started once and then twice
# on one database, each with its own port, and wrk sending audited arrest assessments (arrest.lua) at the same total
# number of connections, split between the replicas. Prints the rate and latency per replica and the sum. Not part of
# the suite; docs/benchmarks.md ("Two replicas against one"). On a machine with as many cores as one replica uses,
# a second replica adds contention, not capacity: run it where the pods would run.
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust), wrk, and the package: mvn -B verify -Ppostgres builds
# target/it-postgresql; or APP=... Environment: BENCH_DB (lexrule_replicas), SECONDS_PER_RUN (20), CONNECTIONS (32).
set -euo pipefail
cd "$(dirname "$0")/../../.."
db=${BENCH_DB:-lexrule_replicas}; seconds=${SECONDS_PER_RUN:-20}; connections=${CONNECTIONS:-32}
app=${APP:-target/it-postgresql/quarkus-run.jar}
java_opts=${JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx256m}
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
[ -f "$app" ] || { echo "no package at $app: mvn -B verify -Ppostgres, or APP=..."; exit 1; }
psql -q -h 127.0.0.1 -U postgres -tc "select 1 from pg_database where datname = '$db'" | grep -q 1 \
  || psql -q -h 127.0.0.1 -U postgres -c "create database $db" > /dev/null
psql -q -h 127.0.0.1 -U postgres -d "$db" -c 'drop schema public cascade; create schema public;' > /dev/null
work=$(mktemp -d /tmp/lexrule-replicas.XXXXXX)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

start_replica() { # port
  # shellcheck disable=SC2086
  (cd "$work" && LEXRULE_RULES_DIR="$OLDPWD/rules" LEXRULE_TABLES_DIR="$OLDPWD/decision-tables" java $java_opts \
      -Dquarkus.http.port="$1" -Dquarkus.management.port=$(( $1 + 1000 )) -Dquarkus.profile=bench \
      -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$db" -jar "$OLDPWD/$app" >> "$work/replica-$1.log" 2>&1) &
  pids+=($!)
  for _ in $(seq 1 2400); do curl -sf "http://localhost:$1/q/health/ready" > /dev/null && return; sleep 0.05; done
  echo "replica on $1 did not become ready; see $work/replica-$1.log"; exit 1
}

run() { # ports...
  local n=$# per=$(( connections / $# )) outs=() total=0
  local clients=()
  # Wait for the clients only: a bare wait would wait for the replicas too, which never end.
  for port in "$@"; do wrk -t1 -c"$per" -d10s -s src/test/bench/arrest.lua "http://localhost:$port" > /dev/null & clients+=($!); done
  wait "${clients[@]}"  # warm-up
  clients=()
  for port in "$@"; do
    wrk -t1 -c"$per" -d"${seconds}s" --timeout 10s -s src/test/bench/arrest.lua "http://localhost:$port" > "$work/wrk-$n-$port.txt" &
    clients+=($!)
  done
  wait "${clients[@]}"
  for port in "$@"; do
    line=$(grep '^LEXRULE' "$work/wrk-$n-$port.txt")
    echo "  replica :$port (${per} connections): ${line#LEXRULE }"
    total=$(awk -v t="$total" -v r="$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<< "$line")" 'BEGIN {print t + r}')
  done
  echo "  $n replica(s), ${connections} connections, ${seconds} s: ${total} audited decisions/s in all; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

start_replica 18190
echo "one replica (load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores):"; run 18190
start_replica 18191
echo "two replicas on one database:"; run 18190 18191
echo "logs: $work"
