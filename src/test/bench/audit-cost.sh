#!/usr/bin/env bash
# Audited arrest assessments end to end on PostgreSQL (Java load generator): decisions/s and latency with the
# hash-chained audit write, 16 chains, then 1 chain. (The audit cannot be switched off: the engine's share of a
# decision is measured by JMH, EngineBenchmark; the wrk benchmark is bench.sh.)
# Needs PostgreSQL on 127.0.0.1:5432 (trust). Builds the service with the bench profile (PostgreSQL, demo users).
set -euo pipefail
cd "$(dirname "$0")/../../.."
threads=${THREADS:-16}; seconds=${SECONDS_PER_RUN:-30}
mvn -B -q package -DskipTests -Dquarkus.profile=bench > /dev/null && mvn -B -q test-compile > /dev/null
createdb -h 127.0.0.1 -U postgres lexrule_bench 2>/dev/null || true
run() {
  label=$1; shift
  psql -q -h 127.0.0.1 -U postgres -d lexrule_bench -c 'drop schema public cascade; create schema public;' > /dev/null
  java -Dquarkus.http.port=18090 -Dquarkus.profile=bench "$@" -jar target/quarkus-app/quarkus-run.jar > /tmp/lexrule-bench.log 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do curl -sf http://localhost:18090/q/health/ready > /dev/null && break; sleep 0.5; done
  curl -sf http://localhost:18090/q/health/ready > /dev/null || { echo "service did not become ready; see /tmp/lexrule-bench.log"; kill "$pid"; exit 1; }
  printf '%-28s ' "$label"
  java -cp target/test-classes com.lexrule.bench.LoadGenerator http://localhost:18090 "$threads" "$seconds"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
run "audit, 16 chains"
run "audit, 1 chain" -Dlexrule.audit.chains=1
