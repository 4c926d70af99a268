package com.lexrule.policy.lifecycle;

import static com.lexrule.support.Lifecycle.POINTS;
import static com.lexrule.support.Lifecycle.POLICIES;
import static com.lexrule.support.Lifecycle.XLSX;
import static com.lexrule.support.Lifecycle.approve;
import static com.lexrule.support.Lifecycle.as;
import static com.lexrule.support.Lifecycle.download;
import static com.lexrule.support.Lifecycle.draftChangingPoints;
import static com.lexrule.support.Lifecycle.pointsAt;
import static com.lexrule.support.Lifecycle.rowOf;
import static com.lexrule.support.Lifecycle.today;
import static com.lexrule.support.Lifecycle.versionInForce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.lexrule.arrest.ArrestRulesTest;
import com.lexrule.support.Api;
import com.lexrule.support.Lifecycle;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Publication needs two people: an officer drafts, another person approves. An approved draft is the next version,
 * in force from its date, with who drafted and who approved it; a published version never changes, a client that
 * pins one keeps its answers, and an older one is restored by publishing it again.
 */
@QuarkusTest
@TestProfile(Lifecycle.Profile.class)
class ApprovalTest {

    /** A theft with a drug habit: DRUG_OR_GAMBLING_HABIT's generic points decide its score; no scenario pins them. */
    static final Map<String, Object> CASE = Api.with(ArrestRulesTest.CASE, "caseId", "LIFECYCLE-1", "crimeType", "THEFT",
            "dangerIndicators", List.of("DRUG_OR_GAMBLING_HABIT", "FLIGHT_HISTORY"));

