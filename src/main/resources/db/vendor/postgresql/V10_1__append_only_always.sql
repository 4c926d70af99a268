-- Every audit table refuses UPDATE, DELETE and TRUNCATE, whoever connects, and also under
-- SET session_replication_role = replica (which skips ordinary triggers): the triggers are ENABLE ALWAYS.
-- A superuser can still disable them; what that changes is detected by the keyed chains and the signed
-- checkpoints (docs/audit-integrity.md).

-- Rows recorded before V10 get their chain position and revision, once, with the V2_1 triggers paused.
ALTER TABLE officer_decision DISABLE TRIGGER officer_decision_append_only;
ALTER TABLE objection DISABLE TRIGGER objection_append_only;
ALTER TABLE objection_outcome DISABLE TRIGGER objection_outcome_append_only;
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
ALTER TABLE officer_decision ENABLE ALWAYS TRIGGER officer_decision_append_only;
ALTER TABLE objection ENABLE ALWAYS TRIGGER objection_append_only;
ALTER TABLE objection_outcome ENABLE ALWAYS TRIGGER objection_outcome_append_only;
ALTER TABLE decision_record ENABLE ALWAYS TRIGGER decision_record_append_only;
ALTER TABLE decision_record ENABLE ALWAYS TRIGGER decision_record_no_truncate;

CREATE TRIGGER officer_decision_no_truncate BEFORE TRUNCATE ON officer_decision
    FOR EACH STATEMENT EXECUTE FUNCTION lexrule_refuse_change();
CREATE TRIGGER objection_no_truncate BEFORE TRUNCATE ON objection
    FOR EACH STATEMENT EXECUTE FUNCTION lexrule_refuse_change();
CREATE TRIGGER objection_outcome_no_truncate BEFORE TRUNCATE ON objection_outcome
    FOR EACH STATEMENT EXECUTE FUNCTION lexrule_refuse_change();
ALTER TABLE officer_decision ENABLE ALWAYS TRIGGER officer_decision_no_truncate;
ALTER TABLE objection ENABLE ALWAYS TRIGGER objection_no_truncate;
ALTER TABLE objection_outcome ENABLE ALWAYS TRIGGER objection_outcome_no_truncate;

CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION lexrule_refuse_change();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION lexrule_refuse_change();
ALTER TABLE audit_checkpoint ENABLE ALWAYS TRIGGER audit_checkpoint_append_only;
ALTER TABLE audit_checkpoint ENABLE ALWAYS TRIGGER audit_checkpoint_no_truncate;

-- A chain head only moves forward: an UPDATE must keep the chain and raise its sequence number. No DELETE, no
-- TRUNCATE.
CREATE OR REPLACE FUNCTION lexrule_chain_head_advances() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.name = OLD.name AND NEW.last_seq > OLD.last_seq THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'lexrule: % only advances; % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain
    FOR EACH ROW EXECUTE FUNCTION lexrule_chain_head_advances();
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
    FOR EACH STATEMENT EXECUTE FUNCTION lexrule_refuse_change();
ALTER TABLE audit_chain ENABLE ALWAYS TRIGGER audit_chain_append_only;
ALTER TABLE audit_chain ENABLE ALWAYS TRIGGER audit_chain_no_truncate;
