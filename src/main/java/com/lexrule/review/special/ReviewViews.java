package com.lexrule.review.special;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.lexrule.policy.PolicyRef;

/** The JSON shapes of a special review, as the API answers them. */
public final class ReviewViews {
    private ReviewViews() {
    }

    @Schema(description = "评查进度：已处理行数 / 总行数")
    public record Progress(int done, int total, BigDecimal percent) {
    }

    @Schema(description = "上传的文件（或 JSON 请求体）：格式、文件名、sha256、字节数")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String format, String name, String sha256, long bytes) {
    }

    @Schema(name = "SpecialReview", description = "专项评查：提交人、时间、所依据的政策版本、上传文件，进度与结果汇总")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Review(String id, String form, String family, String title, PolicyRef policy,
                         @Schema(enumeration = {"QUEUED", "RUNNING", "DONE", "FAILED"}) String status, Progress progress,
                         String submittedBy, Instant submittedAt, Instant startedAt, Instant finishedAt, Source source,
                         ReviewSummary summary,
                         @Schema(description = "无法使用的行：行号、列、单元格与原因；其余行照常评查") List<RowError> rowErrors,
                         String failure) {
    }

    @Schema(name = "SpecialReviewCase", description = "一个案件的重新评估：与实际认定是否一致、系统结论、决定性规则与完整评估结论")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Case(int row, String caseId, String subjectId, String crimeType,
                       @Schema(enumeration = {"AGREE", "DISAGREE", "INVALID", "FAILED"}) String outcome,
                       String recognised, String recognisedLabel, String service, String serviceLabel,
                       @Schema(description = "决定系统结论的规则（不一致时即造成差异的规则）") JsonNode decidingFinding,
                       @Schema(description = "系统的完整评估结论（与评估接口的答复相同，不含 decisionId：重新评估不是决定）") JsonNode answer,
                       List<RowError> errors) {
    }

    @Schema(description = "一页案件")
    public record CasePage(String reviewId, int offset, int limit, long total, List<Case> cases) {
    }

    @Schema(description = "完整评查报告：评查信息、汇总与逐案结果")
    public record Report(Review review, List<Case> cases) {
    }
}
