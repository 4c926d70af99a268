package com.lexrule.boundary;

import static com.lexrule.support.Lifecycle.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.lexrule.policy.PolicyVersionEntity;
import com.lexrule.support.Lifecycle;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * An approval's effective date lies between the first Criminal Procedure Law and 2199: "+999999999-12-31" was stored
 * differently on H2 and answered as a publication conflict on PostgreSQL. It is a 400 naming the field, and nothing
 * is published; the draft stays open.
 */
@QuarkusTest
@TestProfile(Lifecycle.Profile.class)
class EffectiveDateTest {

    static long versions() {
        return QuarkusTransaction.requiringNew().call(() -> PolicyVersionEntity.count());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31", "2200-01-01", "-0001-01-01", "10000-01-01", "2026-13-01", "notadate", "20261201"})
    void anEffectiveDateOutOfRangeIsRefusedNamingTheField(String date) {
        long draft = Lifecycle.draftChangingPoints("officer", "FLIGHT_HISTORY", 1);
        long before = versions();
        as("approver").contentType(ContentType.JSON)
                .body("{\"effectiveFrom\":\"" + date + "\",\"changeNote\":\"日期越界\"}")
                .post(Lifecycle.POLICIES + "/drafts/" + draft + "/approve").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("effectiveFrom"));
        assertThat(versions()).isEqualTo(before);
        as("approver").get(Lifecycle.POLICIES + "/drafts/" + draft).then().statusCode(200).body("status", equalTo("VALID"));
        as("approver").contentType(ContentType.JSON).body(Map.of("reason", "测试结束"))
                .post(Lifecycle.POLICIES + "/drafts/" + draft + "/reject").then().statusCode(200);
    }

    @Test
    void aRepublicationWithADateOutOfRangeIsRefusedToo() {
        long before = versions();
        as("approver").contentType(ContentType.JSON).body("{\"effectiveFrom\":\"+999999999-12-31\",\"changeNote\":\"回滚\"}")
                .post(Lifecycle.POLICIES + "/versions/1/republish").then().statusCode(400)
                .body("errors.field", hasItem("effectiveFrom"));
        assertThat(versions()).isEqualTo(before);
    }

    @Test
    void aBacktestLimitThatIsNotANumberIsA400NamingIt() {
        long draft = Lifecycle.draftChangingPoints("officer", "FLIGHT_HISTORY", 1);
        as("officer").post(Lifecycle.POLICIES + "/drafts/" + draft + "/backtest?limit=99999999999").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        as("officer").post(Lifecycle.POLICIES + "/drafts/" + draft + "/backtest?limit=ten").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        as("approver").contentType(ContentType.JSON).body(Map.of("reason", "测试结束"))
                .post(Lifecycle.POLICIES + "/drafts/" + draft + "/reject").then().statusCode(200);
    }

    @Test
    void aDraftNoteOrChangeNoteThatIsNotTextIsRefused() {
        as("officer").contentType("multipart/form-data")
                .multiPart("file", "danger-points.xlsx", Lifecycle.pointsInForce(), Lifecycle.XLSX)
                .multiPart("note", "调整\u0000")
                .post(Lifecycle.POLICIES + "/drafts").then().statusCode(400).body("errors[0].field", equalTo("note"));
        long draft = Lifecycle.draftChangingPoints("officer", "FLIGHT_HISTORY", 1);
        as("approver").contentType(ContentType.JSON).body(Map.of("effectiveFrom", Lifecycle.today().toString(),
                        "changeNote", "说明\u202e"))
                .post(Lifecycle.POLICIES + "/drafts/" + draft + "/approve").then().statusCode(400)
                .body("errors.field", hasItem("changeNote"));
        as("approver").contentType(ContentType.JSON).body(Map.of("reason", "驳回\u0007"))
                .post(Lifecycle.POLICIES + "/drafts/" + draft + "/reject").then().statusCode(400)
                .body("errors.field", hasItem("reason"));
        as("approver").contentType(ContentType.JSON).body(Map.of("reason", "测试结束"))
                .post(Lifecycle.POLICIES + "/drafts/" + draft + "/reject").then().statusCode(200);
    }
}
