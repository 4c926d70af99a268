package com.lexrule.review.special;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why one value of one row could not be used: the row as the officer's sheet numbers it (for a JSON submission,
 * the case's position from 1), the column's field name and Chinese heading, the cell (e.g. D7; none for JSON), the
 * value given and the reason.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RowError(int row, String column, String heading, String cell, String value, String reason) {
}
