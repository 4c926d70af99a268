package com.lexrule.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.RequestScoped;

import com.lexrule.problem.ProblemException;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * CSRF protection of the console's posts by double submission: a random token in an HttpOnly, SameSite=Strict cookie
 * scoped to /console, and the same token in every form the pages render (and in the header X-CSRF-Token of the
 * pages' own fetches). A post whose token is missing or differs from the cookie's is refused with a 403 and does
 * nothing. quarkus-rest-csrf does the same but checks every multipart post of the application, the API's
 * Basic-authenticated uploads included, which carry no cookie and need none; this check is the console's alone.
 */
@RequestScoped
public class ConsoleCsrf {

    static final String COOKIE = "lexrule-csrf";
    static final String FIELD = "csrf";
    static final String HEADER = "X-CSRF-Token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RoutingContext routing;
    private String token;

    public ConsoleCsrf(RoutingContext routing) {
        this.routing = routing;
    }

    /** The token of this browser, issued with this response if it had none. */
    public String token() {
        if (token != null) return token;
        Cookie cookie = routing.request().getCookie(COOKIE);
        if (cookie != null && cookie.getValue().length() == 43) {
            token = cookie.getValue();
        } else {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            routing.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/console").setHttpOnly(true)
                    .setSameSite(CookieSameSite.STRICT).setSecure(routing.request().isSSL()));
        }
        return token;
    }

    /** Refuses a post whose token (form field, else header) is not this browser's cookie. */
    public void verify(String submitted) {
        Cookie cookie = routing.request().getCookie(COOKIE);
        String sent = submitted != null ? submitted : routing.request().getHeader(HEADER);
        if (cookie == null || sent == null || !MessageDigest.isEqual(cookie.getValue().getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(403, "csrf", "请求来源无法确认 (CSRF token missing or wrong)",
                    "表单已过期或并非从工作台页面提交，请刷新页面后重试；未执行任何操作 (reload the page and submit again; nothing was done)");
        }
    }
}
