package com.lexrule.review;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.lexrule.boundary.PlainText;

/** The officer's final decision on an assessment. */
@Schema(description = "承办人员最终决定")
public record OfficerDecisionRequest(
        @NotBlank @PlainText @Pattern(regexp = "[A-Z0-9_]{1,64}", message = "must be a measure or determination code")
        @Schema(description = "采取的措施或认定（与系统建议同一代码体系）", example = "BAIL") String taken,
        @NotBlank @Size(max = 128) @PlainText @Schema(description = "承办人（工号或假名化编号）", example = "P-0231") String officer,
        @Size(max = 2000) @PlainText(multiline = true) @Schema(description = "理由；偏离系统建议时必填") String reason) {
}
