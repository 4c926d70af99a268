package com.lexrule.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What an event says, one record per type of {@link EventOutbox#TYPES}: its components, in their order, are the
 * CloudEvent's {@code data} as delivered (docs/events.md shows each as a test received it). A field added here is a
 * field every subscriber receives, so this is the events' contract, written once.
 */
public sealed interface EventData {

    @JsonIgnore
    String type();

    String family();

    /** The record the event is about: the CloudEvent's {@code subject}. */
    @JsonIgnore
    String subject();

    @JsonIgnore
    Instant occurredAt();

    /** The event to append: a new id (the receiver's idempotency key) and this data as JSON. */
    default EventOutbox.Event toEvent(ObjectMapper json) {
        try {
            return new EventOutbox.Event(UUID.randomUUID().toString(), type(), family(), subject(), occurredAt(),
                    json.writeValueAsString(this));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + type() + " of " + subject() + " could not be serialised", e);
        }
    }

    /** The policy version a decision used. */
    record PolicyRef(String family, int version, String sha256) {
    }

    /** Where the whole record is, one GET away. */
    record Links(String decision) {
    }

    /** An assessment recorded in the audit: what a case system files with the case. */
    record AssessmentRecorded(String decisionId, String family, String caseId, String subjectId, String stage,
                              String outcome, String recommendation, String color, String crimeType, String objectionId,
                              PolicyRef policy, Instant decidedAt, Links links) implements EventData {
        @Override public String type() { return EventOutbox.ASSESSMENT_RECORDED; }
        @Override public String subject() { return decisionId; }
        @Override public Instant occurredAt() { return decidedAt; }
    }

    /** An officer's final decision on an assessment, or its correction (a higher revision correcting {@code correctsId}). */
    record OfficerDecisionRecorded(String officerDecisionId, String decisionId, String family, String caseId,
                                   String subjectId, String recommendation, String taken, boolean agrees, String officer,
                                   String reason, int revision, String correctsId, Instant recordedAt) implements EventData {
        @Override public String type() { return EventOutbox.OFFICER_DECISION_RECORDED; }
        @Override public String subject() { return officerDecisionId; }
        @Override public Instant occurredAt() { return recordedAt; }
    }

    /** An objection's outcome, with the re-assessment it caused, if any. */
    record ObjectionDecided(String objectionId, String outcomeId, String decisionId, String family, String caseId,
                            String subjectId, String objectorRole, String outcome, String reason, String reassessmentId,
                            Instant decidedAt) implements EventData {
        @Override public String type() { return EventOutbox.OBJECTION_DECIDED; }
        @Override public String subject() { return outcomeId; }
        @Override public Instant occurredAt() { return decidedAt; }
    }

    /** A policy version published: from {@code effectiveFrom} on, assessments use it. */
    record PolicyPublished(String family, int version, String sha256, LocalDate effectiveFrom, String changeNote,
                           String publishedBy, Instant publishedAt) implements EventData {
        @Override public String type() { return EventOutbox.POLICY_PUBLISHED; }
        @Override public String subject() { return family + "/v" + version; }
        @Override public Instant occurredAt() { return publishedAt; }
    }
}
