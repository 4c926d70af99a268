-- Tamper evidence against whoever holds the database (issue 10, docs/audit-integrity.md).
--
-- One head row per chain, by name: the decision chains ('decision-0' .. 'decision-63', as before) and one chain
-- each for officers' decisions, objections and objection outcomes. The head also carries the HMAC of the last
-- record; the HMAC key is never in the database.
CREATE TABLE audit_chain (
    name       VARCHAR(40) PRIMARY KEY,
    last_seq   BIGINT      NOT NULL,
    last_hash  CHAR(64)    NOT NULL,
    last_mac   CHAR(64)
);
INSERT INTO audit_chain (name, last_seq, last_hash)
    SELECT CONCAT('decision-', CAST(chain_partition AS VARCHAR(8))), last_seq, last_hash FROM audit_chain_head;
DROP TABLE audit_chain_head;

-- HMAC-SHA256 over the chain, the sequence number, the previous record's HMAC and this record's SHA-256.
-- Records written before this migration have none; verification reports them as unkeyed.
ALTER TABLE decision_record ADD COLUMN mac CHAR(64);

-- Officers' decisions: a chain position, and the revision that keeps each decision's history a line
-- (1 = the original; n corrects n - 1). Filled for earlier rows by the vendor migration V10_1.
ALTER TABLE officer_decision ADD COLUMN revision INTEGER;
ALTER TABLE officer_decision ADD COLUMN chain_seq BIGINT;
ALTER TABLE officer_decision ADD COLUMN prev_hash CHAR(64);
ALTER TABLE officer_decision ADD COLUMN record_hash CHAR(64);
ALTER TABLE officer_decision ADD COLUMN mac CHAR(64);
ALTER TABLE objection ADD COLUMN chain_seq BIGINT;
ALTER TABLE objection ADD COLUMN prev_hash CHAR(64);
ALTER TABLE objection ADD COLUMN record_hash CHAR(64);
ALTER TABLE objection ADD COLUMN mac CHAR(64);
ALTER TABLE objection_outcome ADD COLUMN chain_seq BIGINT;
ALTER TABLE objection_outcome ADD COLUMN prev_hash CHAR(64);
ALTER TABLE objection_outcome ADD COLUMN record_hash CHAR(64);
ALTER TABLE objection_outcome ADD COLUMN mac CHAR(64);

-- Rows recorded before this migration keep their order as an unhashed prefix of their chain.
INSERT INTO audit_chain (name, last_seq, last_hash)
    SELECT 'officer-decision', COUNT(*), '0000000000000000000000000000000000000000000000000000000000000000' FROM officer_decision;
INSERT INTO audit_chain (name, last_seq, last_hash)
    SELECT 'objection', COUNT(*), '0000000000000000000000000000000000000000000000000000000000000000' FROM objection;
INSERT INTO audit_chain (name, last_seq, last_hash)
    SELECT 'objection-outcome', COUNT(*), '0000000000000000000000000000000000000000000000000000000000000000' FROM objection_outcome;

-- Signed checkpoints of every chain head (Ed25519; the private key is never in the database). Each is also
-- exported as a file to lexrule.audit.checkpoint-dir, which the database cannot rewrite.
CREATE TABLE audit_checkpoint (
    id            VARCHAR(36)     PRIMARY KEY,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    body          VARCHAR(100000) NOT NULL,
    signature     VARCHAR(200)    NOT NULL,
    key_sha256    CHAR(64)        NOT NULL
);
CREATE INDEX ix_audit_checkpoint_time ON audit_checkpoint (created_at);
