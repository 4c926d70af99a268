package com.lexrule.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.lexrule.support.Lifecycle;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The console's pages over HTML as the server writes them: the simulator's labels.
 */
@QuarkusTest
@TestProfile(Lifecycle.Profile.class)
class ConsolePagesTest {

    @Test
    void the_simulator_shows_the_laws_enumerations_with_their_chinese_labels() {
        String page = ConsoleSession.login("officer").request().get("/console/simulate?endpoint=/api/v1/assessments/arrest")
                .then().statusCode(200).extract().asString();
        assertThat(page).contains("<option value=\"ARREST_REVIEW\">审查逮捕（ARREST_REVIEW）</option>")
                .contains("<option value=\"UP_TO_3_YEARS\">三年以下有期徒刑（UP_TO_3_YEARS）</option>")
                .doesNotContain("<option value=\"ARREST_REVIEW\">ARREST_REVIEW</option>");
    }
}
