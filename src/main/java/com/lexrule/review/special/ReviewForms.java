package com.lexrule.review.special;

import static com.lexrule.review.special.ReviewColumn.bool;
import static com.lexrule.review.special.ReviewColumn.choice;
import static com.lexrule.review.special.ReviewColumn.code;
import static com.lexrule.review.special.ReviewColumn.codes;
import static com.lexrule.review.special.ReviewColumn.decimal;
import static com.lexrule.review.special.ReviewColumn.integer;
import static com.lexrule.review.special.ReviewColumn.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.lexrule.arrest.ProcedureStage;
import com.lexrule.meritorious.OtherPersonSentence;
import com.lexrule.meritorious.Verification;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.problem.NotFoundProblem;
import com.lexrule.responsibility.InjuryOutcome;
import com.lexrule.sentencing.SentenceBand;

/**
 * The review forms, one per assessment endpoint: {@code arrest}, {@code meritorious-service}, and the bail family's
 * two, {@code bail-deposit} and {@code compensation-deposit}. The columns are the public request contract of each
 * endpoint (DOMAIN.md), so their keys live here, and a column of one of the law's enumerations takes its values and
 * the statute's words from the enum. Every code a policy can extend (crime types, indicators, evidence items, the
 * decisions an agency may record) is read from the catalog sheet named, and which rule decided an answer from the
 * precedence the policy declares ({@code decidingRules}): both from the version the form is resolved with.
 */
@ApplicationScoped
public class ReviewForms {

    private final Map<String, ReviewForm> forms = new LinkedHashMap<>();
    private final PolicyRegistry registry;

    public ReviewForms(PolicyRegistry registry) {
        this.registry = registry;
        add("arrest", "arrest", "/api/v1/assessments/arrest", "逮捕条件与社会危险性专项评查",
                List.of(text("caseId", "案件编号", true), text("subjectId", "犯罪嫌疑人编号", true),
                        choice("stage", "诉讼阶段", false, ProcedureStage.values()),
                        code("crimeType", "罪名", "crimeTypes", true),
                        bool("evidenceOfCrime", "有证据证明有犯罪事实", true),
                        choice("expectedSentence", "可能判处的刑罚", true, SentenceBand.values()),
                        bool("priorIntentionalCrime", "曾经故意犯罪", false),
                        bool("identityUnknown", "身份不明", false),
                        integer("age", "行为时年龄", true),
                        codes("dangerIndicators", "社会危险性指标", "dangerIndicators"),
                        codes("mitigations", "从宽情节", "mitigations"),
                        codes("specialCircumstances", "特殊情形", "specialCircumstances"),
                        bool("violatedBailConditions", "违反取保候审、监视居住规定，情节严重", false),
                        choice("injuryOutcome", "故意杀人、故意伤害造成的后果", false, InjuryOutcome.values()),
                        bool("sppApprovalForProsecution", "已经最高人民检察院核准追诉", false)),
                code("recognised", "实际采取的强制措施", "outcomes", true).reviewOnly(),
                // agencies recognise a coercive measure, not a color: compare the measure the service recommends
                "recommendedMeasure");

        add("meritorious-service", "meritorious-service", "/api/v1/assessments/meritorious-service",
                "立功认定专项评查",
                List.of(text("caseId", "案件编号", true), text("subjectId", "犯罪嫌疑人、被告人编号", true),
                        text("crimeType", "本案罪名（统计用）", false).reviewOnly(),
                        code("claimType", "立功类型", "claimTypes", true),
                        code("leadSource", "线索来源", "leadSources", false),
                        bool("concernsOwnJointCrime", "揭发的是本人参与的共同犯罪", false),
                        code("assistanceKind", "协助抓捕方式", "assistanceKinds", false),
                        bool("alreadyKnownToAuthorities", "线索司法机关已掌握", false),
                        choice("verification", "查证情况", false, Verification.values()),
                        bool("practicalEffect", "起到实际作用", false),
                        choice("otherPersonLikelySentence", "被揭发人、被抓捕人可能判处的刑罚", false, OtherPersonSentence.values()),
                        bool("majorInfluence", "在本省或者全国有较大影响", false),
                        codes("evidenceItems", "已具备的证据材料", "evidenceItems")),
                code("recognised", "实际认定结论", "outcomes", true).reviewOnly(),
                null);

        add("bail-deposit", "bail", "/api/v1/assessments/bail-deposit", "取保候审保证方式专项评查",
                List.of(text("caseId", "案件编号", true), text("subjectId", "犯罪嫌疑人编号", true),
                        code("crimeType", "罪名", "crimeTypes", true),
                        choice("expectedSentence", "可能判处的刑罚", true, SentenceBand.values()),
                        integer("age", "行为时年龄", true),
                        code("dangerColor", "社会危险性等级（三色码）", "dangerColors", true),
                        code("economicStatus", "经济状况", "economicStatuses", true),
                        decimal("amountInvolved", "涉案金额（元）", false),
                        bool("guarantorAvailable", "能够提出保证人", false),
                        code("requestedGuaranteeMethod", "申请的保证方式", "guaranteeMethods", false),
                        integer("ageAtDecision", "决定取保候审时的年龄", false),
                        choice("injuryOutcome", "故意杀人、故意伤害造成的后果", false, InjuryOutcome.values()),
                        bool("sppApprovalForProsecution", "已经最高人民检察院核准追诉", false)),
                code("recognised", "实际决定", "depositDecisions", true).reviewOnly(),
                null);

        add("compensation-deposit", "bail", "/api/v1/assessments/compensation-deposit", "赔偿保证金专项评查",
                List.of(text("caseId", "案件编号", true), text("subjectId", "犯罪嫌疑人编号", true),
                        code("crimeType", "罪名", "crimeTypes", true),
                        choice("expectedSentence", "可能判处的刑罚", true, SentenceBand.values()),
                        decimal("assessedLoss", "经评估的被害人损失（元）", true),
                        bool("victimReachable", "能够联系到被害人", false),
                        bool("victimDemandsExcessive", "被害人要求明显超出法律支持范围", false),
                        bool("subjectWilling", "犯罪嫌疑人愿意交纳", false)),
                code("recognised", "实际是否适用赔偿保证金", "compensationDecisions", true).reviewOnly(),
                null);
    }

    private void add(String name, String family, String endpoint, String title, List<ReviewColumn> columns,
                     ReviewColumn recognised, String comparedField) {
        forms.put(name, new ReviewForm(name, family, endpoint, title, columns, recognised, comparedField, null));
    }

    /** The form as the version in force gives it (its recognised codes and precedence). */
    public ReviewForm get(String name) {
        return declared(name).resolvedWith(registry.current(declared(name).family()));
    }

    /** The form as a given version of its family gives it: the one a review decides with. */
    public ReviewForm get(String name, CompiledPolicy policy) {
        return declared(name).resolvedWith(policy);
    }

    private ReviewForm declared(String name) {
        ReviewForm form = name == null ? null : forms.get(name);
        if (form == null) {
            throw new NotFoundProblem("没有名为 " + name + " 的评查表单；可用: " + forms.keySet()
                    + " (no review form " + name + "; the bail family has two: bail-deposit, compensation-deposit)");
        }
        return form;
    }

    /** The names of the forms. */
    public List<String> names() {
        return List.copyOf(forms.keySet());
    }
}
