#!/usr/bin/env bash
# Cold start to ready: launches the packaged service on a fresh embedded database and measures the time until
# /q/health/ready answers UP (policies compiled). Build first: mvn -B -q package -DskipTests -Dquarkus.profile=embedded
set -euo pipefail
cd "$(dirname "$0")/../../.."
runs=${1:-3}
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d)
  start=$(date +%s%N)
  java -Dquarkus.profile=embedded -Dquarkus.http.port=18080 \
       -Dquarkus.datasource.jdbc.url="jdbc:h2:file:$dir/lexrule" \
       -jar target/quarkus-app/quarkus-run.jar > "$dir/log" 2>&1 &
  pid=$!
  until curl -sf http://localhost:18080/q/health/ready > /dev/null; do sleep 0.05; done
  end=$(date +%s%N)
  echo "run $i: ready in $(( (end - start) / 1000000 )) ms; $(grep -o 'compiled arrest[^:]*in [0-9]* ms' "$dir/log" | head -1)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
done
