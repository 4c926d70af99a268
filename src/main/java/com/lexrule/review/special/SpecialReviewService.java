package com.lexrule.review.special;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.apache.commons.codec.digest.DigestUtils;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.FamilyEvaluator;
import com.lexrule.policy.PolicyRef;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.policy.lifecycle.Evaluators;
import com.lexrule.problem.NotFoundProblem;
import com.lexrule.problem.ProblemException;
import com.lexrule.upload.SpreadsheetUpload;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Special reviews (专项评查): a batch of decided cases, re-assessed under one policy version and compared with what
 * the agency recognised. The upload is read and checked at once (limits, headings, every cell), stored with its
 * sha256 under the review, and the cases are queued for {@link ReviewWorker}; the caller gets the review id and
 * polls. Nothing here touches the live decision records.
 */
@ApplicationScoped
public class SpecialReviewService {

    private static final Logger LOG = Logger.getLogger(SpecialReviewService.class);

    public enum Format { XLSX, CSV, JSON }

    private final ReviewForms forms;
    private final PolicyRegistry registry;
    private final Evaluators evaluators;
    private final ReviewWorker worker;
    private final ReviewLimits limits;
    private final ObjectMapper json;
    private final Clock clock;

    public SpecialReviewService(ReviewForms forms, PolicyRegistry registry, Evaluators evaluators, ReviewWorker worker,
                                ReviewLimits limits, ObjectMapper json, Clock clock) {
        this.forms = forms;
        this.registry = registry;
        this.evaluators = evaluators;
        this.worker = worker;
        this.limits = limits;
        this.json = json;
        this.clock = clock;
    }

    /** A file upload: the form and pin come as form fields. */
    public ReviewViews.Review submitFile(String formName, Integer pinned, String fileName, byte[] content, String actor) {
        checkSize(content.length);
        Format format = formatOf(fileName, content);
        return submit(form(formName), pinned, format, fileName, content, actor);
    }

    /** A JSON submission: {"family": ..., "policyVersion": ..., "cases": [{facts..., "recognised": ...}]}. */
    public ReviewViews.Review submitJson(byte[] body, Integer pinnedByQuery, String actor) {
        checkSize(body.length);
        JsonNode root = readJson(body);
        JsonNode version = root.path("policyVersion");
        Integer pinned = pinnedByQuery;
        if (version.isInt()) {
            pinned = version.intValue();
        } else if (!version.isMissingNode() && !version.isNull()) {
            throw new ProblemException(400, "invalid-request", "请求字段无效 (invalid request fields)",
                    "policyVersion 须为整数 (policyVersion must be an integer)");
        }
        if (!root.path("cases").isArray()) {
            throw new ProblemException(400, "invalid-request", "请求字段无效 (invalid request fields)",
                    "cases 须为案件数组 (cases must be an array of cases)");
        }
        return submit(form(root.path("family").asText(null)), pinned, Format.JSON, null, body, actor);
    }

    private ReviewViews.Review submit(ReviewForm named, Integer pinned, Format format, String fileName, byte[] content, String actor) {
        CompiledPolicy policy = registry.resolve(named.family(), pinned);
        ReviewForm form = forms.get(named.name(), policy);
        FamilyEvaluator evaluator = evaluator(form);
        List<ParsedCase> cases = read(form, policy, format, content);
        if (cases.isEmpty()) {
            throw new ProblemException(422, "review-empty", "没有案件 (no cases)",
                    "上传内容中没有案件行 (the upload holds no case rows below the headings)");
        }
        SpecialReview review = new SpecialReview();
        review.id = UUID.randomUUID().toString();
        review.form = form.name();
        review.family = form.family();
        review.policyVersion = policy.version().version();
        review.policySha256 = policy.version().sha256();
        review.status = SpecialReview.Status.QUEUED;
        review.submittedBy = actor;
        review.submittedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        review.sourceFormat = format.name();
        review.sourceName = fileName == null ? null : simpleName(fileName);
        review.sourceSha256 = DigestUtils.sha256Hex(content);
        review.sourceBytes = content.length;
        review.sourceContent = content;
        review.totalRows = cases.size();
        review.rowsDone = 0;
        review.invalidRows = 0;
        QuarkusTransaction.requiringNew().run(() -> review.persist());
        worker.enqueue(new ReviewWorker.Job(review.id, form, policy, evaluator, cases));
        LOG.infof("special review %s queued: %s, %d rows, %s v%d, by %s", review.id, form.name(), cases.size(),
                policy.family(), policy.version().version(), actor);
        return view(review, false);
    }

