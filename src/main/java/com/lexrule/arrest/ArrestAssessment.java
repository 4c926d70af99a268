package com.lexrule.arrest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import com.lexrule.assessment.Counterfactuals;
import com.lexrule.engine.Finding;
import com.lexrule.openapi.ContractFilter;
import com.lexrule.policy.PolicyRef;

/** The answer to an arrest assessment (DOMAIN §1), with every rule that fired and the policy that decided it. */
@Schema(name = "ArrestAssessment", description = "逮捕条件与社会危险性评估结论")
public record ArrestAssessment(
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "审计记录中的决定编号；模拟评估（simulate）没有") String decisionId,
        @Schema(description = "是否已记入审计：模拟评估为 false，不记录、不计入统计") boolean recorded,
        PolicyRef policy,
        String caseId,
        String subjectId,
        ProcedureStage stage,
        LegalCategory legalCategory,
        int score,
        @Schema(description = "三色码：政策三色码阈值表（color-thresholds）所定的颜色") String color,
        @Schema(description = "建议的强制措施", extensions = @Extension(name = ContractFilter.CATALOG,
                value = ArrestFamily.NAME + ":" + ArrestFamily.OUTCOMES)) String recommendedMeasure,
        List<Finding> findings,
        @Schema(description = "未提供、按未查明处理的事实；提供后结论可能改变") List<String> missingFacts,
        Instant decidedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "反事实分析：仅在请求 ?counterfactuals=true 时给出，以作出本决定的同一政策版本计算")
        Counterfactuals.Report counterfactuals) {
}
