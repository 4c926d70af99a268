package com.lexrule.bail;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.lexrule.openapi.ContractFilter;
import com.lexrule.boundary.PlainText;

import com.lexrule.sentencing.SentenceBand;
import com.lexrule.responsibility.InjuryOutcome;

/**
 * The facts of a compensation-deposit assessment (DOMAIN §3). Absent yes/no facts are taken as not established
 * (the victim reachable and not demanding too much, the subject not willing) and reported in {@code missingFacts}.
 * {@code age} is the age at the act: a deposit offered to show the will to compensate presupposes a person who answers
 * for the crime (CL 17), so a stated age is checked first; an absent one is named in {@code missingFacts}.
 */
@Schema(name = "CompensationDepositRequest", description = "赔偿保证金评估的案件事实")
public record CompensationDepositRequest(
        @NotBlank @Size(max = 128) @PlainText @Schema(description = "案件编号", example = "330702-2026-0451") String caseId,
        @NotBlank @Size(max = 128) @PlainText @Schema(description = "犯罪嫌疑人假名化编号", example = "S-7f3a9c") String subjectId,
        @NotBlank @Size(max = 64) @PlainText @Pattern(regexp = "[A-Z0-9_]+", message = "must be an upper-case catalog code")
        @Schema(description = "罪名代码（见政策代码目录 crimeTypes）",
                extensions = @Extension(name = ContractFilter.CATALOG, value = BailFamily.NAME + ":" + BailFamily.CRIME_TYPES), example = "THEFT") String crimeType,
        @NotNull @Schema(description = "可能判处的刑罚") SentenceBand expectedSentence,
        @NotNull @Positive @DecimalMax(Money.MAX_AMOUNT) @Digits(integer = 13, fraction = 2)
        @Schema(description = "经评估的被害人损失（元）", example = "8000") BigDecimal assessedLoss,
        @Schema(description = "能够联系到被害人") Boolean victimReachable,
        @Schema(description = "被害人提出明显超出法律支持范围的赔偿要求") Boolean victimDemandsExcessive,
        @Schema(description = "犯罪嫌疑人愿意交纳赔偿保证金") Boolean subjectWilling,
        @Min(12) @Max(120) @Schema(description = "行为时年龄（决定是否负刑事责任，刑法第十七条）；缺省时列入 missingFacts", example = "35")
        Integer age,
        @Schema(description = "故意杀人、故意伤害造成的后果（行为时不满十六周岁的，刑事责任取决于此：刑法第十七条第二款、第三款）")
        InjuryOutcome injuryOutcome,
        @Schema(description = "已经最高人民检察院核准追诉（行为时已满十二周岁不满十四周岁的，刑法第十七条第三款）")
        Boolean sppApprovalForProsecution) {
}
