-- H2 (the embedded default): every audit table refuses UPDATE and DELETE through Java triggers
-- (com.lexrule.audit.AppendOnlyTrigger; the chain heads only advance, ChainHeadTrigger). H2 has no TRUNCATE
-- trigger, but it refuses to truncate a table that a foreign key references: audit_truncate_guard references every
-- audit table and holds no rows. Someone who drops these in the database is detected by the keyed chains and the
-- signed checkpoints (docs/audit-integrity.md).

-- Rows recorded before V10 get their chain position and revision, once.
UPDATE officer_decision SET
    revision = (SELECT n FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY decision_id ORDER BY recorded_at, id) AS n
                               FROM officer_decision) r WHERE r.id = officer_decision.id),
    chain_seq = (SELECT n FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY recorded_at, id) AS n
                                FROM officer_decision) r WHERE r.id = officer_decision.id);
UPDATE objection SET
    chain_seq = (SELECT n FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY recorded_at, id) AS n
                                FROM objection) r WHERE r.id = objection.id);
UPDATE objection_outcome SET
    chain_seq = (SELECT n FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY decided_at, id) AS n
                                FROM objection_outcome) r WHERE r.id = objection_outcome.id);

CREATE TRIGGER decision_record_append_only BEFORE UPDATE, DELETE ON decision_record
    FOR EACH ROW CALL 'com.lexrule.audit.AppendOnlyTrigger';
CREATE TRIGGER officer_decision_append_only BEFORE UPDATE, DELETE ON officer_decision
    FOR EACH ROW CALL 'com.lexrule.audit.AppendOnlyTrigger';
CREATE TRIGGER objection_append_only BEFORE UPDATE, DELETE ON objection
    FOR EACH ROW CALL 'com.lexrule.audit.AppendOnlyTrigger';
CREATE TRIGGER objection_outcome_append_only BEFORE UPDATE, DELETE ON objection_outcome
    FOR EACH ROW CALL 'com.lexrule.audit.AppendOnlyTrigger';
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE, DELETE ON audit_checkpoint
    FOR EACH ROW CALL 'com.lexrule.audit.AppendOnlyTrigger';
CREATE TRIGGER audit_chain_append_only BEFORE UPDATE, DELETE ON audit_chain
    FOR EACH ROW CALL 'com.lexrule.audit.ChainHeadTrigger';

CREATE TABLE audit_truncate_guard (
    decision_record_id    VARCHAR(36) REFERENCES decision_record (id),
    officer_decision_id   VARCHAR(36) REFERENCES officer_decision (id),
    objection_id          VARCHAR(36) REFERENCES objection (id),
    objection_outcome_id  VARCHAR(36) REFERENCES objection_outcome (id),
    audit_checkpoint_id   VARCHAR(36) REFERENCES audit_checkpoint (id),
    audit_chain_name      VARCHAR(40) REFERENCES audit_chain (name)
);
CREATE TRIGGER audit_truncate_guard_stays_empty BEFORE INSERT, UPDATE, DELETE ON audit_truncate_guard
    FOR EACH ROW CALL 'com.lexrule.audit.AppendOnlyTrigger';
