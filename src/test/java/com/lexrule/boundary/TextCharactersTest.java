package com.lexrule.boundary;

import static com.lexrule.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.audit.DecisionRecord;
import com.lexrule.review.Objection;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Text fields hold text: Chinese and any other script, line breaks and tabs in free text, but no NUL or other
 * control character, no bidi override or isolate, no lone surrogate, no noncharacter. Each is refused naming the
 * field, and nothing is stored: what is answered is what is stored, on PostgreSQL as on H2.
 */
@QuarkusTest
class TextCharactersTest {

    static final String ARREST = "/api/v1/assessments/arrest";

    static long decisions() {
        return QuarkusTransaction.requiringNew().call(() -> DecisionRecord.count());
    }

    static long objections() {
        return QuarkusTransaction.requiringNew().call(() -> Objection.count());
    }

    /** JSON text of the arrest case with one string field given as a raw JSON string literal (escapes included). */
    static String arrest(String field, String jsonLiteral) {
        Map<String, Object> base = new java.util.LinkedHashMap<>(Map.of("caseId", "TEXT-1", "subjectId", "S-1",
                "crimeType", "THEFT", "evidenceOfCrime", true, "expectedSentence", "UP_TO_3_YEARS", "age", 30));
        base.remove(field);
        try {
            String body = new ObjectMapper().writeValueAsString(base);
            return body.substring(0, body.length() - 1) + ",\"" + field + "\":" + jsonLiteral + "}";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String decision() {
        return as("case-system").body(arrest("caseId", "\"TEXT-OK\"")).post(ARREST).then().statusCode(200)
                .extract().path("decisionId");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "caseId    | '\"C\\u0000-1\"'",          // NUL: once a 500 on PostgreSQL
            "subjectId | '\"S\\u0000\"'",
            "caseId    | '\"C\\u0007\"'",            // BEL
            "caseId    | '\"C\\n1\"'",               // no line break in an id
            "caseId    | '\"C\\t1\"'",
            "caseId    | '\"C\\u001b[31m\"'",        // ESC
            "caseId    | '\"C\\u0085\"'",            // C1 control (NEL)
            "caseId    | '\"C\\u007f\"'",            // DEL
            "caseId    | '\"\\u202eC-1\"'",          // right-to-left override
            "subjectId | '\"S\\u2066-1\\u2069\"'",   // left-to-right isolate
            "caseId    | '\"C\\u200b1\"'",           // zero-width space
            "caseId    | '\"\\ufeffC\"'",            // BOM
            "caseId    | '\"C\\u2028\"'",            // line separator
            "caseId    | '\"C\\ud800\"'",            // lone high surrogate
            "caseId    | '\"C\\udc00x\"'",           // lone low surrogate
            "caseId    | '\"C\\uffff\"'",            // noncharacter
            "caseId    | '\"C\\ufdd0\"'",
            "crimeType | '\"THEFT\\u0000\"'",
    })
    void aCharacterThatIsNotTextIsRefusedNamingTheField(String field, String literal) {
        long before = decisions();
        as("case-system").body(arrest(field, literal)).post(ARREST).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(field))
                .body(not(containsString("\u0000"))).body(not(containsString("\u202e")));
        assertThat(decisions()).isEqualTo(before);
    }

    @Test
    void chineseAndOtherScriptsAreText() {
        as("case-system").body(arrest("caseId", "\"浙金检刑诉〔2026〕12号\"")).post(ARREST).then().statusCode(200)
                .body("caseId", equalTo("浙金检刑诉〔2026〕12号"));
        as("case-system").body(arrest("subjectId", "\"S-\uD842\uDFB7-ü-😀\"")).post(ARREST).then().statusCode(200)
                .body("subjectId", equalTo("S-\uD842\uDFB7-ü-😀"));  // a supplementary-plane CJK character is a pair, not a lone surrogate
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "grounds  | '\"理由\\u0000\"'",
            "grounds  | '\"理由\\u202e\"'",
            "grounds  | '\"理由\\u0008\"'",
            "grounds  | '\"理由\\r\"'",
            "grounds  | '\"理由\\ud83d\"'",
            "objector | '\"辩护人\\n L-1\"'",
    })
    void anObjectionWithACharacterThatIsNotTextIsRefused(String field, String literal) {
        String decision = decision();
        long before = objections();
        Map<String, String> fields = new java.util.HashMap<>(Map.of("objector", "\"辩护人 L-1\"", "objectorRole", "\"COUNSEL\"",
                "grounds", "\"理由\""));
        fields.put(field, literal);
        String body = "{" + String.join(",", fields.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue()).toList()) + "}";
        as("case-system").body(body).post("/api/v1/decisions/" + decision + "/objections").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(field));
        assertThat(objections()).isEqualTo(before);
    }

    @Test
    void freeTextKeepsLineBreaksAndTabs() {
        String decision = decision();
        as("case-system").body("{\"objector\":\"辩护人 L-1\",\"objectorRole\":\"COUNSEL\",\"grounds\":\"第一，证据不足；\\n\\t第二，程序违法。\"}")
                .post("/api/v1/decisions/" + decision + "/objections").then().statusCode(201)
                .body("grounds", equalTo("第一，证据不足；\n\t第二，程序违法。"));
    }

    @Test
    void anOfficersReasonAndNameAreText() {
        String decision = decision();
        as("officer").body("{\"taken\":\"ARREST\",\"officer\":\"P-\\u0000\",\"reason\":\"依法\"}")
                .put("/api/v1/decisions/" + decision + "/officer-decision").then().statusCode(400)
                .body("errors.field", hasItem("officer"));
        as("officer").body("{\"taken\":\"BAIL\",\"officer\":\"P-1\",\"reason\":\"依法\\u202e\"}")
                .put("/api/v1/decisions/" + decision + "/officer-decision").then().statusCode(400)
                .body("errors.field", hasItem("reason"));
        as("auditor").get("/api/v1/decisions/" + decision).then().statusCode(200)
                .body("officerDecisions.size()", equalTo(0));
    }

    @Test
    void aPathOrQueryParameterThatIsNotTextIsRefusedNamingIt() {
        as("auditor").queryParam("caseId", "C\u202e").get("/api/v1/decisions").then().statusCode(400)
                .body("errors[0].field", equalTo("caseId"));
        as("auditor").urlEncodingEnabled(false).get("/api/v1/decisions/C%00").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("id"));
    }
}
