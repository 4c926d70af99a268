package com.lexrule.events;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpServer;

/** A case system's webhook endpoint, as a test runs one: it keeps every POST it gets and answers the status it is told. */
public final class Receiver implements AutoCloseable {

    /** One POST as received: the three signature headers and the body, exactly as sent. */
    public record Received(String id, String timestamp, String signature, String contentType, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    public final AtomicInteger answer = new AtomicInteger(204);

    public Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/events", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
            }
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
    }

    /** Waits until {@code count} deliveries match, and returns them; fails after the timeout. */
    public List<Received> await(Predicate<Received> which, int count, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Received> matching = matching(which);
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("expected " + count + " deliveries, got " + matching.size() + " of " + received.size());
            }
            Thread.sleep(50);
        }
    }

    public List<Received> matching(Predicate<Received> which) {
        return new ArrayList<>(received.stream().filter(which).toList());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