    /** Reads and checks the upload: too many rows and missing columns refuse it; a bad cell only marks its row. */
    List<ParsedCase> read(ReviewForm form, CompiledPolicy policy, Format format, byte[] content) {
        CaseParser parser = new CaseParser(form, policy.catalog());
        List<ParsedCase> cases = parse(parser, format, content);
        // the readers stop at the first row past the limit and the headings; this counts the cases themselves
        if (cases.size() > limits.maxRows()) {
            throw tooManyRows();
        }
        return cases;
    }

    private List<ParsedCase> parse(CaseParser parser, Format format, byte[] content) {
        try {
            return switch (format) {
                case XLSX -> parser.parse(XlsxCaseReader.read(content, limits.maxRows() + 2, SpreadsheetUpload.Limits.of(limits.maxFileBytes())));
                case CSV -> parser.parse(CsvCaseReader.read(content, limits.maxRows() + 2));
                case JSON -> {
                    JsonNode cases = readJson(content).path("cases");
                    if (cases.size() > limits.maxRows()) {
                        throw new XlsxCaseReader.TooManyRows();
                    }
                    List<ParsedCase> parsed = new ArrayList<>();
                    for (int i = 0; i < cases.size(); i++) {
                        parsed.add(parser.parse(i + 1, cases.get(i)));
                    }
                    yield parsed;
                }
            };
        } catch (XlsxCaseReader.TooManyRows e) {
            throw tooManyRows();
        } catch (SpreadsheetUpload.Refused e) {
            if (e.reason() == SpreadsheetUpload.Reason.MACRO_ENABLED) {
                throw new ProblemException(415, "macro-enabled-workbook", "不接受含宏的工作簿 (macro-enabled workbook refused)",
                        e.getMessage(), List.of(), null);
            }
            throw new ProblemException(422, "unreadable-upload", "无法读取上传的文件 (unreadable upload)", e.getMessage(), List.of(), null);
        } catch (CsvCaseReader.MalformedCsv e) {
            throw new ProblemException(422, "unreadable-upload", "无法读取上传的文件 (unreadable upload)",
                    (e.record > 0 ? "第 " + e.record + " 行: " : "") + e.getMessage(), List.of(), null);
        } catch (IOException e) {
            throw new ProblemException(422, "unreadable-upload", "无法读取上传的文件 (unreadable upload)",
                    "不是可读取的 .xlsx 工作簿（.xls 请另存为 .xlsx；压缩比异常的文件按防 zip 炸弹规则拒绝） (not a readable .xlsx workbook): "
                            + e.getMessage(), List.of(), null);
        }
    }

    /** A check after parsing too: rows counted here exclude the headings and blank rows. */
    private ProblemException tooManyRows() {
        return new ProblemException(413, "review-too-many-rows", "案件行数超出上限 (too many rows)",
                "一次评查最多 " + limits.maxRows() + " 个案件 (at most " + limits.maxRows() + " cases per review, lexrule.review.max-rows); "
                        + "读取在超出上限的第一行处停止；请拆分后分批提交",
                List.of(), Map.of("maxRows", limits.maxRows()));
    }

