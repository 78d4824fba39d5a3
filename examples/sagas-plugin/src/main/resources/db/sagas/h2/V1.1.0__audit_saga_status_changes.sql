-- Records every change of a saga's status in saga_audit_events, in the same transaction as the change.
-- H2 triggers are Java classes: this one ships in the plugin jar.
CREATE TRIGGER trg_sagas_status_audit
    AFTER UPDATE ON sagas
    FOR EACH ROW CALL 'dev.tern.examples.sagas.h2.SagaStatusAuditTrigger';
