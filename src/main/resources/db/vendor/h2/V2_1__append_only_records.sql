-- H2 is the embedded default for a first run and for development. It has no SQL trigger language, so the
-- append-only guarantee is enforced by PostgreSQL triggers in production (db/vendor/postgresql) and, on every
-- database, detected by the hash chain (GET /api/v1/audit/verification).
SELECT 1;
