package com.lexrule.problem;

import java.io.IOException;
import java.util.Optional;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpServerRequest;

/**
 * Every entity the service reads (JSON, a review body) is read through {@link BodySizeLimit#bounded}: a chunked body
 * declares no length, so it is counted as it is read. A parser limit (a number of 5,000 digits, nesting too deep) is
 * raised by Jackson without saying where; the body, kept while it is read, is parsed again to name the field.
 */
@Provider
public class BoundedBody implements ReaderInterceptor {

    /** Ordinary request bodies (256 KiB) are kept to place a parser refusal; a review body is not copied. */
    private static final long COPY_UP_TO = 1024 * 1024;

    private final BodySizeLimit limit;
    private final HttpServerRequest request;
    private final ObjectMapper json;

    public BoundedBody(BodySizeLimit limit, HttpServerRequest request, ObjectMapper json) {
        this.limit = limit;
        this.request = request;
        this.json = json;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        BodySizeLimit.BoundedStream body = limit.bounded(context.getInputStream(), request.path(),
                context.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE), COPY_UP_TO);
        context.setInputStream(body);
        try {
            return context.proceed();
        } catch (JsonProcessingException e) {
            throw unplaced(e) ? placed(body, e) : e;
        } catch (WebApplicationException e) {
            // Quarkus REST's Jackson reader wraps what the parser raised
            if (e.getCause() instanceof JsonProcessingException json && unplaced(json)) {
                throw new WebApplicationException(placed(body, json), e.getResponse().getStatus());
            }
            throw e;
        }
    }

    private static boolean unplaced(JsonProcessingException e) {
        return e.getProcessor() == null && !(e instanceof JsonMappingException);
    }

    private JsonProcessingException placed(BodySizeLimit.BoundedStream body, JsonProcessingException refusal) {
        Optional<byte[]> read = body.readSoFar();
        return read.isEmpty() ? refusal : placed(read.get(), refusal);
    }

    /** The same refusal, raised by a parser that stands where it happened. */
    private JsonProcessingException placed(byte[] body, JsonProcessingException refusal) {
        try (JsonParser parser = json.getFactory().createParser(body)) {
            try {
                while (parser.nextToken() != null) {
                    // read up to the refusal
                }
            } catch (JsonProcessingException again) {
                return new JsonParseException(parser, refusal.getOriginalMessage(), refusal);
            }
        } catch (IOException ignored) {
            // fall through: unplaced
        }
        return refusal;
    }
}
