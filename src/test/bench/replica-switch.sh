#!/usr/bin/env bash
# Time from an approval on replica A to replica B answering with the new version. Two packaged instances share one
# H2 database over TCP (as two pods share PostgreSQL); B learns of the version only by polling the database.
# Build first: mvn -B -q package -DskipTests -Dquarkus.profile=embedded
# Usage: src/test/bench/replica-switch.sh [poll-interval, default 10s] [runs, default 3]
set -euo pipefail
cd "$(dirname "$0")/../../.."
poll=${1:-10s}
runs=${2:-3}
h2=$(ls ~/.m2/repository/com/h2database/h2/2.4.240/h2-2.4.240.jar)
dir=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$dir"; }
trap cleanup EXIT

java -cp "$h2" org.h2.tools.Server -tcp -tcpPort 19092 -ifNotExists -baseDir "$dir" > "$dir/h2.log" 2>&1 &
pids+=($!)
sleep 1
url="jdbc:h2:tcp://localhost:19092/./lexrule;DB_CLOSE_ON_EXIT=FALSE"
start_replica() { # port
  java -Dquarkus.profile=embedded -Dquarkus.http.port="$1" -Dquarkus.datasource.jdbc.url="$url" \
       -Dlexrule.policy.poll-interval="$poll" -jar target/quarkus-app/quarkus-run.jar > "$dir/replica-$1.log" 2>&1 &
  pids+=($!)
  until curl -sf "http://localhost:$1/q/health/ready" > /dev/null; do sleep 0.1; done
}
start_replica 18081   # A runs the migrations and imports the baseline
start_replica 18082   # B finds them in the database

case_json='{"caseId":"BENCH","subjectId":"S-1","crimeType":"THEFT","evidenceOfCrime":true,"expectedSentence":"UP_TO_3_YEARS","age":30,"dangerIndicators":["FLIGHT_HISTORY"]}'
version_on() { curl -s -u case-system:case-system -H 'Content-Type: application/json' -d "$case_json" \
  "http://localhost:$1/api/v1/assessments/arrest" | grep -o '"version":[0-9]*' | head -1 | cut -d: -f2; }
today=$(TZ=Asia/Shanghai date +%F)

echo "poll interval $poll"
for i in $(seq 1 "$runs"); do
  # the officer re-submits the table in force (data unchanged): a valid draft; the approval publishes it
  draft=$(curl -s -u officer:officer -F "file=@decision-tables/arrest/danger-points.xlsx" \
          http://localhost:18081/api/v1/policies/arrest/drafts | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
  t0=$(date +%s%N)
  new=$(curl -s -u approver:approver -H 'Content-Type: application/json' \
        -d "{\"effectiveFrom\":\"$today\",\"changeNote\":\"bench $i\"}" \
        "http://localhost:18081/api/v1/policies/arrest/drafts/$draft/approve" | grep -o '"version":[0-9]*' | head -1 | cut -d: -f2)
  t1=$(date +%s%N)
  until [ "$(version_on 18082)" = "$new" ]; do sleep 0.02; done
  t2=$(date +%s%N)
  echo "run $i: v$new approve call $(( (t1 - t0) / 1000000 )) ms; answering on B $(( (t2 - t1) / 1000000 )) ms after the approval returned; A answers v$(version_on 18081)"
done
grep -o 'compiled arrest v[0-9]* in [0-9]* ms' "$dir/replica-18082.log" | tail -n "$runs" | sed 's/^/  B: /'
