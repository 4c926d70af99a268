package com.lexrule.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.lexrule.audit.EventOutbox;

/**
 * The outbox's writes. On the audit batch's connection it is one JDBC batch more in the batch's transaction (the hot
 * path: docs/benchmarks.md measures it); elsewhere it is an entity persisted in the caller's transaction.
 */
@ApplicationScoped
public class OutboxWriter implements EventOutbox {

    static final String INSERT = "INSERT INTO event_outbox (id, event_type, family, subject, occurred_at, data_json, fanned_out) "
            + "VALUES (?, ?, ?, ?, ?, ?, FALSE)";

    @Override
    public void append(Connection connection, List<Event> events) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Event event : events) {
                insert.setString(1, event.id());
                insert.setString(2, event.type());
                insert.setString(3, event.family());
                insert.setString(4, event.subject());
                insert.setObject(5, OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC));
                insert.setString(6, event.dataJson());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(Event event) {
        OutboxEvent row = new OutboxEvent();
        row.id = event.id();
        row.type = event.type();
        row.family = event.family();
        row.subject = event.subject();
        row.occurredAt = event.occurredAt();
        row.dataJson = event.dataJson();
        row.fannedOut = false;
        row.persist();
    }
}
