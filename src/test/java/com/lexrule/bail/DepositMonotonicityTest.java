package com.lexrule.bail;

import static com.lexrule.bail.BailApi.BAIL;
import static com.lexrule.bail.BailApi.amount;
import static com.lexrule.bail.BailApi.bailCase;
import static com.lexrule.bail.BailApi.post;
import static com.lexrule.bail.BailApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * CPL 72 weighs the subject's danger and economic status: more danger or more wealth never lowers the deposit.
 * Every color against every status, for a crime against the person and a property crime, adult and minor.
 */
@QuarkusTest
class DepositMonotonicityTest {

    private record Range(BigDecimal min, BigDecimal max) {
        void notAbove(Range other, String what) {
            assertThat(min).as("minimum, " + what).isLessThanOrEqualTo(other.min);
            assertThat(max).as("maximum, " + what).isLessThanOrEqualTo(other.max);
        }
    }

    private static Range deposit(Map<String, Object> base, DangerColor color, EconomicStatus status) {
        // A deposit is offered and no guarantor is available, so every status yields a deposit to compare.
        ValidatableResponse r = post(BAIL, with(base, "dangerColor", color.name(), "economicStatus", status.name(),
                "guarantorAvailable", false, "requestedGuaranteeMethod", "DEPOSIT")).statusCode(200);
        return new Range(amount(r, "depositAmount.min"), amount(r, "depositAmount.max"));
    }

    private static void neverLower(Map<String, Object> base) {
        Range[][] ranges = new Range[DangerColor.values().length][EconomicStatus.values().length];
        for (DangerColor color : DangerColor.values()) {
            for (EconomicStatus status : EconomicStatus.values()) {
                ranges[color.ordinal()][status.ordinal()] = deposit(base, color, status);
            }
        }
        for (DangerColor color : DangerColor.values()) {
            for (EconomicStatus status : EconomicStatus.values()) {
                Range here = ranges[color.ordinal()][status.ordinal()];
                if (color.ordinal() > 0) {
                    ranges[color.ordinal() - 1][status.ordinal()].notAbove(here, status + ": less danger than " + color);
                }
                if (status.ordinal() > 0) {
                    ranges[color.ordinal()][status.ordinal() - 1].notAbove(here, color + ": less wealth than " + status);
                }
            }
        }
    }

    @Test
    void more_danger_or_more_wealth_never_lowers_the_deposit_in_a_crime_against_the_person() {
        neverLower(bailCase());
    }

    @Test
    void more_danger_or_more_wealth_never_lowers_the_deposit_in_a_property_crime() {
        neverLower(with(bailCase(), "crimeType", "FRAUD", "expectedSentence", "3_TO_10_YEARS", "amountInvolved", 120000));
    }

    @Test
    void more_danger_or_more_wealth_never_lowers_a_minors_deposit_at_the_statutory_minimum() {
        neverLower(with(bailCase(), "age", 16, "crimeType", "PICKING_QUARRELS", "expectedSentence", "CRIMINAL_DETENTION"));
    }
}
