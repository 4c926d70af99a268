package com.lexrule.problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.lexrule.boundary.InvalidParameterException;
import com.lexrule.boundary.PlainTextValidator;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one place every error becomes an RFC 9457 problem. A request that fails here has changed nothing: the
 * mappers run before evaluation or after the transaction was rolled back.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final DatabaseProbe database;
    /** prod (docs/identity.md): a bearer token of the identity provider; otherwise the demo users over HTTP Basic. */
    private final boolean bearer;

    public ProblemMapper(DatabaseProbe database,
                         @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean bearer) {
        this.database = database;
        this.bearer = bearer;
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> fieldOf(v.getPropertyPath())))
                .map(v -> new Problem.FieldError(fieldOf(v.getPropertyPath()), v.getMessage(), safeValue(v), null))
                .toList();
        return problem(400, "invalid-request", "请求字段无效 (invalid request fields)",
                errors.size() + " 个字段无效: " + String.join(", ", errors.stream().map(Problem.FieldError::field).toList()),
                uri, errors, null);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonParseException e, UriInfo uri) {
        return unparsable(e, uri);
    }

    /**
     * Syntax errors, duplicate keys, and the parser's limits (number length, nesting depth, string length): the
     * field is where the parser stood when it refused.
     */
    @ServerExceptionMapper
    public Response unparsable(JsonProcessingException e, UriInfo uri) {
        Optional<ProblemException> inner = causeOf(e, ProblemException.class);
        if (inner.isPresent()) return refused(inner.get(), uri);
        if (e instanceof JsonMappingException mapping) return mapping(mapping, uri);
        String field = e.getProcessor() instanceof JsonParser parser ? pathOf(parser.getParsingContext()) : "body";
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String message = e instanceof StreamConstraintsException
                ? "超出解析限制 (exceeds a parser limit): " + e.getOriginalMessage()
                : e.getOriginalMessage();
        return problem(400, "malformed-json", "请求体不是有效的 JSON (malformed JSON)",
                "JSON error" + where + (field.equals("body") ? "" : " (" + field + ")") + ": " + message, uri,
                List.of(new Problem.FieldError(field, message)), null);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        Optional<ProblemException> inner = causeOf(e, ProblemException.class);
        if (inner.isPresent()) return refused(inner.get(), uri);
        String field = pathOf(e);
        List<String> allowed = null;
        Object rejected = null;
        String message;
        if (e instanceof InvalidFormatException invalid) {
            rejected = invalid.getValue();
            Class<?> target = invalid.getTargetType();
            if (target != null && target.isEnum()) {
                allowed = Arrays.stream(target.getEnumConstants()).map(ProblemMapper::jsonName).toList();
                message = "不是允许的取值 (not one of the allowed values)";
            } else {
                message = "类型错误，应为 " + (target == null ? "?" : target.getSimpleName()) + " (wrong type)";
            }
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            field = pathOf(e);
            rejected = unknown.getPropertyName();
            message = "未知字段 " + unknown.getPropertyName() + " (unknown field)";
            allowed = unknown.getKnownPropertyIds() == null ? null
                    : unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
        } else if (e.getTargetType() != null && e.getTargetType().isEnum()) {
            allowed = Arrays.stream(e.getTargetType().getEnumConstants()).map(ProblemMapper::jsonName).toList();
            message = "应为允许的取值之一，而非数字或其他类型 (must be one of the allowed values, as a string)";
        } else {
            message = "类型错误，应为 " + (e.getTargetType() == null ? "?" : e.getTargetType().getSimpleName())
                    + " (wrong type): " + e.getOriginalMessage();
        }
        return problem(400, "invalid-request", "请求字段无效 (invalid request fields)", field + ": " + message, uri,
                List.of(new Problem.FieldError(field, message, rejected, allowed)), null);
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, UriInfo uri) {
        Optional<ProblemException> inner = causeOf(e, ProblemException.class);
        if (inner.isPresent()) return refused(inner.get(), uri);
        if (e.getCause() instanceof StreamConstraintsException || e.getCause() instanceof JsonParseException) {
            // a parser refusal met while a field was being read: that field is named by the mapping path
            String field = pathOf(e);
            String message = e.getCause() instanceof StreamConstraintsException
                    ? "超出解析限制 (exceeds a parser limit): " + ((JsonProcessingException) e.getCause()).getOriginalMessage()
                    : ((JsonProcessingException) e.getCause()).getOriginalMessage();
            return problem(400, "malformed-json", "请求体不是有效的 JSON (malformed JSON)", field + ": " + message, uri,
                    List.of(new Problem.FieldError(field, message)), null);
        }
        String field = pathOf(e);
        return problem(400, "invalid-request", "请求字段无效 (invalid request fields)", field + ": " + e.getOriginalMessage(),
                uri, List.of(new Problem.FieldError(field, e.getOriginalMessage())), null);
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e, UriInfo uri) {
        return problem(400, "invalid-parameter", "请求参数无效 (invalid request parameter)", e.getMessage(), uri,
                List.of(new Problem.FieldError(e.parameter(), e.expected(), e.value(), null)), null);
    }

    @ServerExceptionMapper
    public Response refused(ProblemException e, UriInfo uri) {
        return problem(e.status(), e.slug(), e.title(), e.detail(), uri, e.errors(), e.extensions());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundProblem e, UriInfo uri) {
        return problem(404, "not-found", "资源不存在 (not found)", e.getMessage(), uri, List.of(), null);
    }

    @ServerExceptionMapper
    public Response conflict(ConflictProblem e, UriInfo uri) {
        return problem(409, "conflict", "与已记录的内容冲突 (conflict)", e.getMessage(), uri, List.of(), null);
    }

    /** A rule of the request that no single annotation states ("a reason is required when departing..."). */
    @ServerExceptionMapper
    public Response invalid(jakarta.validation.ValidationException e, UriInfo uri) {
        String message = e.getMessage() == null ? "invalid request" : e.getMessage();
        int colon = message.indexOf(':');
        String field = colon > 0 && message.substring(0, colon).matches("[A-Za-z0-9_.\\[\\]]+") ? message.substring(0, colon) : "body";
        return problem(400, "invalid-request", "请求字段无效 (invalid request fields)", message, uri,
                List.of(new Problem.FieldError(field, colon > 0 ? message.substring(colon + 1).trim() : message)), null);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        if (uri != null && uri.getPath().startsWith("/console/")) {
            // The console's form login: a wrong user name or password is shown on the login page, not as a problem.
            return Response.seeOther(java.net.URI.create("/console/login?error=true")).build();
        }
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "forbidden", "无权执行此操作 (forbidden)", "当前用户的角色不允许此操作 (your role does not allow this)",
                uri, List.of(), null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        Throwable cause = e.getCause();
        if (cause instanceof JsonParseException parse) {
            return unreadable(parse, uri);
        }
        if (cause instanceof MismatchedInputException mismatch) {
            return mismatched(mismatch, uri);
        }
        if (cause instanceof JsonProcessingException json) {
            return unparsable(json, uri);
        }
        Optional<InvalidParameterException> parameter = causeOf(e, InvalidParameterException.class);
        if (parameter.isPresent()) {
            return invalidParameter(parameter.get(), uri);
        }
        Optional<ProblemException> inner = causeOf(e, ProblemException.class);
        if (inner.isPresent()) {
            return refused(inner.get(), uri);
        }
        return problem(status, title.toLowerCase().replace(' ', '-'), title, e.getMessage(), uri, List.of(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        Optional<ProblemException> inner = causeOf(e, ProblemException.class);
        if (inner.isPresent()) {
            return refused(inner.get(), uri);
        }
        if (DatabaseUnavailable.causes(e) || !database.reachable()) {
            return databaseUnavailable(e, uri);
        }
        if (causeOf(e, io.vertx.core.http.HttpClosedException.class).isPresent()) {
            // the client went away, or the connection was closed on a refused upload: nobody reads this answer
            LOG.debugf("connection closed while reading %s", uri == null ? "?" : uri.getPath());
            return problem(400, "connection-closed", "连接已关闭 (connection closed)", "the connection was closed", uri, List.of(), null);
        }
        LOG.errorf(e, "unexpected failure on %s", uri == null ? "?" : uri.getPath());
        return problem(500, "internal-error", "内部错误 (internal error)",
                "请求未能完成，未记录任何决定 (the request failed; no decision was recorded)", uri, List.of(), null);
    }

    /**
     * A decision that could not be recorded is not answered: its caller gets a 503 and may retry. Every caller of a
     * failed audit batch gets this; the writer has already logged why (once a minute while the database is down).
     */
    @ServerExceptionMapper
    public Response unavailable(ServiceUnavailableProblem e, UriInfo uri) {
        if (DatabaseUnavailable.causes(e)) {
            return databaseUnavailable(e, uri);
        }
        return unavailable(uri, e.slug(), e.title(), e.getMessage(), e.retryAfterSeconds());
    }

    private static Response databaseUnavailable(Throwable e, UriInfo uri) {
        DatabaseUnavailable.warn(uri == null ? "?" : uri.getPath(), e);
        return unavailable(uri, "数据库暂不可用 (database unavailable)", "数据库暂时无法访问，未作出或记录任何决定，请稍后重试 "
                + "(the database cannot be reached; nothing was decided or recorded; retry later)", DatabaseUnavailable.RETRY_AFTER_SECONDS);
    }

    private static Response unavailable(UriInfo uri, String title, String detail, int retryAfterSeconds) {
        return unavailable(uri, "service-unavailable", title, detail, retryAfterSeconds);
    }

    private static Response unavailable(UriInfo uri, String slug, String title, String detail, int retryAfterSeconds) {
        Response base = problem(503, slug, title, detail, uri, List.of(), Map.of("retryAfterSeconds", retryAfterSeconds));
        return Response.fromResponse(base).header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).build();
    }

    private Response unauthenticated(UriInfo uri) {
        if (bearer) {
            Response base = problem(401, "unauthenticated", "需要身份认证 (authentication required)",
                    "请携带身份认证服务签发的有效访问令牌 (send a valid, unexpired bearer token of the identity provider)",
                    uri, List.of(), null);
            return Response.fromResponse(base).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"lexrule\"").build();
        }
        Response base = problem(401, "unauthenticated", "需要身份认证 (authentication required)",
                "请使用 HTTP Basic 认证 (use HTTP Basic authentication)", uri, List.of(), null);
        return Response.fromResponse(base).header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"lexrule\"").build();
    }

    static Response problem(int status, String slug, String title, String detail, UriInfo uri, List<?> errors,
                            Map<String, Object> extensions) {
        Problem body = new Problem(Problem.TYPE_BASE + slug, title, status, detail,
                uri == null ? null : uri.getRequestUri().getRawPath(), errors, extensions);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    /** "assess.request.dangerIndicators[1].<list element>" → "dangerIndicators[1]". */
    static String fieldOf(Path path) {
        List<String> parts = new ArrayList<>();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, PARAMETER, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> parts.clear();
                case CONTAINER_ELEMENT -> {
                    if (node.getIndex() != null && !parts.isEmpty()) {
                        parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + node.getIndex() + "]");
                    }
                }
                default -> {
                    String name = node.getName();
                    if (node.getIndex() != null && !parts.isEmpty()) {
                        parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + node.getIndex() + "]");
                    }
                    if (name != null) parts.add(name);
                }
            }
        }
        return parts.isEmpty() ? "body" : String.join(".", parts);
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** The rejected value as the caller may see it again: short, and with no character that is not text. */
    private static Object safeValue(ConstraintViolation<?> v) {
        Object value = v.getInvalidValue();
        if (value == null || value instanceof Number || value instanceof Boolean) return value;
        String text = value.toString();
        text = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        StringBuilder shown = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Character.isSurrogate((char) cp) || PlainTextValidator.firstRefused(new String(Character.toChars(cp)), false).isPresent()) {
                shown.append(String.format(java.util.Locale.ROOT, "\\u%04X", cp));
            } else {
                shown.appendCodePoint(cp);
            }
        });
        return shown.toString();
    }

    private static <T extends Throwable> Optional<T> causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return Optional.of(type.cast(t));
        }
        return Optional.empty();
    }

    /** "/dangerIndicators/1" as the parser stood there → "dangerIndicators[1]". */
    private static String pathOf(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) parts.add(0, c.getCurrentName());
            else if (c.inArray()) parts.add(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (!path.isEmpty() && !part.startsWith("[")) path.append('.');
            path.append(part);
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String jsonName(Object constant) {
        Enum<?> e = (Enum<?>) constant;
        try {
            com.fasterxml.jackson.annotation.JsonProperty json = e.getDeclaringClass().getField(e.name())
                    .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            return json != null ? json.value() : e.name();
        } catch (NoSuchFieldException ex) {
            return e.name();
        }
    }
}
