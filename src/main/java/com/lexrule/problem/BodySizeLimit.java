package com.lexrule.problem;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses an oversized body with a problem before it is read. Vert.x's own limit
 * ({@code quarkus.http.limits.max-body-size}, set higher) still guards chunked bodies without a length.
 */
@ApplicationScoped
public class BodySizeLimit {

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

    private long limitFor(RoutingContext rc) {
        String type = rc.request().getHeader("Content-Type");
        boolean upload = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")
                && rc.request().path().matches("/api/v1/policies/[^/]+/drafts/?");
        if (upload) {
            return maxUploadBytes;
        }
        return rc.request().path().matches("/api/v1/reviews/?") ? maxReviewBytes : maxBytes;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::limit);
    }

    void limit(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        if (length != null) {
            try {
                long maxBytes = limitFor(rc);
                if (Long.parseLong(length.trim()) > maxBytes) {
                    JsonObject problem = new JsonObject()
                            .put("type", Problem.TYPE_BASE + "payload-too-large")
                            .put("title", "请求体过大 (payload too large)")
                            .put("status", 413)
                            .put("detail", "请求体不得超过 " + maxBytes + " 字节 (body limit " + maxBytes + " bytes)")
                            .put("instance", rc.request().path());
                    rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                            .putHeader("Connection", "close").end(problem.encode());
                    return;
                }
            } catch (NumberFormatException ignored) {
                // a malformed length is Vert.x's to refuse
            }
        }
        rc.next();
    }
}
