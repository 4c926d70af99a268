package com.lexrule.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.lexrule.problem.Problem;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Limits failed logins per user name and per client address over a sliding window, HTTP Basic and the console's
 * form login alike (one set of counters). Once either has failed too often, a request carrying Basic credentials is
 * answered 429 with Retry-After and its password is not checked, so that guessing costs the attacker the window, not
 * one round trip. Only failures count: any number of successful logins are never slowed. The counters are per
 * replica and bounded in number, so that spraying names cannot exhaust memory.
 *
 * <p>A form login names its user in the body, which the form mechanism reads itself (a handler reading it first
 * would leave the mechanism waiting for a body already consumed). So a post from a blocked address is turned back
 * before anything is read, and a blocked user's post is checked by the mechanism but its answer withheld: the
 * response becomes a redirect to the login page with the wait, without the login cookie, whether the password was
 * right or wrong. Guessing through the form costs the window as it does through Basic.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);

    private final int maxPerUser;
    private final int maxPerAddress;
    private final long windowNanos;
    private final Cache<String, Failures> failures;

    private final boolean form;
    private final String formPost;
    private final String formError;
    private final String formLogin;
    private final String formCookie;

    public LoginThrottle(@ConfigProperty(name = "lexrule.security.login.max-failures-per-user") int maxPerUser,
                         @ConfigProperty(name = "lexrule.security.login.max-failures-per-address") int maxPerAddress,
                         @ConfigProperty(name = "lexrule.security.login.window") Duration window,
                         @ConfigProperty(name = "quarkus.http.auth.form.enabled", defaultValue = "false") boolean form,
                         @ConfigProperty(name = "quarkus.http.auth.form.post-location", defaultValue = "/j_security_check") String formPost,
                         @ConfigProperty(name = "quarkus.http.auth.form.error-page", defaultValue = "/error.html") String formError,
                         @ConfigProperty(name = "quarkus.http.auth.form.login-page", defaultValue = "/login.html") String formLogin,
                         @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential") String formCookie) {
        this.formCookie = formCookie;
        this.form = form;
        this.formPost = formPost;
        this.formError = formError;
        this.formLogin = formLogin;
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.windowNanos = window.toNanos();
        this.failures = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(100_000).build();
    }

    // After the body size check, before anything authenticates.
    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    void check(RoutingContext rc) {
        if (form && rc.request().method() == HttpMethod.POST && formPost.equals(rc.normalizedPath())) {
            checkForm(rc);
            return;
        }
        Optional<String> user = basicUser(rc.request().getHeader("Authorization"));
        if (user.isEmpty()) {
            rc.next();
            return;
        }
        String userKey = "user:" + user.get().toLowerCase(Locale.ROOT);
        String addressKey = "address:" + (rc.request().remoteAddress() == null ? "?" : rc.request().remoteAddress().hostAddress());
        long now = System.nanoTime();
        long waitNanos = Math.max(blockedFor(userKey, maxPerUser, now), blockedFor(addressKey, maxPerAddress, now));
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            JsonObject problem = new JsonObject()
                    .put("type", Problem.TYPE_BASE + "too-many-failed-logins")
                    .put("title", "登录失败次数过多 (too many failed logins)")
                    .put("status", 429)
                    .put("detail", "该用户或该地址登录失败次数过多，请 " + seconds + " 秒后重试；本次未校验密码 (too many failed "
                            + "logins for this user or address; retry after " + seconds + " s; the password was not checked)")
                    .put("instance", rc.request().path())
                    .put("retryAfterSeconds", seconds);
            rc.response().setStatusCode(429).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Retry-After", Long.toString(seconds)).end(problem.encode());
            return;
        }
        rc.addHeadersEndHandler(ignored -> {
            if (rc.response().getStatusCode() == 401) {
                long at = System.nanoTime();
                record(userKey, at);
                record(addressKey, at);
            }
        });
        rc.next();
    }

    /** The console's form login: counted like Basic, turned back to the login page with the wait when blocked. */
    private void checkForm(RoutingContext rc) {
        String addressKey = addressKey(rc);
        long addressWait = blockedFor(addressKey, maxPerAddress, System.nanoTime());
        if (addressWait > 0) {
            long seconds = seconds(addressWait);
            rc.response().setStatusCode(303).putHeader("Location", formLogin + "?throttled=" + seconds)
                    .putHeader("Retry-After", Long.toString(seconds)).end();
            return;
        }
        rc.addHeadersEndHandler(ignored -> {
            // The mechanism has read the body by now: its user name is among the form attributes.
            String user = rc.request().formAttributes().get("j_username");
            String userKey = "user:" + (user == null ? "" : user).toLowerCase(Locale.ROOT);
            long at = System.nanoTime();
            long userWait = blockedFor(userKey, maxPerUser, at);
            if (userWait > 0) {
                long seconds = seconds(userWait);
                rc.response().headers().remove("Set-Cookie");
                rc.response().removeCookies(formCookie, false);
                rc.response().setStatusCode(303).putHeader("Location", formLogin + "?throttled=" + seconds)
                        .putHeader("Retry-After", Long.toString(seconds));
                return;
            }
            String location = rc.response().headers().get("Location");
            if (rc.response().getStatusCode() / 100 == 3 && location != null && location.endsWith(formError)) {
                record(userKey, at);
                record(addressKey, at);
            }
        });
        rc.next();
    }

    private static String addressKey(RoutingContext rc) {
        return "address:" + (rc.request().remoteAddress() == null ? "?" : rc.request().remoteAddress().hostAddress());
    }

    private static long seconds(long waitNanos) {
        return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }

    private long blockedFor(String key, int max, long now) {
        Failures f = failures.getIfPresent(key);
        return f == null ? 0 : f.blockedFor(max, windowNanos, now);
    }

    private void record(String key, long at) {
        failures.get(key, k -> new Failures()).add(at, Math.max(maxPerUser, maxPerAddress), windowNanos);
        if (LOG.isDebugEnabled()) LOG.debugf("failed login counted for %s", key);
    }

    private static Optional<String> basicUser(String authorization) {
        if (authorization == null || authorization.length() < 6 || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return Optional.of(colon < 0 ? decoded : decoded.substring(0, colon));
        } catch (IllegalArgumentException e) {
            return Optional.of("");  // undecodable credentials fail, and count against the address
        }
    }

    /** The times of the most recent failures of one user or address, oldest first. */
    static final class Failures {
        private final ArrayDeque<Long> times = new ArrayDeque<>();

        synchronized void add(long at, int keep, long window) {
            times.addLast(at);
            while (times.size() > keep) times.removeFirst();
            prune(at, window);
        }

        /** How long until fewer than {@code max} failures lie in the window; 0 if already so. */
        synchronized long blockedFor(int max, long window, long now) {
            prune(now, window);
            if (times.size() < max) return 0;
            // the failure that must leave the window for one more attempt to be allowed
            long[] sorted = times.stream().mapToLong(Long::longValue).toArray();
            return sorted[sorted.length - max] + window - now;
        }

        private void prune(long now, long window) {
            while (!times.isEmpty() && now - times.peekFirst() >= window) times.removeFirst();
        }
    }
}
