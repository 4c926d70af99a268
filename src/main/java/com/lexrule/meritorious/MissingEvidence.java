package com.lexrule.meritorious;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An evidence item to obtain before the claim can be credited: what it is, what it must show, who issues it. */
@Schema(name = "MissingEvidence", description = "需补充的证据材料")
public record MissingEvidence(
        @Schema(description = "证据材料代码（见 evidenceItems）", example = "CAPTURE_RECORD") String code,
        @Schema(description = "证据材料名称", example = "抓获经过") String label,
        @Schema(description = "该材料须载明的内容") String mustShow,
        @Schema(description = "出具机关") String issuer) {
}
