-- Audit events are append-only: the database itself refuses to change or remove one.
-- (Someone with write access to the file can drop these triggers; the SHA-256 chain still shows it.)
CREATE TRIGGER "audit_events_no_update" BEFORE UPDATE ON "audit_events"
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;

CREATE TRIGGER "audit_events_no_delete" BEFORE DELETE ON "audit_events"
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;
