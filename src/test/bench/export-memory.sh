#!/usr/bin/env bash
# The CSV export's memory, measured in the service's own process: the packaged service (bench profile: PostgreSQL,
# demo users) alone in a JVM with a fixed heap (-Xmx, default 128m, half the README's run command), against a
# database already filled by AuditScaleBench, exporting one day, 30 days and the whole trail with curl (which keeps
# nothing). For each export: rows, seconds, rows/s, and from the JVM's own GC log the largest heap left after a
# collection during it, the largest after a full one (what was live then: the service and the export), the collections'
# total pause, and the live set before and after (jcmd GC.run); then the process's peak resident memory (VmHWM).
# Constant memory means what is live during an export does not grow with the rows exported.
# Not part of the suite; docs/benchmarks.md ("The export's memory in a process of its own").
#   createdb -h 127.0.0.1 -U postgres t_audit_big
#   mvn -B test -Ppostgres -Dtest=AuditScaleBench -Dlexrule.bench.db.url=jdbc:postgresql://127.0.0.1:5432/t_audit_big \
#       -Dlexrule.bench.decisions=300000
#   src/test/bench/export-memory.sh
# Environment: BENCH_DB (t_audit_big), HEAP (128m), APP (target/it-postgresql/quarkus-run.jar, from mvn -B verify -Ppostgres).
set -euo pipefail
cd "$(dirname "$0")/../../.."
db=${BENCH_DB:-t_audit_big}; heap=${HEAP:-128m}; port=${PORT:-18290}
app=${APP:-target/it-postgresql/quarkus-run.jar}
[ -f "$app" ] || { echo "no package at $app: mvn -B verify -Ppostgres, or APP=..."; exit 1; }
work=$(mktemp -d /tmp/lexrule-export-memory.XXXXXX)
root=$PWD
(cd "$work" && LEXRULE_RULES_DIR="$root/rules" LEXRULE_TABLES_DIR="$root/decision-tables" exec java -XX:+UseSerialGC \
    -Xms"$heap" -Xmx"$heap" -XX:+ExitOnOutOfMemoryError -Xlog:gc:file="$work/gc.log" \
    -Dquarkus.http.port="$port" -Dquarkus.management.port=$(( port + 1000 )) -Dquarkus.profile=bench \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$db" -Dlexrule.audit.checkpoint-dir="$work/checkpoints" \
    -jar "$root/$app" > "$work/service.log" 2>&1) &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 2400); do curl -sf "http://localhost:$port/q/health/ready" > /dev/null && break; sleep 0.05; done
curl -sf "http://localhost:$port/q/health/ready" > /dev/null || { echo "not ready; see $work/service.log"; exit 1; }
java_pid=$(pgrep -f -- "-Dquarkus.http.port=$port" | head -1)
total=$(psql -qtA -h 127.0.0.1 -U postgres -d "$db" -c 'select count(*) from decision_record')
echo "service: -Xmx$heap, SerialGC; $total decisions in $db; peak RSS after start $(awk '/VmHWM/ {print $2 / 1024 " MiB"}' /proc/$java_pid/status)"

day() { TZ=Asia/Shanghai date -d "$1 days ago" +%F; }
live_now() { # the live set: heap after a full collection asked for now
  jcmd "$java_pid" GC.run > /dev/null
  sleep 0.2
  grep 'Diagnostic Command' "$work/gc.log" | tail -1 | sed -E 's/.*->([0-9]+)M.*/\1/'
}
export_rows() { # label query
  local before after start end rows live_before live_after peak pause gcs full
  live_before=$(live_now)
  before=$(wc -l < "$work/gc.log")
  start=$(date +%s.%N)
  rows=$(curl -sf -u auditor:auditor "http://localhost:$port/api/v1/decisions/export$2" | wc -l)
  end=$(date +%s.%N)
  kill -0 "$java_pid" 2>/dev/null || { echo "the service died; see $work/service.log"; exit 1; }
  after=$(tail -n +"$(( before + 1 ))" "$work/gc.log")
  # A collection's line ends "…M->…M(…M) 1.234ms": the heap before and after it, and its pause.
  # An export too short for a collection matches nothing: not an error.
  peak=$(grep -oE '[0-9]+M->[0-9]+M' <<< "$after" | sed -E 's/.*->([0-9]+)M/\1/' | sort -n | tail -1 || true)
  full=$(grep 'Pause Full (Allocation' <<< "$after" | grep -oE '[0-9]+M->[0-9]+M' | sed -E 's/.*->([0-9]+)M/\1/' | sort -n | tail -1 || true)
  pause=$(grep -oE '[0-9.]+ms$' <<< "$after" | sed 's/ms//' | awk '{s += $1} END {printf "%.0f", s}' || true)
  gcs=$(grep -cE 'M->[0-9]+M' <<< "$after" || true)
  live_after=$(live_now)
  awk -v l="$1" -v r="$(( rows - 1 ))" -v s="$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')" -v peak="${peak:-0}" \
      -v full="${full:--}" -v g="$gcs" -v p="${pause:-0}" -v lb="$live_before" -v la="$live_after" \
      'BEGIN {printf "| %s | %d rows | %.2f s | %.0f rows/s | %d collections, %d ms paused | %d MiB | %s MiB | %d → %d MiB |\n", l, r, s, r / s, g, p, peak, full, lb, la}'
}
echo "| export | rows | time | rate | GC during it | largest heap after a collection | largest after a full one | live set before → after |"
echo "|---|---|---|---|---|---|---|---|"
export_rows "one day" "?from=$(day 1)&to=$(day 1)"
export_rows "30 days" "?from=$(day 60)&to=$(day 31)"
export_rows "the whole trail" ""
export_rows "one day, again" "?from=$(day 1)&to=$(day 1)"
echo "peak RSS of the service: $(awk '/VmHWM/ {print $2 / 1024 " MiB"}' /proc/$java_pid/status); logs: $work"