    void checkSize(long bytes) {
        if (bytes > limits.maxFileBytes()) {
            throw new ProblemException(413, "review-upload-too-large", "上传内容过大 (upload too large)",
                    "评查文件或 JSON 请求体不得超过 " + limits.maxFileBytes() + " 字节 (at most " + limits.maxFileBytes() + " bytes)",
                    List.of(), Map.of("maxBytes", limits.maxFileBytes()));
        }
        if (bytes == 0) {
            throw new ProblemException(400, "invalid-request", "请求字段无效 (invalid request fields)",
                    "请上传评查文件（multipart 字段 file）或 JSON 案件列表 (upload a file as part 'file', or send JSON)");
        }
    }

    private Format formatOf(String fileName, byte[] content) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        boolean zip = content.length > 3 && content[0] == 'P' && content[1] == 'K';
        if (name.endsWith(".xlsx") || (zip && !name.endsWith(".csv"))) {
            return Format.XLSX;
        }
        if (name.endsWith(".csv") || name.endsWith(".txt")) {
            return Format.CSV;
        }
        throw new ProblemException(415, "unsupported-upload", "不支持的文件类型 (unsupported file type)",
                "只接受 .xlsx 工作簿或 UTF-8 编码的 .csv 文件 (only .xlsx or UTF-8 .csv): " + fileName);
    }

    ReviewForm form(String name) {
        if (name == null || name.isBlank()) {
            throw new ProblemException(400, "invalid-request", "请求字段无效 (invalid request fields)",
                    "family: 须指定评查的政策族或表单 " + forms.names() + " (family is required)");
        }
        try {
            return forms.get(name);
        } catch (NotFoundProblem e) {
            throw new ProblemException(422, "unknown-review-form", "未知的评查表单 (unknown review form)", e.getMessage());
        }
    }

    private FamilyEvaluator evaluator(ReviewForm form) {
        return evaluators.forEndpoint(form.family(), form.endpoint()).orElseThrow(() -> new ProblemException(422,
                "no-evaluator", "该政策族尚无评估器 (no evaluator for this family)",
                "政策族 " + form.family() + " 的 " + form.endpoint() + " 没有评估定义 (FamilyDefinition)，无法评查"));
    }

    private JsonNode readJson(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                throw new ProblemException(400, "invalid-request", "请求字段无效 (invalid request fields)",
                        "请求体须为 JSON 对象 {family, policyVersion, cases} (the body must be a JSON object)");
            }
            return root;
        } catch (IOException e) {
            throw new ProblemException(400, "malformed-json", "请求体不是有效的 JSON (malformed JSON)", e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------ restart

    /** Reviews a stopped replica left queued or running go on from the first row not yet stored (after the policies load). */
    void resume(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        List<SpecialReview> unfinished = QuarkusTransaction.requiringNew().call(() -> SpecialReview
                .<SpecialReview>list("status in ?1", List.of(SpecialReview.Status.QUEUED, SpecialReview.Status.RUNNING)));
        for (SpecialReview review : unfinished) {
            try {
                CompiledPolicy policy = registry.resolve(review.family, review.policyVersion);
                ReviewForm form = forms.get(review.form, policy);
                byte[] content = QuarkusTransaction.requiringNew().call(() -> SpecialReview.<SpecialReview>findById(review.id).sourceContent);
                Set<Integer> stored = worker.storedRows(review.id);
                List<ParsedCase> pending = read(form, policy, Format.valueOf(review.sourceFormat), content).stream()
                        .filter(c -> !stored.contains(c.row())).toList();
                worker.enqueue(new ReviewWorker.Job(review.id, form, policy, evaluator(form), pending));
                LOG.infof("special review %s resumed: %d rows left", review.id, pending.size());
            } catch (RuntimeException e) {
                LOG.errorf(e, "special review %s could not be resumed", review.id);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ reading

    public List<ReviewViews.Review> list(int offset, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> SpecialReview.<SpecialReview>find("order by submittedAt desc")
                .range(offset, offset + limit - 1).list().stream().map(r -> view(r, false)).toList());
    }

    public ReviewViews.Review get(String id) {
        return QuarkusTransaction.requiringNew().call(() -> view(find(id), true));
    }

    public ReviewViews.CasePage cases(String id, SpecialReviewCase.Outcome outcome, int offset, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            SpecialReview review = find(id);
            ReviewForm form = forms.get(review.form);
            var query = outcome == null
                    ? SpecialReviewCase.<SpecialReviewCase>find("reviewId = ?1 order by sheetRow", id)
                    : SpecialReviewCase.<SpecialReviewCase>find("reviewId = ?1 and outcome = ?2 order by sheetRow", id, outcome);
            long total = query.count();
            List<ReviewViews.Case> cases = query.range(offset, offset + limit - 1).list().stream().map(c -> caseView(form, c)).toList();
            return new ReviewViews.CasePage(id, offset, limit, total, cases);
        });
    }

    /** Every case of a review, in row order, page by page (for the exports). */
    public void eachCase(String id, java.util.function.Consumer<ReviewViews.Case> consumer) {
        int page = 1000;
        for (int offset = 0; ; offset += page) {
            List<ReviewViews.Case> cases = cases(id, null, offset, page).cases();
            cases.forEach(consumer);
            if (cases.size() < page) {
                return;
            }
        }
    }

    public byte[] source(String id) {
        return QuarkusTransaction.requiringNew().call(() -> find(id).sourceContent);
    }

    ReviewForm formOf(ReviewViews.Review review) {
        return forms.get(review.form());
    }

    private SpecialReview find(String id) {
        SpecialReview review = id == null || id.length() > 36 ? null : SpecialReview.findById(id);
        if (review == null) {
            throw new NotFoundProblem("没有编号为 " + id + " 的专项评查 (no special review " + id + ")");
        }
        return review;
    }

    private ReviewViews.Review view(SpecialReview r, boolean withErrors) {
        ReviewForm form = forms.get(r.form);
        ReviewSummary summary = null;
        if (r.summaryJson != null) {
            try {
                summary = json.readValue(r.summaryJson, ReviewSummary.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("special review " + r.id + ": unreadable summary", e);
            }
        }
        List<RowError> errors = null;
        if (withErrors) {
            errors = new ArrayList<>();
            for (SpecialReviewCase c : SpecialReviewCase.<SpecialReviewCase>list("reviewId = ?1 and errorsJson is not null order by sheetRow", r.id)) {
                errors.addAll(errors(c.errorsJson));
            }
        }
        BigDecimal percent = r.totalRows == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(100L * r.rowsDone).divide(BigDecimal.valueOf(r.totalRows), 1, RoundingMode.DOWN);
        return new ReviewViews.Review(r.id, r.form, r.family, form.title(), new PolicyRef(r.family, r.policyVersion, r.policySha256),
                r.status.name(), new ReviewViews.Progress(r.rowsDone, r.totalRows, percent), r.submittedBy, r.submittedAt,
                r.startedAt, r.finishedAt, new ReviewViews.Source(r.sourceFormat, r.sourceName, r.sourceSha256, r.sourceBytes),
                summary, errors, r.failure);
    }

    private ReviewViews.Case caseView(ReviewForm form, SpecialReviewCase c) {
        JsonNode answer = null;
        JsonNode deciding = null;
        try {
            if (c.answerJson != null) {
                answer = json.readTree(c.answerJson);
                for (JsonNode finding : answer.path("findings")) {
                    if (finding.path("ruleId").asText("").equals(c.decidingRule)) {
                        deciding = finding;
                        break;
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("special review case " + c.id + ": unreadable answer", e);
        }
        return new ReviewViews.Case(c.sheetRow, c.caseId, c.subjectId, c.crimeType, c.outcome.name(), c.recognised,
                form.recognisedLabel(c.recognised), c.serviceValue, form.recognisedLabel(c.serviceValue), deciding, answer,
                c.errorsJson == null ? null : errors(c.errorsJson));
    }

    private List<RowError> errors(String errorsJson) {
        try {
            return json.readValue(errorsJson, new TypeReference<List<RowError>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable row errors", e);
        }
    }

    static String simpleName(String fileName) {
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        return name.length() > 512 ? name.substring(0, 512) : name;
    }

}
