package com.lexrule.review.special;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

import org.apache.poi.ss.util.CellReference;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.FamilyEvaluator;
import com.lexrule.policy.UnknownCodeException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Re-assesses the cases of queued reviews off the request path, batch by batch on Quarkus's worker pool: at most
 * {@code lexrule.review.threads} batches at once (default 1 of the 2 cores), so live assessments keep the rest of the
 * machine. A review is resolved once (its compiled policy, whose knowledge base and shared stateless session every row
 * reuses); each batch is evaluated, then stored with the review's progress in one transaction, and the next batch is
 * scheduled after a pause, so that no thread is held through it. A review interrupted by a restart goes on from the
 * first row not yet stored. The rows are written as the entity {@link SpecialReviewCase} maps them (Panache), the one
 * way the service writes outside the audit's hot path.
 */
@ApplicationScoped
@Startup
public class ReviewWorker {

    private static final Logger LOG = Logger.getLogger(ReviewWorker.class);

    /** What the worker needs of one queued review; built by {@link SpecialReviewService}. */
    record Job(String reviewId, ReviewForm form, CompiledPolicy policy, FamilyEvaluator evaluator, List<ParsedCase> cases) {
    }

    /** One row ready to store. */
    record Stored(ParsedCase parsed, SpecialReviewCase.Outcome outcome, String service, String rule, String answerJson,
                  List<RowError> errors) {
    }

    /** The columns of a stored case the summary counts: the entity's own field names, for Panache's projection. */
    public record Counted(SpecialReviewCase.Outcome outcome, String recognised, String serviceValue, String decidingRule,
                          String crimeType) {
    }

    private final ObjectMapper json;
    private final ReviewLimits limits;
    private final Clock clock;
    private final ManagedExecutor executor;
    private volatile boolean stopped;
    /** Review id → rows of it not yet stored by this replica: the progress gauges. */
    private final Map<String, AtomicInteger> pendingRows = new ConcurrentHashMap<>();
    private final Counter rowsStored;

    public ReviewWorker(ObjectMapper json, ReviewLimits limits, Clock clock, MeterRegistry meters) {
        this.json = json;
        this.limits = limits;
        this.clock = clock;
        Gauge.builder("lexrule.review.running", pendingRows, Map::size)
                .description("Special reviews being re-assessed by this replica").register(meters);
        Gauge.builder("lexrule.review.rows.pending", pendingRows, rows -> rows.values().stream().mapToInt(AtomicInteger::get).sum())
                .description("Rows of running special reviews not yet re-assessed and stored").register(meters);
        this.rowsStored = Counter.builder("lexrule.review.rows.stored")
                .description("Rows of special reviews re-assessed and stored (each batch with the review's progress)").register(meters);
        // No request, security or transaction context of the submitting call is carried into a batch.
        this.executor = ManagedExecutor.builder().maxAsync(Math.max(1, limits.threads())).maxQueued(-1)
                .propagated(ThreadContext.NONE).cleared(ThreadContext.ALL_REMAINING).build();
    }

    @PreDestroy
    void stop() {
        stopped = true;
        executor.shutdownNow();
    }

    void enqueue(Job job) {
        pendingRows.put(job.reviewId(), new AtomicInteger(job.cases().size()));
        submit(job, () -> {
            QuarkusTransaction.requiringNew().run(() -> SpecialReview.update(
                    "status = ?1, startedAt = coalesce(startedAt, ?2) where id = ?3", SpecialReview.Status.RUNNING, now(), job.reviewId()));
            batch(job, 0);
        });
    }

