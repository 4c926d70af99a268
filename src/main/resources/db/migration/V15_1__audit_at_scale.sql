-- Operations whose cost grew with the audit (issue 15, docs/scaling.md).
--
-- Search pages and the CSV export read newest first, by decision time then id, both descending: these indexes
-- hold that order, so a keyset page and the export's cursor read the index in order and sort nothing.
DROP INDEX ix_decision_family_time;
CREATE INDEX ix_decision_family_time_id ON decision_record (family, created_at, id);
CREATE INDEX ix_decision_time_id ON decision_record (created_at, id);

-- Agreement statistics as a rollup, by day in the agencies' zone (lexrule.zone, given to Flyway as a placeholder).
-- Assessments: counted by the audit batch that writes them (audit/ChainWriter), in its transaction. The chain
-- partition is part of the key: only the writer holding that chain's head updates its rows, so two writers never
-- race to insert one row.
CREATE TABLE agreement_assessments (
    family          VARCHAR(64) NOT NULL,
    decision_day    DATE        NOT NULL,
    chain_partition INTEGER     NOT NULL,
    policy_version  INTEGER     NOT NULL,
    crime_type      VARCHAR(64) NOT NULL,
    color           VARCHAR(16) NOT NULL,
    assessments     BIGINT      NOT NULL,
    PRIMARY KEY (family, decision_day, chain_partition, policy_version, crime_type, color)
);
INSERT INTO agreement_assessments (family, decision_day, chain_partition, policy_version, crime_type, color, assessments)
    SELECT family, CAST(created_at AT TIME ZONE '${lexrule_zone}' AS DATE), chain_partition, policy_version,
           COALESCE(crime_type, ''), COALESCE(color, ''), COUNT(*)
    FROM decision_record
    GROUP BY family, CAST(created_at AT TIME ZONE '${lexrule_zone}' AS DATE), chain_partition, policy_version,
             COALESCE(crime_type, ''), COALESCE(color, '');

-- The officers' decisions compared, keyed by the day, version, crime type and color of the decision they review:
-- moved by each officer decision in its transaction, which holds the officer-decision chain's lock. A correction
-- takes back what the entry it corrects counted.
CREATE TABLE agreement_decided (
    family          VARCHAR(64) NOT NULL,
    decision_day    DATE        NOT NULL,
    policy_version  INTEGER     NOT NULL,
    crime_type      VARCHAR(64) NOT NULL,
    color           VARCHAR(16) NOT NULL,
    decided         BIGINT      NOT NULL,
    agreed          BIGINT      NOT NULL,
    PRIMARY KEY (family, decision_day, policy_version, crime_type, color)
);
INSERT INTO agreement_decided (family, decision_day, policy_version, crime_type, color, decided, agreed)
    SELECT d.family, CAST(d.created_at AT TIME ZONE '${lexrule_zone}' AS DATE), d.policy_version,
           COALESCE(d.crime_type, ''), COALESCE(d.color, ''), COUNT(*), SUM(CASE WHEN o.agrees THEN 1 ELSE 0 END)
    FROM officer_decision o JOIN decision_record d ON d.id = o.decision_id
    WHERE o.revision = (SELECT MAX(o2.revision) FROM officer_decision o2 WHERE o2.decision_id = o.decision_id)
    GROUP BY d.family, CAST(d.created_at AT TIME ZONE '${lexrule_zone}' AS DATE), d.policy_version,
             COALESCE(d.crime_type, ''), COALESCE(d.color, '');

-- The reasons given for departing, by the SHA-256 of their text (a reason may be longer than an index entry);
-- filled for earlier rows by the vendor migration V15_2, which knows its database's hash function.
CREATE TABLE agreement_reasons (
    family          VARCHAR(64)   NOT NULL,
    decision_day    DATE          NOT NULL,
    reason_sha256   CHAR(64)      NOT NULL,
    reason          VARCHAR(2000) NOT NULL,
    departures      BIGINT        NOT NULL,
    PRIMARY KEY (family, decision_day, reason_sha256)
);
