package com.lexrule.arrest;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.lexrule.openapi.ContractFilter;
import com.lexrule.boundary.PlainText;
import com.lexrule.responsibility.InjuryOutcome;
import com.lexrule.sentencing.SentenceBand;

/**
 * The facts of a case as a case system sends them (DOMAIN §1). Codes of crime types, indicators, mitigations and
 * special circumstances are checked against the catalog of the policy that decides the case, not here.
 * Optional yes/no facts that are absent are taken as not established and reported in {@code missingFacts}.
 */
@Schema(name = "ArrestRequest", description = "逮捕条件与社会危险性评估的案件事实")
public record ArrestRequest(
        @NotBlank @Size(max = 128) @PlainText @Schema(description = "案件编号", example = "330702-2026-0451") String caseId,
        @NotBlank @Size(max = 128) @PlainText @Schema(description = "犯罪嫌疑人假名化编号", example = "S-7f3a9c") String subjectId,
        @Schema(description = "诉讼阶段") ProcedureStage stage,
        @NotBlank @Size(max = 64) @PlainText @Pattern(regexp = "[A-Z0-9_]+", message = "must be an upper-case catalog code")
        @Schema(description = "罪名代码（见政策代码目录 crimeTypes）",
                extensions = @Extension(name = ContractFilter.CATALOG, value = ArrestFamily.NAME + ":" + ArrestFamily.CRIME_TYPES), example = "INTENTIONAL_INJURY") String crimeType,
        @NotNull @Schema(description = "有证据证明有犯罪事实") Boolean evidenceOfCrime,
        @NotNull @Schema(description = "可能判处的刑罚（刑法第九十九条，以上、以下包括本数：UP_TO_3_YEARS 三年以下含三年；3_TO_10_YEARS 超过三年、不满十年；10_YEARS_OR_MORE 十年以上含十年）")
        SentenceBand expectedSentence,
        @Schema(description = "曾经故意犯罪") Boolean priorIntentionalCrime,
        @Schema(description = "身份不明") Boolean identityUnknown,
        @NotNull @Min(12) @Max(120) @Schema(description = "行为时年龄", example = "35") Integer age,
        @Size(max = 40) @Schema(description = "社会危险性指标代码（见 dangerIndicators）",
                extensions = @Extension(name = ContractFilter.CATALOG, value = ArrestFamily.NAME + ":" + ArrestFamily.DANGER_INDICATORS))
        List<@NotBlank @Size(max = 64) @PlainText String> dangerIndicators,
        @Size(max = 20) @Schema(description = "从宽情节代码（见 mitigations）",
                extensions = @Extension(name = ContractFilter.CATALOG, value = ArrestFamily.NAME + ":" + ArrestFamily.MITIGATIONS)) List<@NotBlank @Size(max = 64) @PlainText String> mitigations,
        @Size(max = 10) @Schema(description = "特殊情形代码（见 specialCircumstances）",
                extensions = @Extension(name = ContractFilter.CATALOG, value = ArrestFamily.NAME + ":" + ArrestFamily.SPECIAL_CIRCUMSTANCES))
        List<@NotBlank @Size(max = 64) @PlainText String> specialCircumstances,
        @Schema(description = "违反取保候审、监视居住规定，情节严重") Boolean violatedBailConditions,
        @Schema(description = "故意杀人、故意伤害造成的后果（行为时不满十六周岁的，刑事责任取决于此：刑法第十七条第二款、第三款）")
        InjuryOutcome injuryOutcome,
        @Schema(description = "已经最高人民检察院核准追诉（行为时已满十二周岁不满十四周岁的，刑法第十七条第三款）")
        Boolean sppApprovalForProsecution) {

    public ArrestRequest {
        dangerIndicators = dangerIndicators == null ? List.of() : dangerIndicators;
        mitigations = mitigations == null ? List.of() : mitigations;
        specialCircumstances = specialCircumstances == null ? List.of() : specialCircumstances;
    }
}
