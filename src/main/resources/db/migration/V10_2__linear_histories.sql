-- Each decision's officer history is a line: one original (revision 1), each correction the next revision, and no
-- entry corrected twice. A service that lost a race fails here rather than forking the history (answered 409).
-- A database whose history already forked (before this migration) stops here: that fork is for a person to resolve.
ALTER TABLE officer_decision ALTER COLUMN revision SET NOT NULL;
ALTER TABLE officer_decision ADD CONSTRAINT uq_officer_decision_revision UNIQUE (decision_id, revision);
ALTER TABLE officer_decision ADD CONSTRAINT uq_officer_decision_corrects UNIQUE (corrects_id);
-- One position per record in each chain.
ALTER TABLE officer_decision ALTER COLUMN chain_seq SET NOT NULL;
ALTER TABLE officer_decision ADD CONSTRAINT uq_officer_decision_chain UNIQUE (chain_seq);
ALTER TABLE objection ALTER COLUMN chain_seq SET NOT NULL;
ALTER TABLE objection ADD CONSTRAINT uq_objection_chain UNIQUE (chain_seq);
ALTER TABLE objection_outcome ALTER COLUMN chain_seq SET NOT NULL;
ALTER TABLE objection_outcome ADD CONSTRAINT uq_objection_outcome_chain UNIQUE (chain_seq);
