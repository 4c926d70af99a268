package com.lexrule.review;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.lexrule.boundary.PlainText;

/** An objection (异议) to an assessment, as received. */
@Schema(description = "对评估结论提出的异议")
public record ObjectionRequest(
        @NotBlank @Size(max = 128) @PlainText @Schema(description = "异议人（假名化编号或称谓）", example = "辩护人 L-17") String objector,
        @NotNull @Schema(description = "异议人身份") ObjectorRole objectorRole,
        @NotBlank @Size(max = 4000) @PlainText(multiline = true) @Schema(description = "异议理由") String grounds) {

    /** Who may object to an assessment. */
    public enum ObjectorRole { SUBJECT, COUNSEL, VICTIM, OTHER }
}
