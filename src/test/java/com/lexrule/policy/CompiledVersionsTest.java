package com.lexrule.policy;

import static com.lexrule.support.Api.as;
import static com.lexrule.support.Api.post;
import static com.lexrule.support.Api.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.lexrule.arrest.ArrestRulesTest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A replica holds a bounded number of compiled versions however many are published: those in force, and of the
 * older ones only the most recently pinned (here one). An evicted version still answers when pinned again, and each
 * version in force was compiled once at start.
 */
@QuarkusTest
@TestProfile(CompiledVersionsTest.OnePinnedVersionKept.class)
class CompiledVersionsTest {

    public static class OnePinnedVersionKept implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lexrule.policy.pinned-versions-kept", "1");
        }
    }

    static final Map<String, Object> CASE = with(ArrestRulesTest.CASE, "caseId", "KEPT-1");

    /** Metrics are served on the management interface only. */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/metrics", management = true)
    java.net.URL metrics;

    @Test
    void olderVersionsAreKeptCompiledOnlyWhileRecentlyPinnedAndStillAnswerWhenPinnedAgain() {
        // At start, every family's version in force was compiled exactly once (no second compile after publishing),
        // though the cache of pinned versions holds only one.
        for (String family : new String[] {"arrest", "bail", "meritorious-service"}) {
            assertThat(metric("lexrule_policy_compile_seconds_count\\{family=\"" + family + "\"[^}]*\\}")).as(family).isEqualTo(1);
        }
        int families = as("officer").get("/api/v1/policies").then().statusCode(200).extract().jsonPath().getList("family").size();

        int first = republish(1);
        republish(1);
        republish(1);
        int inForce = republish(first);
        post("case-system", ArrestRulesTest.PATH, CASE).statusCode(200).body("policy.version", equalTo(inForce));

        for (int round = 0; round < 2; round++) {
            for (int pinned = 1; pinned < inForce; pinned++) {
                as("case-system").contentType(ContentType.JSON).body(CASE).post(ArrestRulesTest.PATH + "?policyVersion=" + pinned)
                        .then().statusCode(200).body("policy.version", equalTo(pinned));
                // One version in force per family, and one pinned one kept.
                assertThat(metric("lexrule_policy_compiled_versions")).isLessThanOrEqualTo(families + 1);
            }
        }
    }

    private static int republish(int from) {
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        return as("approver").contentType(ContentType.JSON).body(Map.of("effectiveFrom", today, "changeNote", "再发布 v" + from))
                .post("/api/v1/policies/arrest/versions/" + from + "/republish").then().statusCode(201)
                .extract().jsonPath().getInt("policy.version");
    }

    private double metric(String name) {
        String metrics = given().get(this.metrics).then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("(?m)^" + name + "\\s+([0-9.Ee+-]+)$").matcher(metrics);
        assertThat(value.find()).as("metric %s in %s", name, metrics.lines().filter(l -> l.startsWith("lexrule")).toList()).isTrue();
        return Double.parseDouble(value.group(1));
    }
}
