package com.lexrule.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.audit.DecisionRecord;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every body over its limit is a 413 problem naming the limit, whether it declares its length or is sent chunked,
 * and nothing is decided: a chunked 12 MB assessment was once decided, and a chunked 20 MB one got a bare 413.
 */
@QuarkusTest
class BodySizeTest {

    @TestHTTPResource("/")
    URL base;

    static long decisions() {
        return QuarkusTransaction.requiringNew().call(() -> DecisionRecord.count());
    }

    /** A valid arrest case padded with whitespace to {@code size} bytes, as a stream of unknown length (chunked). */
    static InputStream padded(long size) {
        byte[] head = ("{\"caseId\":\"BIG-1\",\"subjectId\":\"S-1\",\"crimeType\":\"THEFT\",\"evidenceOfCrime\":true,"
                + "\"expectedSentence\":\"UP_TO_3_YEARS\",\"age\":30").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "}".getBytes(StandardCharsets.UTF_8);
        InputStream spaces = new InputStream() {
            long left = size - head.length - tail.length;

            @Override
            public int read() {
                return left-- > 0 ? ' ' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) return -1;
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) ' ');
                left -= n;
                return n;
            }
        };
        return new SequenceInputStream(new SequenceInputStream(new ByteArrayInputStream(head), spaces), new ByteArrayInputStream(tail));
    }

    HttpResponse<String> send(String path, String contentType, InputStream body, boolean chunked, long size) throws Exception {
        HttpRequest.BodyPublisher publisher = chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> body)
                : HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), size);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("case-system:case-system".getBytes()))
                .header("Content-Type", contentType).POST(publisher).build();
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new AssertionError("the connection broke instead of answering 413: " + e, e);
        }
    }

    static void assertTooLarge(HttpResponse<String> response, long limit) throws Exception {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(response.body());
        assertThat(problem.path("type").asText()).endsWith("payload-too-large");
        assertThat(problem.path("limitBytes").asLong()).isEqualTo(limit);
        assertThat(problem.path("detail").asText()).contains(Long.toString(limit));
    }

    @Test
    void aSmallChunkedBodyIsDecided() throws Exception {
        HttpResponse<String> response = send("/api/v1/assessments/arrest", "application/json", padded(10_000), true, 0);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void aChunkedBodyJustOverTheLimitIsA413Problem() throws Exception {
        long before = decisions();
        assertTooLarge(send("/api/v1/assessments/arrest", "application/json", padded(262_145), true, 0), 262_144);
        assertThat(decisions()).isEqualTo(before);
    }

    @Test
    void aChunked12MegabyteBodyIsA413ProblemAndIsNotAssessed() throws Exception {
        long before = decisions();
        assertTooLarge(send("/api/v1/assessments/arrest", "application/json", padded(12_000_000), true, 0), 262_144);
        assertThat(decisions()).isEqualTo(before);
    }

    @Test
    void aChunked20MegabyteBodyIsA413Problem() throws Exception {
        long before = decisions();
        assertTooLarge(send("/api/v1/assessments/arrest", "application/json", padded(20_000_000), true, 0), 262_144);
        assertThat(decisions()).isEqualTo(before);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsA413Problem() throws Exception {
        assertTooLarge(send("/api/v1/assessments/arrest", "application/json", padded(300_000), false, 300_000), 262_144);
    }

    @Test
    void aChunkedMultipartUploadOverTheUploadLimitIsA413Problem() throws Exception {
        String boundary = "lexrule-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"danger-points.xlsx\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        InputStream body = new SequenceInputStream(new ByteArrayInputStream(head), new InputStream() {
            long left = 20_000_000;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }
        });
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve("/api/v1/policies/arrest/drafts"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("officer:officer".getBytes()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new AssertionError("the connection broke instead of answering 413: " + e, e);
        }
        assertTooLarge(response, 12_582_912);
    }
}
