package com.lexrule.review.special;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

import org.jboss.logging.Logger;

import org.apache.poi.ss.util.CellReference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.FamilyEvaluator;
import com.lexrule.policy.UnknownCodeException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Re-assesses the cases of queued reviews off the request path: a small fixed pool of low-priority threads
 * ({@code lexrule.review.threads}, default 1 of the 2 cores), so live assessments keep the rest of the machine. A
 * review is resolved once (its compiled policy, whose knowledge base and shared stateless session every row reuses)
 * and then evaluated in batches, each batch stored in one transaction with the review's progress; a review
 * interrupted by a restart goes on from the first row not yet stored.
 */
@ApplicationScoped
public class ReviewWorker {

    private static final Logger LOG = Logger.getLogger(ReviewWorker.class);

    static final String INSERT_CASE = """
            INSERT INTO special_review_case (review_id, sheet_row, case_id, subject_id, crime_type, outcome, recognised,
                service_value, deciding_rule, request_json, answer_json, errors_json, assessed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** What the worker needs of one queued review; built by {@link SpecialReviewService}. */
    record Job(String reviewId, ReviewForm form, CompiledPolicy policy, FamilyEvaluator evaluator, List<ParsedCase> cases) {
    }

    /** One row ready to store. */
    record Stored(ParsedCase parsed, SpecialReviewCase.Outcome outcome, String service, String rule, String answerJson,
                  List<RowError> errors) {
    }

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final ReviewLimits limits;
    private final Clock clock;
    private final ExecutorService pool;

    public ReviewWorker(DataSource dataSource, ObjectMapper json, ReviewLimits limits, Clock clock) {
        this.dataSource = dataSource;
        this.json = json;
        this.limits = limits;
        this.clock = clock;
        int threads = Math.max(1, limits.threads());
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "special-review-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    void enqueue(Job job) {
        pool.execute(() -> run(job));
    }

    private void run(Job job) {
        try {
            QuarkusTransaction.requiringNew().run(() -> update(
                    "UPDATE special_review SET status = 'RUNNING', started_at = COALESCE(started_at, ?) WHERE id = ?",
                    now(), job.reviewId()));
            int batch = Math.max(1, limits.batchSize());
            List<ParsedCase> cases = job.cases();
            for (int from = 0; from < cases.size(); from += batch) {
                if (Thread.currentThread().isInterrupted()) {
                    return; // shutting down: the review resumes at the next start
                }
                long started = System.nanoTime();
                List<Stored> rows = new ArrayList<>();
                for (ParsedCase parsed : cases.subList(from, Math.min(cases.size(), from + batch))) {
                    rows.add(assess(job, parsed));
                }
                QuarkusTransaction.requiringNew().run(() -> store(job.reviewId(), rows));
                if (!pause(System.nanoTime() - started)) {
                    return; // shutting down: the review resumes at the next start
                }
            }
            finish(job);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
                return;
            }
            LOG.errorf(e, "special review %s failed", job.reviewId());
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            QuarkusTransaction.requiringNew().run(() -> update(
                    "UPDATE special_review SET status = 'FAILED', finished_at = ?, failure = ? WHERE id = ?",
                    now(), message.length() > 2000 ? message.substring(0, 2000) : message, job.reviewId()));
        }
    }

    /**
     * Leaves the cores to live assessments for a while after each batch: a duty cycle, since thread priorities are
     * not honoured by Linux's scheduler for a JVM run without privileges. With the default ratio 1 the review works
     * half the time; 10,000 rows still take well under a minute on two busy cores (README-review.md).
     */
    private boolean pause(long batchNanos) {
        long millis = Math.min(2_000, (long) (batchNanos / 1e6 * limits.pauseRatio()));
        if (millis <= 0) {
            Thread.yield();
            return true;
        }
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
        Timestamped now = new Timestamped(now());
        int invalid = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT_CASE)) {
            for (Stored row : rows) {
                ParsedCase p = row.parsed();
                insert.setString(1, reviewId);
                insert.setInt(2, p.row());
                setText(insert, 3, p.caseId(), 128);
                setText(insert, 4, p.subjectId(), 128);
                setText(insert, 5, p.crimeType(), 64);
                insert.setString(6, row.outcome().name());
                setText(insert, 7, p.recognised(), 64);
                setText(insert, 8, row.service(), 64);
                setText(insert, 9, row.rule(), 64);
                setText(insert, 10, p.request() == null ? null : p.request().toString(), 100000);
                insert.setString(11, row.answerJson());
                insert.setString(12, row.errors().isEmpty() ? null : json.writeValueAsString(row.errors()));
                insert.setObject(13, now.value());
                insert.addBatch();
                if (row.outcome() == SpecialReviewCase.Outcome.INVALID || row.outcome() == SpecialReviewCase.Outcome.FAILED) {
                    invalid++;
                }
            }
            insert.executeBatch();
            try (PreparedStatement progress = c.prepareStatement(
                    "UPDATE special_review SET rows_done = rows_done + ?, invalid_rows = invalid_rows + ? WHERE id = ?")) {
                progress.setInt(1, rows.size());
                progress.setInt(2, invalid);
                progress.setString(3, reviewId);
                progress.executeUpdate();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("special review " + reviewId + ": batch not stored: " + e.getMessage(), e);
        }
    }

    private record Timestamped(OffsetDateTime value) {
    }

    private void finish(Job job) {
        List<ReviewSummary.Line> lines = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                    "SELECT outcome, recognised, service_value, deciding_rule, crime_type FROM special_review_case WHERE review_id = ?")) {
                q.setString(1, job.reviewId());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        lines.add(new ReviewSummary.Line(SpecialReviewCase.Outcome.valueOf(rs.getString(1)), rs.getString(2),
                                rs.getString(3), rs.getString(4), rs.getString(5)));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        String summary;
        try {
            summary = json.writeValueAsString(ReviewSummary.of(job.form(), lines));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        QuarkusTransaction.requiringNew().run(() -> update(
                "UPDATE special_review SET status = 'DONE', finished_at = ?, summary_json = ? WHERE id = ?",
                now(), summary, job.reviewId()));
        LOG.infof("special review %s done: %d rows under %s v%d", job.reviewId(), lines.size(), job.policy().family(),
                job.policy().version().version());
    }

    /** Rows already stored for a review, so a resumed review skips them. */
    java.util.Set<Integer> storedRows(String reviewId) {
        java.util.Set<Integer> rows = new java.util.HashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT sheet_row FROM special_review_case WHERE review_id = ?")) {
            q.setString(1, reviewId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) rows.add(rs.getInt(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private void update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("special review: " + e.getMessage(), e);
        }
    }

    private static void setText(PreparedStatement s, int index, String value, int max) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value.length() > max ? value.substring(0, max) : value);
        }
    }

    private OffsetDateTime now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    Optional<Integer> queued() {
        return pool instanceof ThreadPoolExecutor t ? Optional.of(t.getQueue().size()) : Optional.empty();
    }
}
