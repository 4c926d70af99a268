-- A printed assessment report carries its record's hash as the verification code; the verification endpoint
-- (audit/VerificationResource) finds the record by it.
CREATE INDEX ix_decision_record_hash ON decision_record (record_hash);
