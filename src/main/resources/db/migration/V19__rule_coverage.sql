-- Rule and row coverage (issue 17, insight/CoverageService): how often each rule of a version fired and how often it
-- decided, counted by the audit batch that writes the decisions (audit/ChainWriter), in its transaction, by family,
-- day in the agencies' zone, chain partition, version and rule id, as agreement_assessments is: the coverage of a
-- period then sums a few rows per rule and day instead of reading every decision's findings. The chain partition is
-- part of the key: only the writer holding that chain's head moves its rows, so two writers never race to insert one.
-- Decisions recorded before this table existed are not counted here; a coverage answer says how many it misses by
-- comparing with agreement_assessments.
CREATE TABLE rule_coverage (
    family          VARCHAR(64)  NOT NULL,
    decision_day    DATE         NOT NULL,
    chain_partition INTEGER      NOT NULL,
    policy_version  INTEGER      NOT NULL,
    rule_id         VARCHAR(200) NOT NULL,
    fired           BIGINT       NOT NULL,
    decided         BIGINT       NOT NULL,
    PRIMARY KEY (family, policy_version, decision_day, chain_partition, rule_id)
);
