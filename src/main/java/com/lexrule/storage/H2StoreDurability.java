package com.lexrule.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * On H2 a decision must be in the database file before it is answered. H2's MVStore writes commits up to
 * {@code WRITE_DELAY} (500 ms) later, so a killed process loses decisions it had already answered 200, and the chain
 * head with them (37 of 364 under 8 clients). {@code WRITE_DELAY 0} writes each commit before it returns; it is a
 * database setting, applied here at start whatever URL the operator gave. H2 does not fsync each commit: a power
 * failure, unlike a crashed process, can still lose the last commits, which is why production runs on PostgreSQL.
 */
@ApplicationScoped
public class H2StoreDurability {

    private static final Logger LOG = Logger.getLogger(H2StoreDurability.class);

    // Runs before the policy registry starts: nothing is decided before commits are durable.
    void onStart(@Observes @jakarta.annotation.Priority(1) StartupEvent start, AgroalDataSource dataSource,
                 @ConfigProperty(name = "quarkus.datasource.db-kind") String kind) {
        if (!"h2".equals(kind)) return;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET WRITE_DELAY 0");
        } catch (SQLException e) {
            throw new IllegalStateException("could not make H2 write each commit at once (SET WRITE_DELAY 0)", e);
        }
        LOG.debug("H2: WRITE_DELAY 0, each commit written before it returns");
    }
}
