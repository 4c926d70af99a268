package com.lexrule.boundary;

import java.time.LocalDate;

/**
 * The dates a request may name: from the enactment of the first Criminal Procedure Law (1 July 1979) to the end of
 * 2199. Anything outside is a typing error, and dates such as +999999999-12-31 are stored differently by H2 and
 * refused by PostgreSQL.
 */
public final class LegalDates {
    public static final LocalDate EARLIEST = LocalDate.of(1979, 7, 1);
    public static final LocalDate LATEST = LocalDate.of(2199, 12, 31);
    public static final String RANGE = EARLIEST + " … " + LATEST;

    private LegalDates() {
    }

    public static boolean contains(LocalDate date) {
        return !date.isBefore(EARLIEST) && !date.isAfter(LATEST);
    }
}
