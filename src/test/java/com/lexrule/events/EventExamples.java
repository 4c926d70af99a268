package com.lexrule.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The events a test received, written where docs/events.md shows them ({@code docs/events/}) when the test runs with
 * {@code -Dlexrule.examples.record=true}; the page's examples are what the service sends, not what someone typed.
 */
final class EventExamples {

    static final Path DIR = Path.of("docs/events");
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventExamples() {
    }

    static void write(String type, JsonNode event) {
        if (!Boolean.getBoolean("lexrule.examples.record")) {
            return;
        }
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(type + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(event) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
