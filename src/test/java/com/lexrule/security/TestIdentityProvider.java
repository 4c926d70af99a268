package com.lexrule.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.JsonObject;

/**
 * The agency's identity provider as the tests have it: an OpenID Connect issuer on 127.0.0.1 that the service
 * discovers (/.well-known/openid-configuration), whose signing keys it fetches (JWKS), and whose token endpoint
 * grants client credentials, as a Keycloak realm would. Tokens are RS256, with the roles in
 * {@code realm_access.roles}. Its key pair is made at start; a second pair, never published, signs the forged tokens.
 * The service under test is pointed at it by the configuration {@link #start} returns.
 */
public class TestIdentityProvider implements QuarkusTestResourceLifecycleManager {

    static final String REALM = "/realms/lexrule";
    static final String AUDIENCE = "lexrule";
    static final String KEY_ID = "lexrule-test-1";
    /** Client id → secret and roles: the service accounts of a case system and an auditor's tool. */
    /** The console's client, which logs officers in by the authorization-code flow. */
    static final String CONSOLE_CLIENT = "lexrule-console";
    static final String CONSOLE_SECRET = "console-test-secret";
    /** The people who log in to the console at the login page, by name, with their roles. */
    static final Map<String, List<String>> USERS = Map.of("approver-a", List.of("policy-approver"));
    static final Map<String, Client> CLIENTS = Map.of(
            "case-system-x", new Client("case-system-x-secret", List.of("case-system")),
            "audit-tool", new Client("audit-tool-secret", List.of("auditor")));

    record Client(String secret, List<String> roles) {
    }

    private static volatile TestIdentityProvider running;

    private final KeyPair signing = rsa();
    private final KeyPair forger = rsa();
    private HttpServer server;
    /** Authorization codes handed out at the login, each for the user who logged in. */
    private final Map<String, String> codes = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> endSessions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private String issuer;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("the test identity provider could not listen", e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + REALM;
        server.createContext(REALM + "/.well-known/openid-configuration", this::discovery);
        server.createContext(REALM + "/protocol/openid-connect/certs", this::keys);
        server.createContext(REALM + "/protocol/openid-connect/token", this::token);
        server.createContext(REALM + "/protocol/openid-connect/auth", this::authorize);
        server.createContext(REALM + "/protocol/openid-connect/logout", this::endSession);
        server.start();
        running = this;
        Map<String, String> config = new HashMap<>();
        config.put("lexrule.identity.issuer", issuer);
        return config;
    }

    @Override
    public void stop() {
        if (server != null) server.stop(0);
        running = null;
    }

    static TestIdentityProvider running() {
        if (running == null) throw new IllegalStateException("the test identity provider is not running");
        return running;
    }

    String issuer() {
        return issuer;
    }

    String tokenEndpoint() {
        return issuer + "/protocol/openid-connect/token";
    }

    String authorizationEndpoint() {
        return issuer + "/protocol/openid-connect/auth";
    }

    String endSessionEndpoint() {
        return issuer + "/protocol/openid-connect/logout";
    }

    /** The query of each request to the end_session endpoint, in order: the sessions the service ended here. */
    List<String> endSessions() {
        return List.copyOf(endSessions);
    }

    /** A token as the provider issues it: this issuer, this service's audience, valid for five minutes. */
    String token(String subject, List<String> roles) {
        return token(subject, roles, issuer, Instant.now().plus(Duration.ofMinutes(5)), signing.getPrivate());
    }

    String expiredToken(String subject, List<String> roles) {
        return token(subject, roles, issuer, Instant.now().minus(Duration.ofMinutes(10)), signing.getPrivate());
    }

    String tokenOfAnotherIssuer(String subject, List<String> roles) {
        return token(subject, roles, "http://127.0.0.1:1/realms/elsewhere", Instant.now().plus(Duration.ofMinutes(5)), signing.getPrivate());
    }

    /** Claims of this issuer, signed with a key it never published, under its key id. */
    String forgedToken(String subject, List<String> roles) {
        return token(subject, roles, issuer, Instant.now().plus(Duration.ofMinutes(5)), forger.getPrivate());
    }

