package com.lexrule.problem;

import java.io.FilterInputStream;
import java.io.InputStream;
import java.util.Locale;

import org.apache.commons.io.input.TeeInputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import com.lexrule.boundary.ReadLimit;

/**
 * Bounds every request body, whether it declares its length or is sent chunked. A declared length over the limit is
 * refused before anything is read; a chunked entity is counted as it is read ({@link #bounded}, through
 * {@link BoundedBody}) and a chunked multipart upload watched as it arrives, each refused once it passes its limit. Every
 * 413 is a problem naming the limit.
 */
@ApplicationScoped
public class BodySizeLimit {

    private static final java.util.regex.Pattern DRAFTS = java.util.regex.Pattern.compile("/api/v1/policies/[^/]+/drafts/?");
    private static final java.util.regex.Pattern REVIEWS = java.util.regex.Pattern.compile("/api/v1/reviews/?");

    private final long maxBytes;
    private final long maxUploadBytes;
    private final long maxReviewBytes;

    /**
     * Draft uploads (multipart, spreadsheets) have their own, larger bound; each file is bounded again by the service.
     * So do special reviews (a file or a JSON list of up to 20,000 cases), whose file or body the review service
     * bounds again at 10 MiB.
     */
    public BodySizeLimit(@ConfigProperty(name = "lexrule.http.max-body-bytes") long maxBytes,
                         @ConfigProperty(name = "lexrule.http.max-upload-bytes", defaultValue = "12582912") long maxUploadBytes,
                         @ConfigProperty(name = "lexrule.http.max-review-bytes", defaultValue = "11534336") long maxReviewBytes) {
        this.maxBytes = maxBytes;
        this.maxUploadBytes = maxUploadBytes;
        this.maxReviewBytes = maxReviewBytes;
    }

    /** The limit of a request to this path with this content type. */
    public long limitFor(String path, String contentType) {
        boolean upload = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                && DRAFTS.matcher(path).matches();
        if (upload) {
            return maxUploadBytes;
        }
        return REVIEWS.matcher(path).matches() ? maxReviewBytes : maxBytes;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::limit);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::vertxLimit);
    }

    void limit(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        if (length != null) {
            try {
                long limit = limitFor(rc.request().path(), rc.request().getHeader("Content-Type"));
                if (Long.parseLong(length.trim()) > limit) {
                    answer(rc, limit);
                    return;
                }
            } catch (NumberFormatException ignored) {
                // a malformed length is Vert.x's to refuse
            }
        } else if (isMultipart(rc.request().getHeader("Content-Type"))) {
            watchChunkedUpload(rc);
        }
        rc.next();
    }

    /**
     * A chunked multipart body is read by Quarkus REST's multipart parser, which no entity interceptor sees, and Vert.x
     * offers no hook on the bytes a later handler reads. Its byte count is watched instead, and the upload refused
     * with a problem as soon as it passes the limit (Vert.x's own limit lies far above, so this answers first).
     */
    private void watchChunkedUpload(RoutingContext rc) {
        long limit = limitFor(rc.request().path(), rc.request().getHeader("Content-Type"));
        long timer = rc.vertx().setPeriodic(5, id -> {
            if (rc.request().isEnded() || rc.response().ended() || rc.response().closed()) {
                rc.vertx().cancelTimer(id);
            } else if (rc.request().bytesRead() > limit) {
                rc.vertx().cancelTimer(id);
                if (!rc.response().headWritten()) answer(rc, limit);
                rc.request().connection().close();
            }
        });
        rc.addEndHandler(ignored -> rc.vertx().cancelTimer(timer));
    }

    private static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /** Vert.x refused a body (a chunked multipart upload) over its own limit: answer that as a problem too. */
    void vertxLimit(RoutingContext rc) {
        if (rc.statusCode() == 413 && !rc.response().headWritten()) {
            answer(rc, limitFor(rc.request().path(), rc.request().getHeader("Content-Type")));
            return;
        }
        rc.next();
    }

    private static void answer(RoutingContext rc, long limit) {
        rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close").end(TooLarge.problem(limit, rc.request().path()).encode());
    }

    /**
     * The body as read, refused with {@link TooLarge} once it passes the limit of its path. A body of at most
     * {@code copyUpTo} bytes is also kept as read, so that a parser refusal can be placed afterwards.
     */
    public BoundedStream bounded(InputStream body, String path, String contentType, long copyUpTo) {
        long limit = limitFor(path, contentType);
        return new BoundedStream(body, limit, limit <= copyUpTo);
    }

    /** The body read against its limit and, for a small body, a copy of what was read. */
    public static final class BoundedStream extends FilterInputStream {
        private final java.io.ByteArrayOutputStream copy;

        BoundedStream(InputStream body, long limit, boolean keepCopy) {
            this(ReadLimit.of(body, limit, () -> {
                throw new TooLarge(limit);
            }), keepCopy ? new java.io.ByteArrayOutputStream() : null);
        }

        private BoundedStream(InputStream limited, java.io.ByteArrayOutputStream copy) {
            super(copy == null ? limited : new TeeInputStream(limited, copy));
            this.copy = copy;
        }

        /** What was read so far, if a copy was kept. */
        public java.util.Optional<byte[]> readSoFar() {
            return copy == null ? java.util.Optional.empty() : java.util.Optional.of(copy.toByteArray());
        }
    }

    /** A body over its limit: 413, naming the limit. Unchecked, so that no reader takes it for bad input. */
    public static final class TooLarge extends ProblemException {
        TooLarge(long limit) {
            super(413, "payload-too-large", "请求体过大 (payload too large)", detail(limit), java.util.List.of(),
                    java.util.Map.of("limitBytes", limit));
        }

        static String detail(long limit) {
            return "请求体不得超过 " + limit + " 字节 (body limit " + limit + " bytes)";
        }

        static JsonObject problem(long limit, String path) {
            return new JsonObject()
                    .put("type", Problem.TYPE_BASE + "payload-too-large")
                    .put("title", "请求体过大 (payload too large)")
                    .put("status", 413)
                    .put("detail", detail(limit))
                    .put("instance", path)
                    .put("limitBytes", limit);
        }
    }
}
