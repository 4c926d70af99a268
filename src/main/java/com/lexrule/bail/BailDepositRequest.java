package com.lexrule.bail;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.lexrule.openapi.ContractFilter;
import com.lexrule.boundary.PlainText;

import com.lexrule.sentencing.SentenceBand;
import com.lexrule.responsibility.InjuryOutcome;

/**
 * The facts of a bail-deposit assessment (DOMAIN §3). The danger color is given either directly or as the id of
 * an audited arrest assessment of the same case and subject to take it from, never both. The crime type, the
 * color, the economic status and the requested guarantee method are codes the policy's officers keep in its catalog,
 * checked against the deciding version's catalog ({@link BailDepositDefinition#checkCodes}), not here. An absent {@code guarantorAvailable} is taken as "no
 * guarantor" and reported in {@code missingFacts}. {@code age} is the age at the act, which decides criminal
 * responsibility (CL 17); {@code ageAtDecision}, when bail is decided, decides the minor's deposit floor (BAIL-2022 art. 5:
 * 被取保候审人为未成年人的).
 */
@ExactlyOneDangerSource
@AgeAtDecisionNotBeforeTheAct
@Schema(name = "BailDepositRequest", description = "取保候审保证方式与保证金数额评估的案件事实")
public record BailDepositRequest(
        @NotBlank @Size(max = 128) @PlainText @Schema(description = "案件编号", example = "330702-2026-0451") String caseId,
        @NotBlank @Size(max = 128) @PlainText @Schema(description = "犯罪嫌疑人假名化编号", example = "S-7f3a9c") String subjectId,
        @NotBlank @Size(max = 64) @PlainText @Pattern(regexp = "[A-Z0-9_]+", message = "must be an upper-case catalog code")
        @Schema(description = "罪名代码（见政策代码目录 crimeTypes）",
                extensions = @Extension(name = ContractFilter.CATALOG, value = BailFamily.NAME + ":" + BailFamily.CRIME_TYPES), example = "THEFT") String crimeType,
        @NotNull @Schema(description = "可能判处的刑罚") SentenceBand expectedSentence,
        @NotNull @Min(12) @Max(120) @Schema(description = "行为时年龄", example = "35") Integer age,
        @Size(max = 64) @PlainText @Pattern(regexp = "[A-Z0-9_]+", message = "must be an upper-case catalog code")
        @Schema(description = "社会危险性等级（三色码，见政策代码目录 dangerColors）；与 arrestDecisionId 二者只能提供其一",
                extensions = @Extension(name = ContractFilter.CATALOG, value = BailFamily.NAME + ":" + BailFamily.DANGER_COLORS), example = "GREEN")
        String dangerColor,
        @Size(max = 36) @PlainText @Schema(description = "此前同一案件、同一犯罪嫌疑人的逮捕评估决定编号，取其三色码；与 dangerColor 二者只能提供其一")
        String arrestDecisionId,
        @NotBlank @Size(max = 64) @PlainText @Pattern(regexp = "[A-Z0-9_]+", message = "must be an upper-case catalog code")
        @Schema(description = "经济状况（见政策代码目录 economicStatuses）",
                extensions = @Extension(name = ContractFilter.CATALOG, value = BailFamily.NAME + ":" + BailFamily.ECONOMIC_STATUSES), example = "ORDINARY")
        String economicStatus,
        @PositiveOrZero @DecimalMax(Money.MAX_AMOUNT) @Digits(integer = 13, fraction = 2)
        @Schema(description = "涉案金额（元），财产犯罪适用", example = "50000") BigDecimal amountInvolved,
        @Schema(description = "能够提出符合条件的保证人") Boolean guarantorAvailable,
        @Size(max = 64) @PlainText @Pattern(regexp = "[A-Z0-9_]+", message = "must be an upper-case catalog code")
        @Schema(description = "申请的保证方式（见政策代码目录 guaranteeMethods；只能一种，两种不得同时使用见规则 BAIL-GUAR-2、BAIL-DEP-1）",
                extensions = @Extension(name = ContractFilter.CATALOG, value = BailFamily.NAME + ":" + BailFamily.GUARANTEE_METHODS))
        String requestedGuaranteeMethod,
        @Min(12) @Max(120) @Schema(description = "决定取保候审时的年龄（未成年人保证金起点数额按此确定；缺省时取行为时年龄 age）", example = "18")
        Integer ageAtDecision,
        @Schema(description = "故意杀人、故意伤害造成的后果（行为时不满十六周岁的，刑事责任取决于此：刑法第十七条第二款、第三款）")
        InjuryOutcome injuryOutcome,
        @Schema(description = "已经最高人民检察院核准追诉（行为时已满十二周岁不满十四周岁的，刑法第十七条第三款）")
        Boolean sppApprovalForProsecution) {
}
