package com.lexrule.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The console's login and roles, enforced on the server: every page and action is refused to a caller without the
 * API's role for it, whatever the page shows; every post needs the CSRF token of the caller's own pages; every
 * response carries the security headers.
 */
@QuarkusTest
class ConsoleAccessTest {

    @Test
    void an_anonymous_visitor_is_sent_to_the_login_page_and_the_api_still_answers_401() {
        given().redirects().follow(false).when().get("/console/policies").then().statusCode(302)
                .header("Location", containsString("/console/login"));
        given().when().get("/console/login").then().log().ifValidationFails().statusCode(200).body(containsString("j_security_check"));
        given().when().get("/api/v1/policies").then().statusCode(401);
    }

    @Test
    void a_wrong_password_is_refused_and_no_session_is_opened() {
        given().redirects().follow(false).formParam("j_username", "officer").formParam("j_password", "wrong")
                .when().post("/console/j_security_check").then().statusCode(303).header("Location", containsString("error=true"));
    }

    @Test
    void my_roles_lists_the_roles_held_in_chinese() {
        ConsoleSession chief = ConsoleSession.login("chief");
        String page = chief.request().get("/console").then().statusCode(200).extract().asString();
        assertThat(page).contains("法务人员", "政策审批人", "legal-officer", "policy-approver").doesNotContain("审计人员</td>");
    }

    @Test
    void every_console_response_carries_a_strict_content_security_policy_and_no_framing() {
        ConsoleSession officer = ConsoleSession.login("officer");
        officer.request().get("/console/policies").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Frame-Options", "DENY").header("Referrer-Policy", "no-referrer");
    }

    @Test
    void an_auditor_may_not_open_the_grid_editor_nor_the_approvals() {
        ConsoleSession auditor = ConsoleSession.login("auditor");
        auditor.request().get("/console/tables/arrest/danger-points.xlsx").then().statusCode(403);
        auditor.request().get("/console/approvals").then().statusCode(403);
        auditor.request().get("/console/drafts").then().statusCode(403);
    }

    @Test
    void an_officer_may_not_open_the_approvals_nor_post_an_approval() {
        ConsoleSession officer = ConsoleSession.login("officer");
        officer.request().get("/console/approvals").then().statusCode(403);
        officer.request().formParam("csrf", officer.csrf).formParam("effectiveFrom", "2099-01-01").formParam("changeNote", "x")
                .post("/console/approvals/arrest/1/approve").then().statusCode(403);
    }

