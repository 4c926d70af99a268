package com.lexrule.policy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import com.lexrule.problem.DatabaseUnavailable;

/**
 * Tells the other replicas at once that a version was published, through PostgreSQL {@code LISTEN/NOTIFY}. The
 * publisher notifies inside its publication's transaction ({@link PolicyStore#publish}), so a notification is sent
 * only for a committed version. Each replica listens on a connection of its own, outside the pool (a pooled
 * connection would be validated, recycled or handed to a request), and on a notification from another replica
 * refreshes on a thread of its own: it compiles the new version off the request path and switches to it in one
 * write ({@link PolicyRegistry#refresh(String)}). A listener that loses its connection reconnects, and refreshes
 * once it is back, for whatever was published meanwhile. H2 has no NOTIFY: there, and everywhere as the fallback,
 * the registry's poll finds new versions.
 */
@ApplicationScoped
public class PolicyNotifications {

    private static final Logger LOG = Logger.getLogger(PolicyNotifications.class);
    public static final String CHANNEL = "lexrule_policy";
    /** This process, so that a replica does not refresh for its own publications (it installs them itself). */
    static final String ORIGIN = UUID.randomUUID().toString();
    /** How long a wait for notifications lasts before the connection is checked. */
    private static final int WAIT_MILLIS = 500;
    private static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    private final PolicyRegistry registry;
    private final jakarta.enterprise.event.Event<DraftValidated> drafts;
    private final boolean postgres;
    private final String url;
    private final String username;
    private final Optional<String> password;
    private final Duration reconnectDelay;
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "policy-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopped;
    private volatile boolean listening;
    private volatile Connection connection;
    private Thread listener;

    public PolicyNotifications(PolicyRegistry registry, jakarta.enterprise.event.Event<DraftValidated> drafts,
                               @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind,
                               @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                               @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                               @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                               @ConfigProperty(name = "lexrule.policy.listen-reconnect", defaultValue = "1s") Duration reconnectDelay) {
        this.registry = registry;
        this.drafts = drafts;
        this.postgres = isPostgres(dbKind);
        this.url = url;
        this.username = username.orElse(null);
        this.password = password;
        this.reconnectDelay = reconnectDelay;
    }

    public static boolean isPostgres(String dbKind) {
        return dbKind != null && (dbKind.equals("postgresql") || dbKind.equals("pgsql") || dbKind.equals("pg"));
    }

    /** The payload of a publication's notification: who published, which family and version. */
    static String payload(PolicyVersion version) {
        return ORIGIN + " version " + version.family() + " " + version.version();
    }

    /** The payload that announces a draft validated on this replica, for the others to compile ahead of its approval. */
    public static String draftPayload(String family, long draftId) {
        return ORIGIN + " draft " + family + " " + draftId;
    }

    /** A draft validated on another replica (announced by {@link #draftPayload}), observed by the policy lifecycle. */
    public record DraftValidated(String family, long draftId) {
    }

    /** After the registry has compiled what is in force (its start observer runs first). */
    void onStart(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 100) StartupEvent event) {
        if (!postgres) {
            LOG.infof("no LISTEN/NOTIFY on this database: new policy versions are found by the poll alone");
            return;
        }
        listener = new Thread(this::listen, "policy-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        Connection open = connection;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException ignored) {
                // closing on the way out
            }
        }
        refresher.shutdownNow();
    }

    /** Whether the listener holds its connection and is listening (false on H2). */
    public boolean listening() {
        return listening;
    }

    private void listen() {
        boolean connectedBefore = false;
        while (!stopped) {
            Properties properties = new Properties();
            if (username != null) properties.setProperty("user", username);
            password.ifPresent(p -> properties.setProperty("password", p));
            properties.setProperty("ApplicationName", "lexrule-policy-listener");
            properties.setProperty("tcpKeepAlive", "true");
            try (Connection open = DriverManager.getConnection(url, properties)) {
                connection = open;
                try (Statement statement = open.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                if (connectedBefore) {
                    LOG.infof("policy listener reconnected; refreshing for what was published meanwhile");
                    requestRefresh("notify");
                } else {
                    LOG.infof("listening for policy publications on channel %s", CHANNEL);
                }
                connectedBefore = true;
                PGConnection pg = open.unwrap(PGConnection.class);
                long checked = System.nanoTime();
                while (!stopped) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            received(notification.getParameter());
                        }
                    }
                    if (System.nanoTime() - checked > CHECK_EVERY.toNanos()) {
                        // A connection cut without a FIN is found here, not by the wait above.
                        try (Statement statement = open.createStatement()) {
                            statement.setQueryTimeout(5);
                            statement.execute("SELECT 1");
                        }
                        checked = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (stopped) return;
                if (listening) {
                    LOG.warnf("policy listener lost its connection (%s); reconnecting every %d ms, the poll covers meanwhile",
                            e.getMessage(), reconnectDelay.toMillis());
                } else {
                    LOG.debugf("policy listener could not connect: %s", e.getMessage());
                }
            } finally {
                listening = false;
                connection = null;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(reconnectDelay.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A notification: another replica's publication, or a draft it validated; this replica's own are ignored. */
    private void received(String payload) {
        String[] parts = payload.split(" ");
        if (parts.length != 4 || parts[0].equals(ORIGIN)) return;
        if (parts[1].equals("version")) {
            requestRefresh("notify");
        } else if (parts[1].equals("draft")) {
            long id;
            try {
                id = Long.parseLong(parts[3]);
            } catch (NumberFormatException e) {
                return;
            }
            refresher.execute(() -> {
                try {
                    drafts.fire(new DraftValidated(parts[2], id));
                } catch (RuntimeException e) {
                    LOG.warnf("draft %d of %s announced by another replica was not compiled ahead here: %s", id, parts[2], e.getMessage());
                }
            });
        }
    }

    /** One refresh at a time; notifications that arrive while one waits to start are served by it. */
    private void requestRefresh(String via) {
        if (!refreshPending.compareAndSet(false, true)) return;
        refresher.execute(() -> {
            refreshPending.set(false);
            if (!registry.isReady()) return; // the start compiles what is there
            try {
                registry.refresh(via);
            } catch (RuntimeException e) {
                if (!DatabaseUnavailable.causes(e)) {
                    LOG.errorf(e, "refresh after a policy notification failed; the poll tries again");
                } else {
                    DatabaseUnavailable.warn("policy refresh", e);
                }
            }
        });
    }
}