    /** Runs a step of a review on the executor; a step that fails marks the review FAILED. */
    private void submit(Job job, Runnable step) {
        if (stopped) return; // shutting down: the review resumes at the next start
        try {
            executor.execute(() -> {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    failed(job, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debugf("special review %s: not scheduled while stopping; it resumes at the next start", job.reviewId());
        }
    }

    /**
     * One batch, stored in one transaction with the progress. Then the cores are left to live assessments for a
     * while (a duty cycle, since Linux does not honour thread priorities for an unprivileged JVM): the next batch is
     * scheduled {@code pause-ratio} times this batch's own time later. With the default ratio 1 the review works half
     * the time; 10,000 rows still take well under a minute on two busy cores (docs/special-review.md).
     */
    private void batch(Job job, int from) {
        if (stopped) return;
        long started = System.nanoTime();
        List<ParsedCase> cases = job.cases();
        int to = Math.min(cases.size(), from + Math.max(1, limits.batchSize()));
        List<Stored> rows = new ArrayList<>();
        for (ParsedCase parsed : cases.subList(from, to)) {
            rows.add(assess(job, parsed));
        }
        QuarkusTransaction.requiringNew().run(() -> store(job.reviewId(), rows));
        rowsStored.increment(rows.size());
        AtomicInteger pending = pendingRows.get(job.reviewId());
        if (pending != null) pending.addAndGet(-rows.size());
        if (to >= cases.size()) {
            finish(job);
            return;
        }
        long pauseMillis = Math.min(2_000, (long) ((System.nanoTime() - started) / 1e6 * limits.pauseRatio()));
        if (pauseMillis <= 0) {
            submit(job, () -> batch(job, to));
        } else {
            Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(pauseMillis))
                    .subscribe().with(ignored -> submit(job, () -> batch(job, to)));
        }
    }

    private void failed(Job job, RuntimeException e) {
        pendingRows.remove(job.reviewId());
        if (stopped || Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
            return; // shutting down: the review resumes at the next start
        }
        LOG.errorf(e, "special review %s failed", job.reviewId());
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        QuarkusTransaction.requiringNew().run(() -> SpecialReview.update("status = ?1, finishedAt = ?2, failure = ?3 where id = ?4",
                SpecialReview.Status.FAILED, now(), message.length() > 2000 ? message.substring(0, 2000) : message, job.reviewId()));
    }

    /** One row: the evaluator's answer compared with the recognised value; a row it refuses is reported, not lost. */
    Stored assess(Job job, ParsedCase parsed) {
        if (!parsed.valid()) {
            return new Stored(parsed, SpecialReviewCase.Outcome.INVALID, null, null, null, parsed.errors());
        }
        try {
            FamilyEvaluator.Evaluation evaluation = job.evaluator().evaluate(job.policy(), parsed.request());
            JsonNode answer = evaluation.answer();
            if (answer instanceof ObjectNode object) {
                object.remove("decisionId"); // a re-assessment is not a decision: it has no id in the audit trail
            }
            String service = job.form().serviceValue(evaluation);
            String rule = job.form().decidingFinding(answer).map(f -> f.path("ruleId").asText(null)).orElse(null);
            SpecialReviewCase.Outcome outcome = Objects.equals(service, parsed.recognised())
                    ? SpecialReviewCase.Outcome.AGREE : SpecialReviewCase.Outcome.DISAGREE;
            return new Stored(parsed, outcome, service, rule, json.writeValueAsString(answer), List.of());
        } catch (ConstraintViolationException e) {
            List<RowError> errors = new ArrayList<>();
            for (ConstraintViolation<?> v : e.getConstraintViolations()) {
                errors.add(error(job.form(), parsed, field(v.getPropertyPath()), v.getInvalidValue(), v.getMessage()));
            }
            return new Stored(parsed, SpecialReviewCase.Outcome.INVALID, null, null, null, errors);
        } catch (UnknownCodeException e) {
            List<RowError> errors = e.unknownCodes().stream().map(u -> error(job.form(), parsed,
                    u.field().replaceAll("\\[\\d+]$", ""), u.value(), "未知代码 (unknown code)；可用代码: " + u.knownCodes())).toList();
            return new Stored(parsed, SpecialReviewCase.Outcome.INVALID, null, null, null, errors);
        } catch (IllegalArgumentException e) {
            return new Stored(parsed, SpecialReviewCase.Outcome.INVALID, null, null, null,
                    List.of(new RowError(parsed.row(), null, null, null, null, e.getMessage())));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf(e, "special review %s: row %d could not be evaluated", job.reviewId(), parsed.row());
            return new Stored(parsed, SpecialReviewCase.Outcome.FAILED, null, null, null,
                    List.of(new RowError(parsed.row(), null, null, null, null, "评估失败 (evaluation failed): " + e.getMessage())));
        }
    }

    private static RowError error(ReviewForm form, ParsedCase parsed, String field, Object value, String reason) {
        Integer column = parsed.columnIndex().get(field);
        String cell = column == null ? null : new CellReference(parsed.row() - 1, column).formatAsString();
        String text = value == null ? null : CaseParser.abbreviate(String.valueOf(value));
        return new RowError(parsed.row(), field, form.column(field).map(ReviewColumn::label).orElse(null), cell, text, reason);
    }

    /** The request field a violation names: "age", "dangerIndicators[1].<list element>" → "dangerIndicators". */
    private static String field(Path path) {
        for (Path.Node node : path) {
            if (node.getName() != null && node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                return node.getName();
            }
        }
        return null;
    }

    /** Stores one batch and advances the progress, in the caller's transaction. */
    void store(String reviewId, List<Stored> rows) {
        Instant now = now();
        List<SpecialReviewCase> cases = new ArrayList<>();
        int invalid = 0;
        for (Stored row : rows) {
            ParsedCase p = row.parsed();
            SpecialReviewCase stored = new SpecialReviewCase();
            stored.reviewId = reviewId;
            stored.sheetRow = p.row();
            stored.caseId = cut(p.caseId(), 128);
            stored.subjectId = cut(p.subjectId(), 128);
            stored.crimeType = cut(p.crimeType(), 64);
            stored.outcome = row.outcome();
            stored.recognised = cut(p.recognised(), 64);
            stored.serviceValue = cut(row.service(), 64);
            stored.decidingRule = cut(row.rule(), 64);
            stored.requestJson = cut(p.request() == null ? null : p.request().toString(), 100000);
            stored.answerJson = row.answerJson();
            stored.errorsJson = row.errors().isEmpty() ? null : errorsJson(row.errors());
            stored.assessedAt = now;
            cases.add(stored);
            if (row.outcome() == SpecialReviewCase.Outcome.INVALID || row.outcome() == SpecialReviewCase.Outcome.FAILED) {
                invalid++;
            }
        }
        SpecialReviewCase.persist(cases);
        SpecialReview.update("rowsDone = rowsDone + ?1, invalidRows = invalidRows + ?2 where id = ?3", rows.size(), invalid, reviewId);
    }

    private void finish(Job job) {
        pendingRows.remove(job.reviewId());
        List<ReviewSummary.Line> lines = QuarkusTransaction.requiringNew().call(() -> SpecialReviewCase
                .find("reviewId", job.reviewId()).project(Counted.class).list().stream()
                .map(c -> new ReviewSummary.Line(c.outcome(), c.recognised(), c.serviceValue(), c.decidingRule(), c.crimeType()))
                .toList());
        String summary;
        try {
            summary = json.writeValueAsString(ReviewSummary.of(job.form(), lines));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        QuarkusTransaction.requiringNew().run(() -> SpecialReview.update("status = ?1, finishedAt = ?2, summaryJson = ?3 where id = ?4",
                SpecialReview.Status.DONE, now(), summary, job.reviewId()));
        LOG.infof("special review %s done: %d rows under %s v%d", job.reviewId(), lines.size(), job.policy().family(),
                job.policy().version().version());
    }

    /** Rows already stored for a review, so a resumed review skips them. */
    Set<Integer> storedRows(String reviewId) {
        return QuarkusTransaction.requiringNew().call(() -> new HashSet<>(SpecialReviewCase
                .find("select sheetRow from SpecialReviewCase where reviewId = ?1", reviewId).project(Integer.class).list()));
    }

    private String errorsJson(List<RowError> errors) {
        try {
            return json.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
