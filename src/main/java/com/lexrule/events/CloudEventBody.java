package com.lexrule.events;

import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An outbox event in the CloudEvents 1.0 structured JSON format (media type {@code application/cloudevents+json}),
 * the body of a webhook and of an AMQP message alike. No CloudEvents SDK is served here; the format is six required
 * or optional attributes and the data, written by Jackson.
 */
final class CloudEventBody {

    static final String MEDIA_TYPE = "application/cloudevents+json";
    static final String TYPE_PREFIX = "com.lexrule.";

    private CloudEventBody() {
    }

    static String of(OutboxEvent event, String source, ObjectMapper json) {
        try {
            ObjectNode body = json.createObjectNode();
            body.put("specversion", "1.0");
            body.put("id", event.id);
            body.put("source", source);
            body.put("type", TYPE_PREFIX + event.type);
            body.put("subject", event.subject);
            body.put("time", event.occurredAt.truncatedTo(ChronoUnit.MICROS).toString());
            body.put("datacontenttype", "application/json");
            // An extension attribute (lower-case letters only, CloudEvents 1.0 §3.1.1): routing without reading data.
            body.put("lexrulefamily", event.family);
            body.set("data", json.readTree(event.dataJson));
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox event " + event.id + " holds no JSON", e);
        }
    }
}
