package com.lexrule.meritorious;

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
 * The answer to a meritorious-service assessment (DOMAIN §2). It tells the officer what to do next: the
 * exclusions and their sources when it is not meritorious service, each missing item with what it must show and
 * who issues it when evidence is insufficient, the sentencing effect of CL art. 68 when it is 立功 or 重大立功.
 */
@Schema(name = "MeritoriousAssessment", description = "立功认定结论")
public record MeritoriousAssessment(
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "审计记录中的决定编号；模拟评估（simulate）没有") String decisionId,
        @Schema(description = "是否已记入审计：模拟评估为 false，不记录、不计入统计") boolean recorded,
        PolicyRef policy,
        String caseId,
        String subjectId,
        String claimType,
        @Schema(description = "认定结论", extensions = @Extension(name = ContractFilter.CATALOG,
                value = MeritoriousFamily.NAME + ":" + MeritoriousFamily.OUTCOMES)) String determination,
        List<Finding> findings,
        @Schema(description = "需补充的证据材料；无则为空列表") List<MissingEvidence> missingEvidence,
        @Schema(description = "未提供、按未查明（查证情况按待查）处理的事实；提供后结论可能改变") List<String> missingFacts,
        @Schema(description = "量刑效果（刑法第六十八条），仅在构成立功或者重大立功时给出", nullable = true)
        String sentencingEffect,
        Instant decidedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "反事实分析：仅在请求 ?counterfactuals=true 时给出，以作出本决定的同一政策版本计算")
        Counterfactuals.Report counterfactuals) {
}
