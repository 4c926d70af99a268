package com.lexrule.assessment;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.lexrule.problem.ServiceUnavailableProblem;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;

/**
 * Where live assessments are evaluated (the pipeline's {@code assess} and {@code simulate}): a fixed number of threads
 * and a bounded queue, so that a burst of requests costs at most that many evaluations at once and that many
 * waiting, whatever the HTTP worker pool holds. A request that finds the queue full is answered at once with a 503
 * and Retry-After ({@code overloaded}); one whose evaluation has not finished within the timeout, waiting included,
 * with a 503 too ({@code evaluation-timeout}), and its evaluation is cancelled. Neither decided nor recorded anything:
 * the decision is recorded only after its evaluation returned.
 *
 * <p>Scenario runs, back-tests and special reviews evaluate on their own bounded executors (the review worker's
 * {@code lexrule.review.threads}), never here, so that a long review cannot push live requests into 503s.
 */
@ApplicationScoped
@Startup
public class EvaluationPool {

    static final int RETRY_AFTER_SECONDS = 1;

    private final ThreadPoolExecutor executor;
    private final long timeoutNanos;
    private final Counter overloaded;
    private final Counter timedOut;

    public EvaluationPool(@ConfigProperty(name = "lexrule.evaluation.threads") int threads,
                          @ConfigProperty(name = "lexrule.evaluation.queue-size") int queueSize,
                          @ConfigProperty(name = "lexrule.evaluation.timeout") Duration timeout,
                          MeterRegistry meters) {
        if (threads < 1) throw new IllegalArgumentException("lexrule.evaluation.threads must be at least 1");
        if (queueSize < 0) throw new IllegalArgumentException("lexrule.evaluation.queue-size must not be negative");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("lexrule.evaluation.timeout must be positive");
        BlockingQueue<Runnable> queue = queueSize == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queueSize);
        AtomicInteger number = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, queue, task -> {
            Thread thread = new Thread(task, "lexrule-evaluation-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
        this.executor.prestartAllCoreThreads();
        this.timeoutNanos = timeout.toNanos();
        Gauge.builder("lexrule.evaluation.pool.threads", executor, ThreadPoolExecutor::getMaximumPoolSize)
                .description("Threads that evaluate live assessments (lexrule.evaluation.threads)").register(meters);
        Gauge.builder("lexrule.evaluation.pool.active", executor, ThreadPoolExecutor::getActiveCount)
                .description("Evaluations running now").register(meters);
        Gauge.builder("lexrule.evaluation.pool.queued", executor, e -> e.getQueue().size())
                .description("Evaluations waiting for a thread").register(meters);
        Gauge.builder("lexrule.evaluation.pool.queue.capacity", () -> queueSize)
                .description("Evaluations that may wait before a request is refused (lexrule.evaluation.queue-size)").register(meters);
        this.overloaded = Counter.builder("lexrule.evaluation.refused").tag("reason", "overloaded")
                .description("Assessments answered 503 without evaluation: the queue was full").register(meters);
        this.timedOut = Counter.builder("lexrule.evaluation.refused").tag("reason", "timeout")
                .description("Assessments answered 503 because their evaluation did not finish in time").register(meters);
    }

    /**
     * Runs an evaluation on the pool and waits for it, at most the timeout. The caller's thread only waits. The
     * evaluation gets a request context of its own (a bail request reads the arrest decision it links to).
     *
     * @throws ServiceUnavailableProblem when the queue is full or the evaluation does not finish in time
     */
    public <T> T evaluate(Callable<T> evaluation) {
        FutureTask<T> task = new FutureTask<>(() -> {
            ManagedContext requestContext = Arc.container().requestContext();
            requestContext.activate();
            try {
                return evaluation.call();
            } finally {
                requestContext.terminate();
            }
        });
        try {
            executor.execute(task);
        } catch (RejectedExecutionException full) {
            overloaded.increment();
            throw new ServiceUnavailableProblem.Overloaded("评估队列已满，未作出或记录任何决定，请稍后重试 (the service is at its "
                    + "evaluation limit: " + executor.getMaximumPoolSize() + " running, " + executor.getQueue().size()
                    + " waiting; nothing was decided or recorded; retry after " + RETRY_AFTER_SECONDS + " s)", RETRY_AFTER_SECONDS);
        }
        return await(task);
    }

    private <T> T await(Future<T> task) {
        try {
            return task.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            if (task instanceof Runnable queued) executor.remove(queued);
            timedOut.increment();
            throw new ServiceUnavailableProblem.TimedOut("评估超时，未作出或记录任何决定，请稍后重试 (the evaluation did not finish within "
                    + Duration.ofNanos(timeoutNanos).toMillis() + " ms; nothing was decided or recorded; retry after "
                    + RETRY_AFTER_SECONDS + " s)", RETRY_AFTER_SECONDS);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an evaluation", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) throw runtime;
            if (cause instanceof Error error) throw error;
            throw new IllegalStateException(cause);
        }
    }

    /** Evaluations waiting for a thread now. */
    public int queued() {
        return executor.getQueue().size();
    }

    /** Evaluations running now. */
    public int active() {
        return executor.getActiveCount();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
