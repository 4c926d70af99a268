-- A case's timeline lists the other cases of the same subject (casefile/CaseTimeline): read by subject.
CREATE INDEX ix_decision_subject ON decision_record (subject_id, case_id);
