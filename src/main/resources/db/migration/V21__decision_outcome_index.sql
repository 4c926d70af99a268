-- The decision search by outcome (issue 16): the outcome summary, then the order every page and the export read
-- in, so that a keyset page filtered by outcome reads this index in order and sorts nothing, as the family's does.
CREATE INDEX ix_decision_outcome_time_id ON decision_record (outcome, created_at, id);
