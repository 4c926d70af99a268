package com.lexrule.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The port through which a record's event is written in the same commit as the record (the transactional outbox of
 * docs/events.md): nothing is pushed that was not recorded, and nothing recorded is lost. The audit writer, the
 * officers' decisions and objections ({@code review}) and publications ({@code policy.lifecycle}) declare what happened;
 * the {@code events} package, above them all, stores it and delivers it.
 */
public interface EventOutbox {

    String ASSESSMENT_RECORDED = "assessment.recorded";
    String OFFICER_DECISION_RECORDED = "officer-decision.recorded";
    String OBJECTION_DECIDED = "objection.decided";
    String POLICY_PUBLISHED = "policy.published";
    List<String> TYPES = List.of(ASSESSMENT_RECORDED, OFFICER_DECISION_RECORDED, OBJECTION_DECIDED, POLICY_PUBLISHED);

    /**
     * One event: its id (the idempotency key a receiver dedupes on), one of {@link #TYPES}, the policy family it
     * concerns, its subject (the record's id), when it happened, and its data as the JSON delivered.
     */
    record Event(String id, String type, String family, String subject, Instant occurredAt, String dataJson) {
    }

    /** Appends the events on a connection whose transaction the caller commits (the audit's group-commit batch). */
    void append(Connection connection, List<Event> events) throws SQLException;

    /** Appends the event in the caller's JTA transaction, which must be active: it commits or rolls back with it. */
    void append(Event event);
}