    @Test
    void the_events_page_is_the_admins_and_its_forms_need_the_csrf_token() {
        for (String user : List.of("officer", "auditor", "approver")) {
            ConsoleSession other = ConsoleSession.login(user);
            other.request().get("/console/events").then().statusCode(403);
            other.request().formParam("csrf", other.csrf).formParam("name", "x").formParam("transport", "WEBHOOK")
                    .formParam("target", "http://127.0.0.1:1/x").formParam("types", "assessment.recorded")
                    .post("/console/events").then().statusCode(403);
        }
        ConsoleSession admin = ConsoleSession.login("admin");
        int before = com.lexrule.support.Api.as("admin").get("/api/v1/event-subscriptions").then().statusCode(200)
                .extract().jsonPath().getList("$").size();
        admin.request().formParam("name", "无令牌").formParam("transport", "WEBHOOK").formParam("target", "http://127.0.0.1:1/x")
                .formParam("types", "assessment.recorded").post("/console/events").then().statusCode(403);
        admin.request().formParam("csrf", admin.csrf).formParam("name", "未知类型").formParam("transport", "WEBHOOK")
                .formParam("target", "http://127.0.0.1:1/x").formParam("types", "no.such.event")
                .post("/console/events").then().statusCode(400).body(containsString("role=\"alert\">types[0]: "));
        admin.request().formParam("csrf", admin.csrf).formParam("name", "").formParam("transport", "CARRIER_PIGEON")
                .formParam("target", "").post("/console/events").then().statusCode(400)
                .body(containsString("role=\"alert\">transport："), containsString("role=\"alert\">name: "),
                        containsString("role=\"alert\">target: "), containsString("role=\"alert\">types: "));
        com.lexrule.support.Api.as("admin").get("/api/v1/event-subscriptions").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(before));
        admin.request().get("/console/events").then().statusCode(200).body(containsString("新建订阅"));
    }

    @Test
    void a_post_without_the_csrf_token_is_refused_and_changes_nothing() {
        ConsoleSession officer = ConsoleSession.login("officer");
        officer.request().formParam("c_E10", "41").post("/console/tables/arrest/danger-points.xlsx").then().statusCode(403);
        officer.request().formParam("c_E10", "41").formParam("csrf", "forged-token-forged-token-forged-token-xxxx")
                .post("/console/tables/arrest/danger-points.xlsx").then().statusCode(403);
        officer.request().get("/console/drafts").then().statusCode(200).body(not(containsString("danger-points.xlsx</code>")));
    }

    @Test
    void the_grid_refuses_a_header_cell_and_a_wrong_value_at_its_cell() {
        ConsoleSession officer = ConsoleSession.login("officer");
        officer.request().header("X-CSRF-Token", officer.csrf).formParam("csrf", officer.csrf).formParam("c_E10", "四十")
                .post("/console/tables/arrest/danger-points.xlsx/validate").then().statusCode(200)
                .body("problems[0].cell", org.hamcrest.Matchers.equalTo("E10"))
                .body("problems[0].sheet", org.hamcrest.Matchers.equalTo("分值表"))
                .body("problems[0].message", containsString("数值"));
        officer.request().formParam("csrf", officer.csrf).formParam("c_B8", "code == \"$param\"")
                .post("/console/tables/arrest/danger-points.xlsx/validate").then().statusCode(200)
                .body("problems[0].cell", org.hamcrest.Matchers.equalTo("B8"))
                .body("problems[0].message", containsString("模板行与表头不可编辑"));
        officer.request().formParam("csrf", officer.csrf).formParam("c_B10", "NO_SUCH_FACTOR")
                .post("/console/tables/arrest/danger-points.xlsx/validate").then().statusCode(200)
                .body("problems[0].cell", org.hamcrest.Matchers.equalTo("B10"))
                .body("problems[0].message", containsString("代码目录"));
    }

    /** One audited arrest decision, as the case system asks for it. */
    static String decision(String caseId) {
        java.util.Map<String, Object> request = new java.util.HashMap<>(java.util.Map.of("caseId", caseId, "subjectId", "S-" + caseId,
                "stage", "ARREST_REVIEW", "crimeType", "FRAUD", "evidenceOfCrime", true, "expectedSentence", "UP_TO_3_YEARS",
                "age", 30, "dangerIndicators", java.util.List.of("LIVES_ON_CRIME_PROCEEDS")));
        return com.lexrule.support.Api.post("case-system", "/api/v1/assessments/arrest", request).statusCode(200)
                .extract().path("decisionId");
    }

    /**
     * Who may do what on 决定, 一致率 and 专项评查, as the API's roles say: the search and export of decisions are the
     * auditors'; a decision is read by auditors and legal officers, and only legal officers record on it; the
     * agreement is read by every role the API gives it; special reviews are the auditors' and the legal officers'.
     */
    @Test
    void the_decision_agreement_and_review_pages_enforce_the_apis_roles_on_the_server() {
        String id = decision("ACCESS-1");
        ConsoleSession auditor = ConsoleSession.login("auditor");
        ConsoleSession officer = ConsoleSession.login("officer");
        ConsoleSession approver = ConsoleSession.login("approver");

        auditor.request().get("/console/decisions?caseId=ACCESS-1").then().statusCode(200).body(containsString(id));
        auditor.request().get("/console/decisions/export?caseId=ACCESS-1").then().statusCode(200)
                .contentType(containsString("text/csv")).body(containsString(id));
        auditor.request().get("/console/decisions/" + id).then().statusCode(200).body(containsString("ACCESS-1"))
                .body(not(containsString("id=\"officer-form\"")));
        auditor.request().formParam("csrf", auditor.csrf).formParam("taken", "ARREST").formParam("officer", "P-1")
                .post("/console/decisions/" + id + "/officer-decision").then().statusCode(403);
        auditor.request().get("/console/agreement?family=arrest").then().statusCode(200);
        auditor.request().get("/console/reviews").then().statusCode(200);

        // an officer opens a decision to record on it, but neither searches nor exports the trail
        officer.request().get("/console/decisions?caseId=ACCESS-1").then().statusCode(200).body(not(containsString(id)));
        officer.request().get("/console/decisions/export?caseId=ACCESS-1").then().statusCode(403);
        officer.request().get("/console/decisions/" + id).then().statusCode(200).body(containsString("id=\"officer-form\""));
        officer.request().get("/console/agreement").then().statusCode(200);
        officer.request().get("/console/reviews").then().statusCode(200);
        officer.request().get("/console/reviews/templates/arrest.xlsx").then().statusCode(200);

        approver.request().get("/console/decisions").then().statusCode(403);
        approver.request().get("/console/decisions/" + id).then().statusCode(403);
        approver.request().get("/console/decisions/export").then().statusCode(403);
        approver.request().get("/console/reviews").then().statusCode(403);
        approver.request().get("/console/reviews/templates/arrest.xlsx").then().statusCode(403);
        approver.request().get("/console/agreement").then().statusCode(200);

        given().redirects().follow(false).get("/console/decisions").then().statusCode(302)
                .header("Location", containsString("/console/login"));
        given().redirects().follow(false).get("/console/reviews").then().statusCode(302);
    }

    @Test
    void an_auditor_searches_and_exports_by_the_outcome_and_its_next_page_keeps_it() {
        String id = decision("OUTCOME-C");
        decision("OUTCOME-C");
        decision("OUTCOME-C");
        String outcome = com.lexrule.support.Api.as("auditor").get("/api/v1/decisions/" + id).then().statusCode(200)
                .extract().path("decision.outcome");
        ConsoleSession auditor = ConsoleSession.login("auditor");
        String form = auditor.request().get("/console/decisions").then().statusCode(200).extract().asString();
        assertThat(form).contains("<label for=\"outcome\">", "id=\"outcome\" name=\"outcome\"");
        String page = auditor.request().queryParam("caseId", "OUTCOME-C").queryParam("outcome", outcome).get("/console/decisions")
                .then().statusCode(200).extract().asString();
        String encoded = java.net.URLEncoder.encode(outcome, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains(id, "<span id=\"total\">3</span>", "value=\"" + outcome + "\"",
                "export?caseId=OUTCOME-C&amp;outcome=" + encoded);
        auditor.request().queryParam("caseId", "OUTCOME-C").queryParam("outcome", "NO/SUCH/OUTCOME").get("/console/decisions")
                .then().statusCode(200).body(containsString("没有符合条件的决定"));
        auditor.request().queryParam("caseId", "OUTCOME-C").queryParam("outcome", outcome).get("/console/decisions/export")
                .then().statusCode(200).body(containsString(id));
        auditor.request().queryParam("outcome", "x".repeat(300)).get("/console/decisions").then().statusCode(400)
                .body(containsString("role=\"alert\">outcome: "));
    }

    @Test
    void a_wrong_filter_is_refused_naming_the_field() {
        ConsoleSession auditor = ConsoleSession.login("auditor");
        auditor.request().get("/console/decisions?policyVersion=abc").then().statusCode(400).body(containsString("policyVersion"));
        auditor.request().get("/console/decisions?from=2026-02-01&to=2026-01-01").then().statusCode(400).body(containsString("to"));
        auditor.request().get("/console/decisions?after=not-a-cursor").then().statusCode(400).body(containsString("after"));
        auditor.request().get("/console/decisions/export?from=yesterday").then().statusCode(400)
                .contentType(containsString("application/problem+json")).body(containsString("from"));
        auditor.request().get("/console/agreement?months=99").then().statusCode(400).body(containsString("months"));
        auditor.request().get("/console/agreement?family=nothing").then().statusCode(400).body(containsString("family"));
        auditor.request().get("/console/decisions/no-such-decision").then().statusCode(404);
    }

    @Test
    void an_officer_records_a_decision_in_the_console_by_the_apis_rules() {
        String id = decision("ACCESS-2");
        ConsoleSession officer = ConsoleSession.login("officer");
        String recommended = com.lexrule.support.Api.as("auditor").get("/api/v1/decisions/" + id).then().statusCode(200)
                .extract().path("decision.recommendation");
        String other = recommended.equals("ARREST") ? "BAIL" : "ARREST";
        // without the CSRF token nothing is recorded
        officer.request().formParam("taken", other).formParam("officer", "P-9")
                .post("/console/decisions/" + id + "/officer-decision").then().statusCode(403);
        // a departure from the recommendation without a reason is refused, naming the field
        officer.request().formParam("csrf", officer.csrf).formParam("taken", other).formParam("officer", "P-9")
                .post("/console/decisions/" + id + "/officer-decision").then().statusCode(400).body(containsString("reason"));
        officer.request().formParam("csrf", officer.csrf).formParam("taken", other).formParam("officer", "")
                .post("/console/decisions/" + id + "/officer-decision").then().statusCode(400).body(containsString("officer"));
        officer.request().formParam("csrf", officer.csrf).formParam("taken", other).formParam("officer", "P-9")
                .formParam("reason", "有固定住处，可取保候审").post("/console/decisions/" + id + "/officer-decision")
                .then().statusCode(303).header("Location", containsString("/console/decisions/" + id));
        com.lexrule.support.Api.as("auditor").get("/api/v1/decisions/" + id).then().statusCode(200)
                .body("officerDecisions[0].taken", org.hamcrest.Matchers.equalTo(other))
                .body("officerDecisions[0].recordedBy", org.hamcrest.Matchers.equalTo("officer"));

        String objection = com.lexrule.support.Api.as("officer").contentType("application/json")
                .body(java.util.Map.of("objector", "辩护人 L-9", "objectorRole", "COUNSEL", "grounds", "生活来源情节不实"))
                .post("/api/v1/decisions/" + id + "/objections").then().statusCode(201).extract().path("id");
        officer.request().formParam("csrf", officer.csrf).formParam("outcome", "")
                .post("/console/decisions/" + id + "/objections/" + objection + "/outcome").then().statusCode(400)
                .body(containsString("outcome"));
        officer.request().formParam("csrf", officer.csrf).formParam("outcome", "DISMISSED").formParam("reason", "情节属实")
                .post("/console/decisions/" + id + "/objections/" + objection + "/outcome").then().statusCode(303);
        officer.request().formParam("csrf", officer.csrf).formParam("outcome", "UPHELD")
                .post("/console/decisions/" + id + "/objections/" + objection + "/outcome").then().statusCode(409)
                .contentType(containsString("text/html")).body(containsString("已有处理结果"));
        officer.request().get("/console/decisions/" + id).then().statusCode(200).body(containsString("DISMISSED"), containsString("生活来源情节不实"));
    }
}
