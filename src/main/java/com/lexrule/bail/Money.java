package com.lexrule.bail;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Yuan amounts: decimal arithmetic only, rounded to the unit and in the direction the policy states. */
final class Money {
    static final String CURRENCY = "CNY";
    /**
     * The largest amount a request may state, as its {@code @Digits(integer = 13, fraction = 2)} allows. Stated again
     * as a bound because {@code @Digits} overflows on an exponent such as 1e2147483647 and lets it through.
     */
    static final String MAX_AMOUNT = "9999999999999.99";

    private Money() {
    }

    /** E.g. 1,234.5 to a unit of 100 rounding UP is 1,300; the result keeps the unit's scale. */
    static BigDecimal round(BigDecimal amount, BigDecimal unit, RoundingMode mode) {
        return amount.divide(unit, 0, mode).multiply(unit);
    }
}
