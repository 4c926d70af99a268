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

import com.lexrule.problem.NotFoundProblem;

/**
 * The review forms, one per assessment endpoint: {@code arrest}, {@code meritorious-service}, and the bail family's
 * two, {@code bail-deposit} and {@code compensation-deposit}. The columns are the public request contract of each
 * endpoint (DOMAIN.md), so their keys and the enumerations fixed by the request types live here; every code a
 * policy can extend (crime types, indicators, evidence items...) is read from the catalog sheet named.
 */
@ApplicationScoped
public class ReviewForms {

    private static final String[] SENTENCES = {
            "NO_IMPRISONMENT", "不判处有期徒刑以上刑罚（管制、单处附加刑、免予刑事处罚）",
            "CRIMINAL_DETENTION", "拘役",
            "UP_TO_3_YEARS", "三年以下有期徒刑",
            "3_TO_10_YEARS", "超过三年、不满十年有期徒刑",
            "10_YEARS_OR_MORE", "十年以上有期徒刑、无期徒刑或者死刑"};

    /** CL 17 ¶2–¶3: the results on which the responsibility of a person under sixteen turns (InjuryOutcome). */
    private static final String[] INJURY_OUTCOMES = {
            "DEATH", "致人死亡",
            "SEVERE_DISABILITY_BY_CRUEL_MEANS", "以特别残忍手段致人重伤造成严重残疾",
            "SERIOUS_INJURY", "致人重伤",
            "NO_SERIOUS_INJURY", "未致人重伤或者死亡"};

    private final Map<String, ReviewForm> forms = new LinkedHashMap<>();

