package com.lexrule.review;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.lexrule.boundary.PlainText;

/** How an objection was decided, and the re-assessment it led to, if any. */
@Schema(description = "异议处理结果")
public record ObjectionOutcomeRequest(
        @NotNull Outcome outcome,
        @Size(max = 2000) @PlainText(multiline = true) @Schema(description = "处理理由") String reason,
        @Size(max = 36) @PlainText @Schema(description = "依异议重新评估的决定编号（评估时带 objectionId）") String reassessmentId) {

    /** 成立 · 部分成立 · 不成立. */
    public enum Outcome { UPHELD, PARTIALLY_UPHELD, DISMISSED }
}
