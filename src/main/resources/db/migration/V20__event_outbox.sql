-- Results pushed to the next agency (docs/events.md). One statement set for H2 and PostgreSQL.

-- A case system's subscription: which families and event types it takes, and where they go (a webhook URL or an
-- AMQP address). The secret signs each delivery; it is shown once, at creation or rotation.
CREATE TABLE event_subscription (
    id              VARCHAR(36)   PRIMARY KEY,
    name            VARCHAR(200)  NOT NULL,
    families        VARCHAR(1000) NOT NULL,
    event_types     VARCHAR(1000) NOT NULL,
    transport       VARCHAR(16)   NOT NULL,
    target          VARCHAR(2000) NOT NULL,
    secret          VARCHAR(128)  NOT NULL,
    active          BOOLEAN       NOT NULL,
    created_by      VARCHAR(128)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    secret_rotated_at TIMESTAMP WITH TIME ZONE
);

-- The transactional outbox: one row per event, inserted in the transaction that commits the record it reports
-- (the audit batch, an officer's decision, an objection's outcome, a publication). The dispatcher fans each row out
-- to the subscriptions it matches, once.
CREATE TABLE event_outbox (
    id              VARCHAR(36)   PRIMARY KEY,
    event_type      VARCHAR(64)   NOT NULL,
    family          VARCHAR(64)   NOT NULL,
    subject         VARCHAR(200)  NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    data_json       VARCHAR(100000) NOT NULL,
    fanned_out      BOOLEAN       NOT NULL
);
CREATE INDEX ix_event_outbox_fan_out ON event_outbox (fanned_out, occurred_at);

-- One event for one subscription: delivered at least once, retried with backoff, dead after the last attempt until an
-- admin asks for it again.
CREATE TABLE event_delivery (
    id              VARCHAR(36)   PRIMARY KEY,
    event_id        VARCHAR(36)   NOT NULL REFERENCES event_outbox (id),
    subscription_id VARCHAR(36)   NOT NULL REFERENCES event_subscription (id) ON DELETE CASCADE,
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_attempt_at TIMESTAMP WITH TIME ZONE,
    last_status     INTEGER,
    last_error      VARCHAR(1000),
    delivered_at    TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_event_delivery UNIQUE (event_id, subscription_id)
);
CREATE INDEX ix_event_delivery_due ON event_delivery (status, next_attempt_at);
CREATE INDEX ix_event_delivery_subscription ON event_delivery (subscription_id, status);