    public ReviewForms() {
        add(new ReviewForm("arrest", "arrest", "/api/v1/assessments/arrest", "逮捕条件与社会危险性专项评查",
                List.of(text("caseId", "案件编号", true), text("subjectId", "犯罪嫌疑人编号", true),
                        choice("stage", "诉讼阶段", false, "ON_ARRIVAL", "到案后选择强制措施", "ARREST_REQUEST", "提请逮捕",
                                "ARREST_REVIEW", "审查逮捕", "DETENTION_REVIEW", "捕后羁押必要性审查", "PRE_TRIAL", "诉后判决前"),
                        code("crimeType", "罪名", "crimeTypes", true),
                        bool("evidenceOfCrime", "有证据证明有犯罪事实", true),
                        choice("expectedSentence", "可能判处的刑罚", true, SENTENCES),
                        bool("priorIntentionalCrime", "曾经故意犯罪", false),
                        bool("identityUnknown", "身份不明", false),
                        integer("age", "行为时年龄", true),
                        codes("dangerIndicators", "社会危险性指标", "dangerIndicators"),
                        codes("mitigations", "从宽情节", "mitigations"),
                        codes("specialCircumstances", "特殊情形", "specialCircumstances"),
                        bool("violatedBailConditions", "违反取保候审、监视居住规定，情节严重", false),
                        choice("injuryOutcome", "故意杀人、故意伤害造成的后果", false, INJURY_OUTCOMES),
                        bool("sppApprovalForProsecution", "已经最高人民检察院核准追诉", false)),
                choice("recognised", "实际采取的强制措施", true, "ARREST", "逮捕", "RESIDENTIAL_SURVEILLANCE", "监视居住",
                        "BAIL", "取保候审", "NO_COERCIVE_MEASURE", "不采取强制措施").reviewOnly(),
                // agencies recognise a coercive measure, not a color: compare the measure the service recommends
                "recommendedMeasure",
                // CL 17 first: where a person does not answer for the crime, nothing else decided the answer
                List.of("ARR-17-1", "ARR-74-1", "ARR-81-", "ARR-IND-0", "ARR-COLOR-")));

        add(new ReviewForm("meritorious-service", "meritorious-service", "/api/v1/assessments/meritorious-service",
                "立功认定专项评查",
                List.of(text("caseId", "案件编号", true), text("subjectId", "犯罪嫌疑人、被告人编号", true),
                        text("crimeType", "本案罪名（统计用）", false).reviewOnly(),
                        code("claimType", "立功类型", "claimTypes", true),
                        code("leadSource", "线索来源", "leadSources", false),
                        bool("concernsOwnJointCrime", "揭发的是本人参与的共同犯罪", false),
                        code("assistanceKind", "协助抓捕方式", "assistanceKinds", false),
                        bool("alreadyKnownToAuthorities", "线索司法机关已掌握", false),
                        choice("verification", "查证情况", false, "VERIFIED", "查证属实", "NOT_VERIFIED", "查证不实", "PENDING", "待查"),
                        bool("practicalEffect", "起到实际作用", false),
                        choice("otherPersonLikelySentence", "被揭发人、被抓捕人可能判处的刑罚", false,
                                "BELOW_LIFE", "无期徒刑以下", "LIFE_OR_DEATH", "无期徒刑以上"),
                        bool("majorInfluence", "在本省或者全国有较大影响", false),
                        codes("evidenceItems", "已具备的证据材料", "evidenceItems")),
                choice("recognised", "实际认定结论", true, "MAJOR_MERITORIOUS_SERVICE", "重大立功", "MERITORIOUS_SERVICE", "立功",
                        "NOT_MERITORIOUS", "不构成立功", "INSUFFICIENT_EVIDENCE", "证据不足").reviewOnly(),
                null,
                List.of("MS-EXCL-", "MS-VER-", "MS-EFF-", "MS-EVID-", "MS-MAJOR-", "MS-QUAL-")));

        add(new ReviewForm("bail-deposit", "bail", "/api/v1/assessments/bail-deposit", "取保候审保证方式专项评查",
                List.of(text("caseId", "案件编号", true), text("subjectId", "犯罪嫌疑人编号", true),
                        code("crimeType", "罪名", "crimeTypes", true),
                        choice("expectedSentence", "可能判处的刑罚", true, SENTENCES),
                        integer("age", "行为时年龄", true),
                        code("dangerColor", "社会危险性等级（三色码）", "dangerColors", true),
                        code("economicStatus", "经济状况", "economicStatuses", true),
                        decimal("amountInvolved", "涉案金额（元）", false),
                        bool("guarantorAvailable", "能够提出保证人", false),
                        code("requestedGuaranteeMethod", "申请的保证方式", "guaranteeMethods", false),
                        integer("ageAtDecision", "决定取保候审时的年龄", false),
                        choice("injuryOutcome", "故意杀人、故意伤害造成的后果", false, INJURY_OUTCOMES),
                        bool("sppApprovalForProsecution", "已经最高人民检察院核准追诉", false)),
                choice("recognised", "实际决定", true, "GUARANTOR", "保证人保证", "DEPOSIT", "保证金保证",
                        "RESIDENTIAL_SURVEILLANCE", "监视居住", "ARREST", "逮捕（不予取保候审）",
                        "NO_COERCIVE_MEASURE", "不采取强制措施").reviewOnly(),
                null,
                List.of("BAIL-17-1", "BAIL-RED-1", "BAIL-74-2", "BAIL-GUAR-", "BAIL-DEP-")));

        add(new ReviewForm("compensation-deposit", "bail", "/api/v1/assessments/compensation-deposit", "赔偿保证金专项评查",
                List.of(text("caseId", "案件编号", true), text("subjectId", "犯罪嫌疑人编号", true),
                        code("crimeType", "罪名", "crimeTypes", true),
                        choice("expectedSentence", "可能判处的刑罚", true, SENTENCES),
                        decimal("assessedLoss", "经评估的被害人损失（元）", true),
                        bool("victimReachable", "能够联系到被害人", false),
                        bool("victimDemandsExcessive", "被害人要求明显超出法律支持范围", false),
                        bool("subjectWilling", "犯罪嫌疑人愿意交纳", false)),
                choice("recognised", "实际是否适用赔偿保证金", true, "ELIGIBLE", "适用", "NOT_ELIGIBLE", "不适用").reviewOnly(),
                null,
                List.of("COMP-EXCL-", "COMP-ELIG-")));
    }

    private void add(ReviewForm form) {
        forms.put(form.name(), form);
    }

    public ReviewForm get(String name) {
        ReviewForm form = name == null ? null : forms.get(name);
        if (form == null) {
            throw new NotFoundProblem("没有名为 " + name + " 的评查表单；可用: " + forms.keySet()
                    + " (no review form " + name + "; the bail family has two: bail-deposit, compensation-deposit)");
        }
        return form;
    }

    public List<ReviewForm> all() {
        return List.copyOf(forms.values());
    }
}
