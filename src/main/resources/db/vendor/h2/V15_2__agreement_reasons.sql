-- The reasons of the officers' decisions recorded before the rollup (V15_1), hashed as the service hashes them:
-- SHA-256 of the UTF-8 text, in lower-case hex.
INSERT INTO agreement_reasons (family, decision_day, reason_sha256, reason, departures)
    SELECT d.family, CAST(d.created_at AT TIME ZONE '${lexrule_zone}' AS DATE), LOWER(RAWTOHEX(HASH('SHA-256', o.reason))), MAX(o.reason), COUNT(*)
    FROM officer_decision o JOIN decision_record d ON d.id = o.decision_id
    WHERE o.agrees = FALSE AND o.reason IS NOT NULL
      AND o.revision = (SELECT MAX(o2.revision) FROM officer_decision o2 WHERE o2.decision_id = o.decision_id)
    GROUP BY d.family, CAST(d.created_at AT TIME ZONE '${lexrule_zone}' AS DATE), LOWER(RAWTOHEX(HASH('SHA-256', o.reason)));
