package com.lexrule.console;

import static com.lexrule.support.Lifecycle.draftChangingPoints;
import static com.lexrule.support.Lifecycle.pointsInForce;
import static com.lexrule.support.Lifecycle.rowOf;
import static com.lexrule.support.Lifecycle.upload;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.lexrule.arrest.ArrestRulesTest;
import com.lexrule.support.Api;
import com.lexrule.support.Lifecycle;
import com.lexrule.support.Workbooks;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The console's pages over HTML as the server writes them: the simulator's labels, the approval page that opens
 * before its runs and shows them on the same page, links to the changed decisions, and problems in officers' words.
 */
@QuarkusTest
@TestProfile(Lifecycle.Profile.class)
class ConsolePagesTest {

    /** Threats and flight history, pleaded guilty: YELLOW, and RED once flight history weighs 5 points more. */
    private static final Map<String, Object> YELLOW_CASE = Api.with(ArrestRulesTest.CASE, "caseId", "PAGES-Y",
            "dangerIndicators", List.of("THREATENED_VICTIM_OR_INFORMANT", "FLIGHT_HISTORY"), "mitigations", List.of("PLEADED_GUILTY"));

    @Test
    void the_simulator_shows_the_laws_enumerations_with_their_chinese_labels() {
        String page = ConsoleSession.login("officer").request().get("/console/simulate?endpoint=/api/v1/assessments/arrest")
                .then().statusCode(200).extract().asString();
        assertThat(page).contains("<option value=\"ARREST_REVIEW\">审查逮捕（ARREST_REVIEW）</option>")
                .contains("<option value=\"UP_TO_3_YEARS\">三年以下有期徒刑（UP_TO_3_YEARS）</option>")
                .doesNotContain("<option value=\"ARREST_REVIEW\">ARREST_REVIEW</option>");
    }

    @Test
    void the_approval_page_opens_without_running_and_its_tests_come_back_on_the_same_page() {
        List<String> yellow = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            yellow.add(Api.post("case-system", ArrestRulesTest.PATH, Api.with(YELLOW_CASE, "caseId", "PAGES-Y-" + i))
                    .statusCode(200).extract().path("decisionId"));
        }
        long id = draftChangingPoints("officer", "FLIGHT_HISTORY", 5);
        ConsoleSession approver = ConsoleSession.login("approver");

        // the GET shows the draft and its diff, and the form the script submits as the page opens; nothing has run
        String opened = approver.request().get("/console/approvals/arrest/" + id).then().statusCode(200).extract().asString();
        assertThat(opened).contains("ARR-SCORE-FLIGHT_HISTORY", "action=\"/console/approvals/arrest/" + id + "/tests\"",
                "data-progress=\"progress-tests\"", "data-autostart", "id=\"reject\"", "id=\"approve-after-tests\"")
                .doesNotContain("id=\"scenario-result\"", "id=\"backtest-result\"", "id=\"approve\"", "<script>");

        // the form's post: one page with the diff, the scenario run, the back-test and the approval form
        String tested = approver.request().formParam("csrf", approver.csrf).formParam("limit", "1000")
                .post("/console/approvals/arrest/" + id + "/tests").then().statusCode(200).extract().asString();
        assertThat(tested).contains("ARR-SCORE-FLIGHT_HISTORY", "id=\"scenario-result\"", "id=\"backtest-result\"",
                "id=\"chart-grades\"", "id=\"approve\"").doesNotContain("data-autostart");
        // the approver holds no role that reads decisions: the changed ones are named, not linked
        assertThat(tested).contains("<code>" + yellow.get(0) + "</code>").doesNotContain("href=\"/console/decisions/" + yellow.get(0) + "\"");

        // a legal officer may open decisions: on the draft page the back-test's examples link to them
        ConsoleSession officer = ConsoleSession.login("officer");
        String backtest = officer.request().formParam("csrf", officer.csrf).formParam("limit", "1000")
                .post("/console/drafts/arrest/" + id + "/backtest").then().statusCode(200).extract().asString();
        assertThat(backtest).contains("<a href=\"/console/decisions/" + yellow.get(0) + "\"><code>" + yellow.get(0) + "</code></a>");

        // the run is the approvers' and needs the page's token
        officer.request().formParam("csrf", officer.csrf).post("/console/approvals/arrest/" + id + "/tests").then().statusCode(403);
        approver.request().formParam("limit", "1000").post("/console/approvals/arrest/" + id + "/tests").then().statusCode(403);
        approver.request().formParam("csrf", approver.csrf).formParam("limit", "many")
                .post("/console/approvals/arrest/" + id + "/tests").then().statusCode(400);
    }

    @Test
    void approving_a_draft_that_does_not_compile_names_the_cell_in_chinese_never_the_compilers_message() {
        byte[] points = pointsInForce();
        String cell = "E" + rowOf(points, "FLIGHT_HISTORY");
        // whole-number points: 35.5 passes the template check as a number but its row's rule does not compile
        long id = upload("officer", "danger-points.xlsx", Workbooks.setNumber(points, 0, cell, 35.5)).statusCode(201)
                .extract().jsonPath().getLong("id");
        String compiler = Lifecycle.as("approver").get(Lifecycle.POLICIES + "/drafts/" + id).then().statusCode(200)
                .extract().path("errors.find { it.cell == '" + cell + "' }.message");
        assertThat(compiler).startsWith("规则编译错误");

        // the page offers no approval of it; a crafted post is refused by the lifecycle, in officers' words
        ConsoleSession approver = ConsoleSession.login("approver");
        String page = approver.request().formParam("csrf", approver.csrf).formParam("effectiveFrom", Lifecycle.today().toString())
                .formParam("changeNote", "不应发布").post("/console/approvals/arrest/" + id + "/approve")
                .then().statusCode(422).extract().asString();
        assertThat(page).contains("分值表!" + cell + "：" + OfficerProblems.message(
                        new com.lexrule.policy.table.PolicyProblem("x", "分值表", 1, cell, null, compiler)))
                .doesNotContain("规则编译错误", "rule does not compile", ", cell " + cell);
    }
}
