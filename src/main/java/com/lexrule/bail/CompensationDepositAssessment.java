package com.lexrule.bail;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.lexrule.assessment.Counterfactuals;
import com.lexrule.engine.Finding;
import com.lexrule.policy.PolicyRef;

/**
 * The answer to a compensation-deposit assessment (DOMAIN §3). {@code effects} are what a paid deposit counts as
 * elsewhere, e.g. {@code COMPENSATION_DEPOSIT_PAID}, a mitigation code of the arrest family.
 */
@Schema(name = "CompensationDepositAssessment", description = "赔偿保证金评估结论")
public record CompensationDepositAssessment(
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "审计记录中的决定编号；模拟评估（simulate）没有") String decisionId,
        @Schema(description = "是否已记入审计：模拟评估为 false，不记录、不计入统计") boolean recorded,
        PolicyRef policy,
        String caseId,
        String subjectId,
        @Schema(description = "可以适用赔偿保证金") boolean eligible,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "赔偿保证金数额（元），仅在可以适用时提供", example = "8000")
        BigDecimal depositAmount,
        @Schema(enumeration = {"CNY"}) String currency,
        @Schema(description = "交纳后的效果，如逮捕评估从宽情节 COMPENSATION_DEPOSIT_PAID") List<String> effects,
        List<Finding> findings,
        @Schema(description = "未提供、按未查明处理的事实；提供后结论可能改变") List<String> missingFacts,
        Instant decidedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "反事实分析：仅在请求 ?counterfactuals=true 时给出，以作出本决定的同一政策版本计算")
        Counterfactuals.Report counterfactuals) {
}
