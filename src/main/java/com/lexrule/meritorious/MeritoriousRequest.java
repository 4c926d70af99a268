package com.lexrule.meritorious;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.lexrule.openapi.ContractFilter;
import com.lexrule.boundary.PlainText;

/**
 * The facts of a claimed meritorious service (DOMAIN §2). Codes of claim types, lead sources, assistance kinds and
 * evidence items are checked against the catalog of the policy that decides the case, not here. Yes/no facts
 * that are absent are taken as not established; an absent verification as still pending. Both are reported in
 * {@code missingFacts} where they could change the answer.
 */
@AssistanceKindForCapture
@Schema(name = "MeritoriousRequest", description = "立功认定的案件事实与证据材料")
public record MeritoriousRequest(
        @NotBlank @Size(max = 128) @PlainText @Schema(description = "案件编号", example = "330702-2026-0519") String caseId,
        @NotBlank @Size(max = 128) @PlainText @Schema(description = "犯罪嫌疑人、被告人假名化编号", example = "S-51c0de") String subjectId,
        @NotBlank @Size(max = 64) @PlainText @Pattern(regexp = "[A-Z0-9_]+", message = "must be an upper-case catalog code")
        @Schema(description = "立功类型代码（见政策代码目录 claimTypes）",
                extensions = @Extension(name = ContractFilter.CATALOG, value = MeritoriousFamily.NAME + ":" + MeritoriousFamily.CLAIM_TYPES), example = "PROVIDED_LEAD") String claimType,
        @Size(max = 64) @PlainText @Pattern(regexp = "[A-Z0-9_]+", message = "must be an upper-case catalog code")
        @Schema(description = "线索来源代码（见 leadSources）",
                extensions = @Extension(name = ContractFilter.CATALOG, value = MeritoriousFamily.NAME + ":" + MeritoriousFamily.LEAD_SOURCES), example = "OWN_KNOWLEDGE") String leadSource,
        @Schema(description = "所揭发的是本人参与的共同犯罪事实（属如实供述）") Boolean concernsOwnJointCrime,
        @Size(max = 64) @PlainText @Pattern(regexp = "[A-Z0-9_]+", message = "must be an upper-case catalog code")
        @Schema(description = "协助抓捕方式代码（见 assistanceKinds），协助抓捕时必填",
                extensions = @Extension(name = ContractFilter.CATALOG, value = MeritoriousFamily.NAME + ":" + MeritoriousFamily.ASSISTANCE_KINDS), example = "LED_CAPTURE") String assistanceKind,
        @Schema(description = "该线索司法机关已经掌握") Boolean alreadyKnownToAuthorities,
        @Schema(description = "查证情况：查证属实 · 查证不实 · 待查（未填按待查处理）") Verification verification,
        @Schema(description = "线索或者协助行为对侦破案件、抓捕犯罪嫌疑人起到实际作用") Boolean practicalEffect,
        @Schema(description = "被揭发人、被抓捕人可能判处的刑罚") OtherPersonSentence otherPersonLikelySentence,
        @Schema(description = "被揭发的案件在本省、自治区、直辖市或者全国范围内有较大影响") Boolean majorInfluence,
        @Size(max = 40) @Schema(description = "已具备的证据材料代码（见 evidenceItems）",
                extensions = @Extension(name = ContractFilter.CATALOG, value = MeritoriousFamily.NAME + ":" + MeritoriousFamily.EVIDENCE_ITEMS))
        List<@NotBlank @Size(max = 64) @PlainText String> evidenceItems) {

    public MeritoriousRequest {
        evidenceItems = evidenceItems == null ? List.of() : evidenceItems;
    }
}
