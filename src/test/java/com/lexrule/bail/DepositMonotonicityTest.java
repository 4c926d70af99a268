package com.lexrule.bail;

import static com.lexrule.bail.BailApi.BAIL;
import static com.lexrule.bail.BailApi.amount;
import static com.lexrule.bail.BailApi.bailCase;
import static com.lexrule.bail.BailApi.post;
import static com.lexrule.bail.BailApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.lexrule.policy.PolicyCatalog;
import com.lexrule.policy.PolicyRegistry;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * CPL 72 weighs the subject's danger and economic status: more danger or more wealth never lowers the deposit.
 * Every color against every status, for a crime against the person and a property crime, adult and minor.
 */
@QuarkusTest
class DepositMonotonicityTest {

    @Inject
    PolicyRegistry registry;

    private record Range(BigDecimal min, BigDecimal max) {
        void notAbove(Range other, String what) {
            assertThat(min).as("minimum, " + what).isLessThanOrEqualTo(other.min);
            assertThat(max).as("maximum, " + what).isLessThanOrEqualTo(other.max);
        }
    }

    private static Range deposit(Map<String, Object> base, String color, String status) {
        // A deposit is offered and no guarantor is available, so every status yields a deposit to compare.
        ValidatableResponse r = post(BAIL, with(base, "dangerColor", color, "economicStatus", status,
                "guarantorAvailable", false, "requestedGuaranteeMethod", "DEPOSIT")).statusCode(200);
        return new Range(amount(r, "depositAmount.min"), amount(r, "depositAmount.max"));
    }

    /** The colors and statuses are the policy's, in the order its catalog ranks them. */
    private void neverLower(Map<String, Object> base) {
        PolicyCatalog catalog = registry.current(BailFamily.NAME).catalog();
        List<String> colors = BailFamily.ranked(catalog, BailFamily.DANGER_COLORS);
        List<String> statuses = BailFamily.ranked(catalog, BailFamily.ECONOMIC_STATUSES);
        assertThat(colors).hasSizeGreaterThan(1);
        assertThat(statuses).hasSizeGreaterThan(1);
        Range[][] ranges = new Range[colors.size()][statuses.size()];
        for (int c = 0; c < colors.size(); c++) {
            for (int s = 0; s < statuses.size(); s++) {
                ranges[c][s] = deposit(base, colors.get(c), statuses.get(s));
            }
        }
        for (int c = 0; c < colors.size(); c++) {
            for (int s = 0; s < statuses.size(); s++) {
                Range here = ranges[c][s];
                if (c > 0) {
                    ranges[c - 1][s].notAbove(here, statuses.get(s) + ": less danger than " + colors.get(c));
                }
                if (s > 0) {
                    ranges[c][s - 1].notAbove(here, colors.get(c) + ": less wealth than " + statuses.get(s));
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
