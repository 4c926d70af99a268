package com.lexrule.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.ws.rs.POST;

import org.junit.jupiter.api.Test;

import com.lexrule.arrest.ArrestDefinition;
import com.lexrule.assessment.AssessmentPipeline;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Rules fire and the audit is written on Quarkus' worker threads (a bounded pool), never on the event loop: Quarkus
 * REST dispatches an endpoint to a worker when it returns a plain value and is not marked non-blocking. Every
 * assessment endpoint keeps that signature and says so (@Blocking), and the pipeline itself refuses the event loop.
 */
class EvaluationThreadTest {

    @Test
    void everyAssessmentEndpointRunsOnAWorkerThread() throws Exception {
        List<Method> endpoints = new ArrayList<>();
        for (Class<?> resource : resources()) {
            jakarta.ws.rs.Path path = resource.getAnnotation(jakarta.ws.rs.Path.class);
            if (path == null || !path.value().startsWith("/api/v1/assessments")) continue;
            for (Method method : resource.getDeclaredMethods()) {
                if (method.isAnnotationPresent(POST.class)) endpoints.add(method);
            }
        }
        assertThat(endpoints).extracting(Method::getName).hasSizeGreaterThanOrEqualTo(4);
        for (Method endpoint : endpoints) {
            String name = endpoint.getDeclaringClass().getSimpleName() + "." + endpoint.getName();
            assertThat(endpoint.isAnnotationPresent(NonBlocking.class) || endpoint.getDeclaringClass().isAnnotationPresent(NonBlocking.class))
                    .as("%s is marked @NonBlocking", name).isFalse();
            assertThat(endpoint.getDeclaringClass().isAnnotationPresent(Blocking.class)).as("%s is marked @Blocking", name).isTrue();
            assertThat(endpoint.isAnnotationPresent(RunOnVirtualThread.class)).as("%s runs on a virtual thread", name).isFalse();
            Class<?> returns = endpoint.getReturnType();
            assertThat(Uni.class.isAssignableFrom(returns) || Multi.class.isAssignableFrom(returns)
                    || CompletionStage.class.isAssignableFrom(returns)).as("%s returns %s, which runs on the event loop", name, returns).isFalse();
        }
    }

    @Test
    void anEvaluationStartedOnTheEventLoopIsRefusedBeforeAnythingIsEvaluated() throws Exception {
        AssessmentPipeline pipeline = AssessmentPipeline.evaluation(new PolicyEvaluator(), java.time.Clock.systemUTC());
        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<Throwable> refused = new CompletableFuture<>();
            vertx.runOnContext(v -> {
                try {
                    pipeline.evaluate(new ArrestDefinition(), null, null, "loop", java.time.Instant.EPOCH);
                    refused.complete(null);
                } catch (RuntimeException e) {
                    refused.complete(e);
                }
            });
            assertThat(refused.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("event loop");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static List<Class<?>> resources() throws IOException, ClassNotFoundException {
        Path classes = Path.of("target", "classes");
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith("Resource.class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                found.add(Class.forName(name, false, EvaluationThreadTest.class.getClassLoader()));
            }
        }
        return found;
    }
}
