package com.lexrule.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.support.Api;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The series an operator watches (docs/operations.md, "Metrics"), scraped from the management port as Prometheus
 * scrapes a pod, and the Grafana dashboard shipped in k8s/monitoring held against that scrape: every expression of the
 * dashboard names only series the service serves, and every series listed here is on the dashboard.
 */
@QuarkusTest
class OperatorMetricsTest {

    static final Path DASHBOARD = Path.of(System.getProperty("basedir", ".")).resolve("k8s/monitoring/lexrule-dashboard.json");

    /** The series of the issue's list: decisions, audit batches, version in force, lifecycle, reviews, pools. */
    static final List<String> OPERATOR_SERIES = List.of(
            "lexrule_decisions_seconds_bucket", "lexrule_decisions_seconds_count", "lexrule_decisions_recorded_total",
            "lexrule_audit_batch_size_bucket", "lexrule_audit_batch_commit_seconds_bucket", "lexrule_audit_batch_head_conflicts_total",
            "lexrule_policy_version_in_force",
            "lexrule_policy_drafts_total", "lexrule_policy_approvals_total", "lexrule_policy_rejections_total",
            "lexrule_review_running", "lexrule_review_rows_pending", "lexrule_review_rows_stored_total",
            "lexrule_evaluation_pool_active", "lexrule_evaluation_pool_queued", "lexrule_evaluation_pool_threads",
            "lexrule_evaluation_refused_total", "agroal_active_count", "agroal_available_count", "agroal_awaiting_count");

    /**
     * The delay between a version's publication on another replica and its switch here (policy/PolicyRegistry): a
     * single service never sees one, so the scrape here cannot hold it; ReplicasAgreeIT reads it from two replicas.
     */
    static final Set<String> FROM_REPLICA_NOTIFICATION = Set.of("lexrule_policy_notification_lag_seconds_bucket");

    private static final Set<String> PROMQL_WORDS = Set.of("sum", "by", "without", "rate", "increase", "irate",
            "histogram_quantile", "max", "min", "avg", "count", "label_values", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "offset", "bool", "topk", "bottomk", "le");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void everySeriesAnOperatorNeedsIsServedOnTheManagementPort() {
        Api.post("case-system", "/api/v1/assessments/arrest", java.util.Map.ofEntries(java.util.Map.entry("caseId", "MET-1"),
                java.util.Map.entry("subjectId", "S1"), java.util.Map.entry("stage", "ARREST_REVIEW"), java.util.Map.entry("crimeType", "THEFT"),
                java.util.Map.entry("evidenceOfCrime", true), java.util.Map.entry("expectedSentence", "UP_TO_3_YEARS"),
                java.util.Map.entry("priorIntentionalCrime", false), java.util.Map.entry("identityUnknown", false), java.util.Map.entry("age", 30),
                java.util.Map.entry("dangerIndicators", List.of("REPEATED_OR_ROAMING_OFFENDING")),
                java.util.Map.entry("mitigations", List.of("FIRST_OFFENCE")), java.util.Map.entry("violatedBailConditions", false)))
                .statusCode(200);

        String scrape = scrape();
        Set<String> served = seriesIn(scrape);
        assertThat(served).containsAll(OPERATOR_SERIES);

        // one decision: its family, endpoint, outcome (the grade decided: a yellow code) and version, with histogram buckets
        assertThat(scrape).containsPattern("lexrule_decisions_seconds_bucket\\{[^}]*endpoint=\"/api/v1/assessments/arrest\"[^}]*"
                + "family=\"arrest\"[^}]*outcome=\"YELLOW\"[^}]*version=\"1\"");
        assertThat(scrape).containsPattern("(?m)^lexrule_policy_version_in_force\\{family=\"arrest\"\\} 1\\.0$");
        assertThat(scrape).containsPattern("lexrule_policy_drafts_total\\{family=\"bail\",status=\"valid\"\\}");
        assertThat(scrape).containsPattern("lexrule_evaluation_refused_total\\{reason=\"overloaded\"\\}");
    }

    @Test
    void theDashboardNamesExactlyTheSeriesTheServiceServes() throws Exception {
        List<String> expressions = new ArrayList<>();
        collectExpressions(new ObjectMapper().readTree(Files.readString(DASHBOARD)), expressions);
        assertThat(expressions).as("expressions of the dashboard").hasSizeGreaterThan(10);

        Set<String> served = seriesIn(scrape());
        Set<String> onDashboard = new TreeSet<>();
        for (String expression : expressions) {
            Set<String> named = seriesNamedBy(expression);
            assertThat(named).as("series named by " + expression).isNotEmpty();
            for (String series : named) {
                if (!FROM_REPLICA_NOTIFICATION.contains(series)) {
                    assertThat(served).as("%s (in %s) is served", series, expression).contains(series);
                }
            }
            onDashboard.addAll(named);
        }
        for (String series : OPERATOR_SERIES) {
            String family = series.replaceAll("_(bucket|count|sum)$", "");
            assertThat(onDashboard.stream().anyMatch(s -> s.startsWith(family))).as(series + " on the dashboard").isTrue();
        }
        assertThat(onDashboard).containsAll(FROM_REPLICA_NOTIFICATION);
    }

    private String scrape() {
        return given().get(metrics).then().statusCode(200).extract().asString();
    }

    /** The series names of a Prometheus text exposition. */
    static Set<String> seriesIn(String scrape) {
        Set<String> names = new TreeSet<>();
        scrape.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> {
            Matcher m = IDENTIFIER.matcher(l);
            if (m.lookingAt()) names.add(m.group());
        });
        return names;
    }

    /** The metric names in a PromQL expression: identifiers outside label matchers, ranges and grouping clauses. */
    static Set<String> seriesNamedBy(String expression) {
        String bare = expression.replaceAll("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)[^)]*\\)", "$1")
                .replaceAll("\\{[^}]*\\}", " ").replaceAll("\\[[^]]*\\]", " ")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ").replaceAll("\"[^\"]*\"", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String word = m.group();
            int after = m.end();
            while (after < bare.length() && bare.charAt(after) == ' ') after++;
            boolean call = after < bare.length() && bare.charAt(after) == '(';
            if (!call && !PROMQL_WORDS.contains(word) && !word.matches("[0-9.]+")) names.add(word);
        }
        return names;
    }

    private static void collectExpressions(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if ((field.getKey().equals("expr") || field.getKey().equals("definition")) && field.getValue().isTextual()) {
                    into.add(field.getValue().asText());
                } else {
                    collectExpressions(field.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectExpressions(child, into));
        }
    }
}
