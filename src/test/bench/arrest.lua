-- wrk script: arrest assessments with varied facts (5 crime types, 5 danger indicators in 1-3 per case, ages
-- 18-67, a mitigation every third case, a fresh case id per request). Used by src/test/bench/bench.sh.
local crimes = {"THEFT", "FRAUD", "INTENTIONAL_INJURY", "PICKING_QUARRELS", "ROBBERY"}
local indicators = {"FLIGHT_HISTORY", "NO_FIXED_RESIDENCE", "THREATENED_VICTIM_OR_INFORMANT", "DESTROYED_EVIDENCE",
                    "RESISTED_ARREST_WITH_VIOLENCE"}
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  -- case-system:case-system, a demo user of the bench profile
  wrk.headers["Authorization"] = "Basic Y2FzZS1zeXN0ZW06Y2FzZS1zeXN0ZW0="
  wrk.headers["Content-Type"] = "application/json"
  wrk.method = "POST"
end

function request()
  counter = counter + 1
  local n = counter
  local first = n % 5 + 1
  local chosen = {'"' .. indicators[first] .. '"'}
  for k = 1, n % 3 do
    table.insert(chosen, '"' .. indicators[(first + 2 * k - 1) % 5 + 1] .. '"')
  end
  local mitigations = (n % 3 == 0) and '"PLEADED_GUILTY"' or ''
  local body = string.format('{"caseId":"WRK-%d-%d","subjectId":"S-%d","stage":"ARREST_REVIEW","crimeType":"%s",'
      .. '"evidenceOfCrime":true,"expectedSentence":"UP_TO_3_YEARS","priorIntentionalCrime":false,'
      .. '"identityUnknown":false,"age":%d,"dangerIndicators":[%s],"mitigations":[%s],"specialCircumstances":[],'
      .. '"violatedBailConditions":false}',
      id, n, n % 997, crimes[(n * 7) % 5 + 1], 18 + (n * 13) % 50, table.concat(chosen, ","), mitigations)
  return wrk.format(nil, "/api/v1/assessments/arrest", nil, body)
end

function done(summary, latency, requests)
  io.write(string.format("LEXRULE requests=%d non2xx=%d errors=%d rps=%.0f p50=%.1f p99=%.1f max=%.1f\n",
      summary.requests, summary.errors.status,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
      summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000))
end
