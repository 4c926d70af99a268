-- In PostgreSQL the database itself refuses to change or remove what was recorded: decision records, officers'
-- decisions, objections and their outcomes are append-only, whoever connects.
CREATE OR REPLACE FUNCTION lexrule_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'lexrule: % is append-only; % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER decision_record_append_only BEFORE UPDATE OR DELETE ON decision_record
    FOR EACH ROW EXECUTE FUNCTION lexrule_refuse_change();
CREATE TRIGGER officer_decision_append_only BEFORE UPDATE OR DELETE ON officer_decision
    FOR EACH ROW EXECUTE FUNCTION lexrule_refuse_change();
CREATE TRIGGER objection_append_only BEFORE UPDATE OR DELETE ON objection
    FOR EACH ROW EXECUTE FUNCTION lexrule_refuse_change();
CREATE TRIGGER objection_outcome_append_only BEFORE UPDATE OR DELETE ON objection_outcome
    FOR EACH ROW EXECUTE FUNCTION lexrule_refuse_change();
-- TRUNCATE is a statement-level operation: refuse it too.
CREATE TRIGGER decision_record_no_truncate BEFORE TRUNCATE ON decision_record
    FOR EACH STATEMENT EXECUTE FUNCTION lexrule_refuse_change();
