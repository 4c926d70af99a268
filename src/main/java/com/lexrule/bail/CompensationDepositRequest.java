package com.lexrule.bail;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.lexrule.boundary.PlainText;

import com.lexrule.arrest.SentenceBand;

/**
 * The facts of a compensation-deposit assessment (DOMAIN §3). Absent yes/no facts are taken as not established
 * (the victim reachable and not demanding too much, the subject not willing) and reported in {@code missingFacts}.
 */
@Schema(name = "CompensationDepositRequest", description = "赔偿保证金评估的案件事实")
public record CompensationDepositRequest(
        @NotBlank @Size(max = 128) @PlainText @Schema(description = "案件编号", example = "330702-2026-0451") String caseId,
        @NotBlank @Size(max = 128) @PlainText @Schema(description = "犯罪嫌疑人假名化编号", example = "S-7f3a9c") String subjectId,
        @NotBlank @Size(max = 64) @PlainText @Pattern(regexp = "[A-Z0-9_]+", message = "must be an upper-case catalog code")
        @Schema(description = "罪名代码（见政策代码目录 crimeTypes）", example = "THEFT") String crimeType,
        @NotNull @Schema(description = "可能判处的刑罚") SentenceBand expectedSentence,
        @NotNull @Positive @DecimalMax(Money.MAX_AMOUNT) @Digits(integer = 13, fraction = 2)
        @Schema(description = "经评估的被害人损失（元）", example = "8000") BigDecimal assessedLoss,
        @Schema(description = "能够联系到被害人") Boolean victimReachable,
        @Schema(description = "被害人提出明显超出法律支持范围的赔偿要求") Boolean victimDemandsExcessive,
        @Schema(description = "犯罪嫌疑人愿意交纳赔偿保证金") Boolean subjectWilling) {
}
