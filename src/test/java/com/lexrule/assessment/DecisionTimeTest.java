package com.lexrule.assessment;

import static com.lexrule.support.Api.as;
import static com.lexrule.support.Api.post;
import static com.lexrule.support.Api.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;

import com.lexrule.arrest.ArrestRulesTest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A decision is dated by the service's one clock (the injected {@link Clock}), never the machine's: with that clock
 * 100 days behind, the answer, its audit record and an officer's decision on it are all dated 100 days ago.
 */
@QuarkusTest
@TestProfile(DecisionTimeTest.ClockBehind.class)
class DecisionTimeTest {

    static final Duration BEHIND = Duration.ofDays(100);

    public static class ClockBehind implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(BehindClock.class);
        }
    }

    @Alternative
    @Singleton
    public static class BehindClock {
        @Produces
        @Singleton
        Clock clock() {
            return Clock.offset(Clock.system(ZoneId.of("Asia/Shanghai")), BEHIND.negated());
        }
    }

    @Test
    void anAssessmentItsRecordAndTheOfficersDecisionAreDatedByTheServicesClock() {
        Instant before = Instant.now().minus(BEHIND);
        JsonPath answer = post("case-system", ArrestRulesTest.PATH, with(ArrestRulesTest.CASE, "caseId", "CLOCK-1",
                "crimeType", "THEFT", "dangerIndicators", List.of("FLIGHT_HISTORY"))).statusCode(200).extract().jsonPath();
        String id = answer.getString("decisionId");
        as("officer").body(Map.of("taken", "ARREST", "officer", "P-1")).put("/api/v1/decisions/" + id + "/officer-decision")
                .then().statusCode(201);
        Instant after = Instant.now().minus(BEHIND);

        JsonPath recorded = as("auditor").get("/api/v1/decisions/" + id).then().statusCode(200).extract().jsonPath();
        Instant decidedAt = Instant.parse(answer.getString("decidedAt"));
        assertThat(decidedAt).isBetween(before.minusMillis(1), after);
        assertThat(Instant.parse(recorded.getString("decision.decidedAt"))).isEqualTo(decidedAt);
        assertThat(Instant.parse(recorded.getString("officerDecisions[0].recordedAt"))).isBetween(decidedAt, after);
    }
}
