package com.lexrule.bail;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.lexrule.assessment.Counterfactuals;
import com.lexrule.engine.Finding;
import com.lexrule.openapi.ContractFilter;
import com.lexrule.policy.PolicyRef;

/**
 * The answer to a bail-deposit assessment (DOMAIN §3). {@code guaranteeMethod} is one method or none, never both;
 * {@code depositAmount} is present only for a deposit. For a RED subject bail is not recommended; the method and
 * amount then state what applies should the deciding authority grant bail nonetheless. A person who does not answer
 * for the crime at the age of the act (CL 17) gets no guarantee method and {@code NO_COERCIVE_MEASURE}.
 */
@Schema(name = "BailDepositAssessment", description = "取保候审保证方式与保证金数额评估结论")
public record BailDepositAssessment(
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "审计记录中的决定编号；模拟评估（simulate）没有") String decisionId,
        @Schema(description = "是否已记入审计：模拟评估为 false，不记录、不计入统计") boolean recorded,
        PolicyRef policy,
        String caseId,
        String subjectId,
        @Schema(description = "社会危险性等级（三色码）", extensions = @Extension(name = ContractFilter.CATALOG,
                value = BailFamily.NAME + ":" + BailFamily.DANGER_COLORS)) String dangerColor,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "三色码所取自的逮捕评估决定编号") String arrestDecisionId,
        @Schema(description = "是否建议取保候审") boolean bailRecommended,
        @Schema(description = "建议的强制措施", extensions = @Extension(name = ContractFilter.CATALOG,
                value = BailFamily.NAME + ":" + BailFamily.OUTCOMES)) String recommendedMeasure,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "保证方式；保证人与保证金不得同时使用；既无保证人又无力交纳保证金时不提供",
                extensions = @Extension(name = ContractFilter.CATALOG, value = BailFamily.NAME + ":" + BailFamily.GUARANTEE_METHODS))
        String guaranteeMethod,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "保证金数额，仅在保证方式为 DEPOSIT 时提供") DepositRange depositAmount,
        List<Finding> findings,
        @Schema(description = "未提供、按未查明处理的事实；提供后结论可能改变") List<String> missingFacts,
        Instant decidedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "反事实分析：仅在请求 ?counterfactuals=true 时给出，以作出本决定的同一政策版本计算")
        Counterfactuals.Report counterfactuals) {
}