    @Test
    void aPublishedFileDownloadsByteForByteAsASpreadsheet() throws Exception {
        byte[] onDisk = Files.readAllBytes(Path.of("decision-tables/arrest/danger-points.xlsx"));
        as("officer").get(POLICIES + "/versions/1/files/" + POINTS).then().statusCode(200)
                .contentType(XLSX).header("Content-Disposition", containsString("danger-points.xlsx"));
        assertThat(download(1, POINTS)).isEqualTo(onDisk);
        as("officer").get(POLICIES + "/versions/1").then().statusCode(200)
                .body("files.name", hasItem(POINTS)).body("files.name", hasItem("rules/policy.json"));
        as("officer").get(POLICIES + "/versions/1/files/decision-tables/nothing.xlsx").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void nobodyApprovesTheirOwnDraft() {
        long id = draftChangingPoints("chief", "DRUG_OR_GAMBLING_HABIT", 5);
        approve("chief", id, "自己批准").statusCode(403).contentType("application/problem+json")
                .body("type", containsString("self-approval"));
        as("approver").get(POLICIES + "/drafts/" + id).then().body("status", equalTo("VALID"));
    }

    @Test
    void aLegalOfficerCannotApprove() {
        long id = draftChangingPoints("officer", "DRUG_OR_GAMBLING_HABIT", 5);
        approve("officer", id, "越权").statusCode(403);
    }

    @Test
    void aDraftWhoseScenarioNowFailsCannotBeApproved() {
        // scenario SC-ARR-1 pins score 55 (YELLOW) for a threat plus a flight history; +5 on flight makes it 60, RED
        long id = draftChangingPoints("officer", "FLIGHT_HISTORY", 5);
        JsonPath report = as("officer").post(POLICIES + "/drafts/" + id + "/scenario-run").then().statusCode(200)
                .extract().jsonPath();
        // every scenario that weighs a flight history now fails, SC-ARR-1 among them
        assertThat(report.getInt("failed")).isPositive();
        assertThat(report.getList("scenarios.findAll { !it.passed }.name", String.class)).anyMatch(n -> n.contains("评分55"));
        assertThat(report.getList("scenarios.find { it.name.contains('评分55') }.differences.field", String.class)).contains("score", "color");
        approve("approver", id, "流窜作案分值上调").statusCode(422).contentType("application/problem+json")
                .body("type", containsString("scenarios-failed"))
                .body("errors.name", hasItem(containsString("评分55")));
    }

    @Test
    void anApprovedDraftIsTheNextVersionInForceAndTheDiffNamesTheRowAndColumn() {
        int before = versionInForce();
        byte[] points = download(before, POINTS);
        String cell = "E" + rowOf(points, "DRUG_OR_GAMBLING_HABIT");
        int oldPoints = (int) pointsAt(points, cell);
        int oldScore = Api.post("case-system", ArrestRulesTest.PATH, CASE).statusCode(200).extract().path("score");

        long id = draftChangingPoints("officer", "DRUG_OR_GAMBLING_HABIT", 5);
        as("approver").get(POLICIES + "/drafts/" + id + "/diff").then().statusCode(200)
                .body("changes.find { it.key == 'ARR-SCORE-DRUG_OR_GAMBLING_HABIT' }.column", equalTo("分值（从宽情节为负数）"));
        JsonPath published = approve("approver", id, "吸毒赌博恶习分值上调5分").statusCode(201).extract().jsonPath();
        int version = published.getInt("policy.version");
        assertThat(version).isGreaterThan(before);
        assertThat(published.getString("draftedBy")).isEqualTo("officer");
        assertThat(published.getString("publishedBy")).isEqualTo("approver");
        assertThat(versionInForce()).isEqualTo(version);

        Api.post("case-system", ArrestRulesTest.PATH, CASE).statusCode(200)
                .body("policy.version", equalTo(version)).body("score", equalTo(oldScore + 5));

        JsonPath diff = as("officer").queryParam("from", before).queryParam("to", version).get(POLICIES + "/diff")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> row = diff.getMap("changes.find { it.key == 'ARR-SCORE-DRUG_OR_GAMBLING_HABIT' }");
        assertThat(row).containsEntry("kind", "CHANGED").containsEntry("column", "分值（从宽情节为负数）")
                .containsEntry("oldValue", String.valueOf(oldPoints)).containsEntry("newValue", String.valueOf(oldPoints + 5))
                .containsEntry("cell", cell).containsEntry("file", POINTS);
        assertThat(diff.getList("changes.key", String.class)).contains("changeNote", "approval");

        String manifest = new String(download(version, "rules/policy.json"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(manifest).contains("\"effectiveFrom\" : \"" + today() + "\"").contains("吸毒赌博恶习分值上调5分")
                .contains("\"draftedBy\" : \"officer\"").contains("\"approvedBy\" : \"approver\"");
        as("approver").get(POLICIES + "/drafts/" + id).then().body("status", equalTo("APPROVED"))
                .body("publishedVersion", equalTo(version)).body("decidedBy", equalTo("approver"));
    }

    @Test
    void aDraftIsDecidedOnce() {
        long id = draftChangingPoints("officer", "DRUG_OR_GAMBLING_HABIT", 1);
        as("approver").contentType(ContentType.JSON).body(Map.of("reason", "依据不足")).post(POLICIES + "/drafts/" + id + "/reject")
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("decisionNote", equalTo("依据不足"));
        approve("approver", id, "改为批准").statusCode(409).body("type", containsString("draft-decided"));
        as("approver").contentType(ContentType.JSON).body(Map.of("reason", "再驳回")).post(POLICIES + "/drafts/" + id + "/reject")
                .then().statusCode(409);
    }

    @Test
    void anEffectiveDateInThePastIsRefused() {
        long id = draftChangingPoints("officer", "DRUG_OR_GAMBLING_HABIT", 1);
        as("approver").contentType(ContentType.JSON)
                .body(Map.of("effectiveFrom", today().minusDays(1).toString(), "changeNote", "溯及既往"))
                .post(POLICIES + "/drafts/" + id + "/approve").then().statusCode(422)
                .body("type", containsString("effective-date-past"));
        as("approver").contentType(ContentType.JSON).body(Map.of("changeNote", "无日期"))
                .post(POLICIES + "/drafts/" + id + "/approve").then().statusCode(400);
    }

    @Test
    void aClientPinningAVersionGetsTheSameAnswerAfterNewerVersionsArePublished() {
        int pinned = versionInForce();
        JsonPath was = Api.as("case-system").queryParam("policyVersion", pinned).body(CASE).post(ArrestRulesTest.PATH)
                .then().statusCode(200).extract().jsonPath();

        approve("approver", draftChangingPoints("officer", "DRUG_OR_GAMBLING_HABIT", 5), "第一次修改").statusCode(201);
        approve("approver", draftChangingPoints("officer", "FLIGHT_HISTORY", -5), "第二次修改").statusCode(422); // scenario pins it
        approve("approver", draftChangingPoints("officer", "DRUG_OR_GAMBLING_HABIT", -2), "第二次修改").statusCode(201);
        assertThat(versionInForce()).isGreaterThan(pinned);
        assertThat(Api.post("case-system", ArrestRulesTest.PATH, CASE).statusCode(200).extract().<Integer>path("score"))
                .isNotEqualTo(was.getInt("score"));

        JsonPath is = Api.as("case-system").header("X-Policy-Version", String.valueOf(pinned)).body(CASE).post(ArrestRulesTest.PATH)
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> a = was.getMap("");
        Map<String, Object> b = is.getMap("");
        for (String volatileField : List.of("decisionId", "decidedAt")) {
            a.remove(volatileField);
            b.remove(volatileField);
        }
        assertThat(b).isEqualTo(a);
    }

    @Test
    void anOlderVersionIsRestoredInOneCallAsANewVersion() {
        int original = versionInForce();
        Object originalScore = Api.post("case-system", ArrestRulesTest.PATH, CASE).statusCode(200).extract().path("score");
        approve("approver", draftChangingPoints("officer", "DRUG_OR_GAMBLING_HABIT", 10), "错误的修改").statusCode(201);
        int changed = versionInForce();

        as("officer").contentType(ContentType.JSON).body(Map.of("effectiveFrom", today().toString(), "changeNote", "回滚"))
                .post(POLICIES + "/versions/" + original + "/republish").then().statusCode(403);
        JsonPath restored = as("approver").contentType(ContentType.JSON)
                .body(Map.of("effectiveFrom", today().toString(), "changeNote", "回滚至 v" + original))
                .post(POLICIES + "/versions/" + original + "/republish").then().statusCode(201).extract().jsonPath();
        int version = restored.getInt("policy.version");
        assertThat(version).isGreaterThan(changed);
        assertThat(restored.getInt("republishedFrom")).isEqualTo(original);
        assertThat(download(version, POINTS)).isEqualTo(download(original, POINTS));
        Api.post("case-system", ArrestRulesTest.PATH, CASE).statusCode(200)
                .body("policy.version", equalTo(version)).body("score", equalTo(originalScore));
    }
}
