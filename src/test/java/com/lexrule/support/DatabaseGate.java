package com.lexrule.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A TCP gate between one test application and its database, so that a test can take the database away from that
 * application alone: closing the gate cuts every open connection and refuses new ones, as a database that went down
 * would, without touching the shared PostgreSQL server or any other suite. On H2 the database behind the gate is an
 * H2 TCP server of the test's own. The gate is driven through a system property, which the test (loaded by Quarkus's
 * class loader) and this resource (loaded by JUnit's) both see.
 */
public class DatabaseGate implements QuarkusTestResourceLifecycleManager {

    public static final String PROPERTY = "lexrule.test.database-gate";

    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private ServerSocket gate;
    private Thread acceptor;
    private Object h2Server;
    private String originalUrl;

    /** Returns once the watcher (polling every 20 ms) has cut the open connections, so no request slips through. */
    public static void close() {
        System.setProperty(PROPERTY, "closed");
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void open() {
        System.setProperty(PROPERTY, "open");
    }

    @Override
    public Map<String, String> start() {
        open();
        String kind = System.getProperty("quarkus.datasource.db-kind", "h2");
        String url = System.getProperty("quarkus.datasource.jdbc.url", "");
        try {
            InetSocketAddress target;
            String gatedUrl;
            gate = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            if (kind.equals("postgresql")) {
                URI uri = URI.create(url.substring("jdbc:".length()));
                target = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
                gatedUrl = "jdbc:postgresql://127.0.0.1:" + gate.getLocalPort() + uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            } else {
                int port;
                try (ServerSocket free = new ServerSocket(0)) {
                    port = free.getLocalPort();
                }
                Class<?> server = Class.forName("org.h2.tools.Server");
                h2Server = server.getMethod("createTcpServer", String[].class)
                        .invoke(null, (Object) new String[] {"-tcpPort", Integer.toString(port), "-ifNotExists"});
                server.getMethod("start").invoke(h2Server);
                target = new InetSocketAddress("127.0.0.1", port);
                gatedUrl = "jdbc:h2:tcp://127.0.0.1:" + gate.getLocalPort() + "/mem:lexrule-gated;DB_CLOSE_DELAY=-1";
            }
            acceptor = new Thread(() -> accept(target), "database-gate");
            acceptor.setDaemon(true);
            acceptor.start();
            Thread watcher = new Thread(this::cutWhenClosed, "database-gate-watcher");
            watcher.setDaemon(true);
            watcher.start();
            // surefire passes the suite's database as a system property, which outranks a resource's overrides
            originalUrl = System.getProperty("quarkus.datasource.jdbc.url");
            System.setProperty("quarkus.datasource.jdbc.url", gatedUrl);
            return Map.of("quarkus.datasource.jdbc.url", gatedUrl);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the database gate", e);
        }
    }

    private static boolean isOpen() {
        return !"closed".equals(System.getProperty(PROPERTY));
    }

    private void accept(InetSocketAddress target) {
        while (!gate.isClosed()) {
            try {
                Socket client = gate.accept();
                if (!isOpen()) {
                    client.close();
                    continue;
                }
                Socket server = new Socket();
                server.connect(target, 2000);
                open.add(client);
                open.add(server);
                pipe(client, server);
                pipe(server, client);
            } catch (IOException e) {
                // the gate was shut, or one connection failed: go on with the next
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // cut
            } finally {
                quietly(from);
                quietly(to);
            }
        }, "database-gate-pipe");
        t.setDaemon(true);
        t.start();
    }

    private void cutWhenClosed() {
        while (!gate.isClosed()) {
            if (!isOpen()) {
                open.forEach(DatabaseGate::quietly);
                open.clear();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void quietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void stop() {
        if (originalUrl != null) System.setProperty("quarkus.datasource.jdbc.url", originalUrl);
        else System.clearProperty("quarkus.datasource.jdbc.url");
        try {
            gate.close();
        } catch (IOException | NullPointerException ignored) {
            // gone
        }
        open.forEach(DatabaseGate::quietly);
        if (h2Server != null) {
            try {
                h2Server.getClass().getMethod("stop").invoke(h2Server);
            } catch (ReflectiveOperationException ignored) {
                // the JVM ends anyway
            }
        }
    }
}
