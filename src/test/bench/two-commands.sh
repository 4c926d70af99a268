#!/usr/bin/env bash
# The README's two set-up commands must not break each other, in either order (issue 15, point 7). On a clean clone
# of this repository each order is run in a fresh clone:
#   A: the run command (package embedded, start, assess), then the test command, then start the jar it built again;
#   B: the test command, then the run command, then start the jar once more.
# "Works" is: ready on /q/health/ready, and an arrest assessment as the demo user case-system answered 200.
# Usage: src/test/bench/two-commands.sh [repository] [jdbc url of the test database] [extra arguments for mvn verify]
# The extra arguments may narrow the suite (the collision is about build output, not about which tests run), e.g.
#   -Dtest=OperationsTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=None -Dfailsafe.failIfNoSpecifiedTests=false
# The service runs on port 28417 (management 29417; LEXRULE_TWO_COMMANDS_PORT) instead of the README's 8080, so as
# not to meet another service on this machine, and the script refuses to start when the port is taken (an answer
# from someone else's service would prove nothing); the commands are otherwise the README's, as written there.
set -euo pipefail
repo=${1:-$(cd "$(dirname "$0")/../../.." && pwd)}
db=${2:-jdbc:postgresql://127.0.0.1:5432/test}
shift $(( $# < 2 ? $# : 2 ))
extra=("$@")
port=${LEXRULE_TWO_COMMANDS_PORT:-28417}
management=$((port + 1000))
body='{"caseId":"C1","subjectId":"S1","stage":"ARREST_REVIEW","crimeType":"THEFT","evidenceOfCrime":true,
 "expectedSentence":"UP_TO_3_YEARS","priorIntentionalCrime":false,"identityUnknown":false,"age":30,
 "dangerIndicators":["REPEATED_OR_ROAMING_OFFENDING"],"mitigations":["FIRST_OFFENCE"],"violatedBailConditions":false}'

start_and_assess() { # $1: label
  if curl -s -o /dev/null "http://localhost:$port/" || curl -s -o /dev/null "http://localhost:$management/"; then
    echo "$1: port $port or $management is taken by another process"; return 1
  fi
  java -XX:+UseSerialGC -Xms64m -Xmx256m -Dquarkus.profile=embedded -Dquarkus.http.port=$port \
       -Dquarkus.management.port=$management -jar target/quarkus-app/quarkus-run.jar > "run-$1.log" 2>&1 &
  local pid=$! waited=0
  until curl -sf "http://localhost:$port/q/health/ready" > /dev/null; do
    if ! kill -0 "$pid" 2>/dev/null || (( waited > 600 )); then
      echo "$1: the service did not get ready"; tail -20 "run-$1.log"; kill "$pid" 2>/dev/null || true; return 1
    fi
    sleep 1; waited=$((waited + 1))
  done
  local status
  status=$(curl -s -o "answer-$1.json" -w '%{http_code}' -u case-system:case-system -H 'Content-Type: application/json' \
           "http://localhost:$port/api/v1/assessments/arrest" -d "$body")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$1: ready after ${waited} s, assessment $status"
  [[ $status == 200 ]] || cat "answer-$1.json"
  [[ $status == 200 ]]
}

run_command() { # the README's run command: package embedded, then start
  mvn -B -q package -DskipTests -Dquarkus.profile=embedded
  start_and_assess "$1"
}

test_command() { # the README's test command, on the given database
  mvn -B verify -Ppostgres -Dtest.db.url="$db" "${extra[@]}" > "verify-$1.log" 2>&1 \
    || { echo "$1: mvn verify failed"; tail -40 "verify-$1.log"; return 1; }
  echo "$1: mvn verify passed; $(grep -h 'Tests run:' "verify-$1.log" | tail -1)"
}

for order in ${LEXRULE_TWO_COMMANDS_ORDERS:-A B}; do
  dir=$(mktemp -d)/lexrule
  git clone -q "$repo" "$dir"
  (
    cd "$dir"
    if [[ $order == A ]]; then
      run_command "A1-run"; test_command "A2-test"; start_and_assess "A3-run-again-without-package"; run_command "A4-run"
    else
      test_command "B1-test"; run_command "B2-run"; start_and_assess "B3-run-again"
    fi
  )
  echo "order $order: both commands work; clone $dir"
done