    String tokenForAnotherAudience(String subject, List<String> roles) {
        return Jwt.issuer(issuer).audience("another-service").subject(subject).claim("preferred_username", subject)
                .claim("realm_access", Map.of("roles", roles)).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300))
                .jws().keyId(KEY_ID).sign(signing.getPrivate());
    }

    private static String token(String subject, List<String> roles, String issuer, Instant expires, PrivateKey key) {
        return Jwt.issuer(issuer).audience(AUDIENCE).subject(subject).claim("preferred_username", subject)
                .claim("realm_access", Map.of("roles", roles))
                .issuedAt(expires.minus(Duration.ofMinutes(5))).expiresAt(expires)
                .jws().keyId(KEY_ID).sign(key);
    }

    // --- the endpoints ---------------------------------------------------------------------------------------------

    private void discovery(HttpExchange exchange) throws IOException {
        JsonObject metadata = new JsonObject()
                .put("issuer", issuer)
                .put("authorization_endpoint", authorizationEndpoint())
                .put("token_endpoint", tokenEndpoint())
                .put("jwks_uri", issuer + "/protocol/openid-connect/certs")
                .put("end_session_endpoint", endSessionEndpoint())
                .put("response_types_supported", List.of("code"))
                .put("grant_types_supported", List.of("authorization_code", "client_credentials"))
                .put("id_token_signing_alg_values_supported", List.of("RS256"))
                .put("subject_types_supported", List.of("public"));
        answer(exchange, 200, metadata.encode());
    }

    private void keys(HttpExchange exchange) throws IOException {
        try {
            PublicJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) signing.getPublic());
            jwk.setKeyId(KEY_ID);
            jwk.setAlgorithm("RS256");
            jwk.setUse("sig");
            answer(exchange, 200, new JsonWebKeySet(jwk).toJson());
        } catch (RuntimeException e) {
            answer(exchange, 500, "{}");
        }
    }

    /** grant_type=client_credentials, the client authenticated by HTTP Basic or by client_id and client_secret. */
    private void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, "{\"error\":\"invalid_request\"}");
            return;
        }
        Map<String, String> form = form(exchange.getRequestBody());
        String clientId = form.get("client_id");
        String secret = form.get("client_secret");
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Basic ")) {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
            clientId = URLDecoder.decode(decoded.substring(0, decoded.indexOf(':')), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(decoded.substring(decoded.indexOf(':') + 1), StandardCharsets.UTF_8);
        }
        if ("authorization_code".equals(form.get("grant_type"))) {
            codeGrant(exchange, form, clientId, secret);
            return;
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            answer(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        Client client = clientId == null ? null : CLIENTS.get(clientId);
        if (client == null || !client.secret().equals(secret)) {
            answer(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String token = token("service-account-" + clientId, client.roles());
        answer(exchange, 200, new JsonObject().put("access_token", token).put("token_type", "Bearer")
                .put("expires_in", 300).encode());
    }

    /**
     * The login page as a test drives it: the user named by {@code login_hint} (one of {@link #USERS}) logs in at
     * once, and the browser goes back to the client's redirect URI with a code and the client's state.
     */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        String user = query.get("login_hint");
        if (!CONSOLE_CLIENT.equals(query.get("client_id")) || user == null || !USERS.containsKey(user) || query.get("redirect_uri") == null) {
            answer(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = java.util.UUID.randomUUID().toString();
        codes.put(code, user);
        String back = query.get("redirect_uri") + (query.get("redirect_uri").contains("?") ? "&" : "?") + "code=" + code
                + (query.get("state") == null ? "" : "&state=" + java.net.URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.getResponseHeaders().set("Location", back);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** grant_type=authorization_code for the console's client: an ID token for it, and an access token with the roles. */
    private void codeGrant(HttpExchange exchange, Map<String, String> form, String clientId, String secret) throws IOException {
        if (!CONSOLE_CLIENT.equals(clientId) || !CONSOLE_SECRET.equals(secret)) {
            answer(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String user = form.get("code") == null ? null : codes.remove(form.get("code"));
        if (user == null) {
            answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        Instant now = Instant.now();
        String idToken = Jwt.issuer(issuer).audience(CONSOLE_CLIENT).subject(user).claim("preferred_username", user)
                .issuedAt(now).expiresAt(now.plusSeconds(300)).jws().keyId(KEY_ID).sign(signing.getPrivate());
        answer(exchange, 200, new JsonObject().put("access_token", token(user, USERS.get(user))).put("id_token", idToken)
                .put("token_type", "Bearer").put("expires_in", 300).encode());
    }

    /** The end_session endpoint: records the request and sends the browser to the post-logout redirect URI. */
    private void endSession(HttpExchange exchange) throws IOException {
        endSessions.add(exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
        String back = query(exchange).get("post_logout_redirect_uri");
        if (back == null) {
            answer(exchange, 200, "{}");
            return;
        }
        exchange.getResponseHeaders().set("Location", back);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static Map<String, String> query(HttpExchange exchange) throws IOException {
        String raw = exchange.getRequestURI().getRawQuery();
        return form(new java.io.ByteArrayInputStream((raw == null ? "" : raw).getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(body.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
