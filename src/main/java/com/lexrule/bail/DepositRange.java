package com.lexrule.bail;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bail deposit a deciding authority may order, in yuan: any amount from min to max. */
@Schema(name = "DepositRange", description = "保证金数额范围（人民币元）")
public record DepositRange(
        @Schema(description = "下限（元），不低于保证金起点数额", example = "2000") BigDecimal min,
        @Schema(description = "上限（元）", example = "10000") BigDecimal max,
        @Schema(enumeration = {"CNY"}) String currency) {
}
