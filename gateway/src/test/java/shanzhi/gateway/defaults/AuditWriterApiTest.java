package shanzhi.gateway.defaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.r2dbc.core.DatabaseClient;

import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.TestDatabases;

/**
 * The gateway appends to the audit trail as a writer login (member of shanzhi_audit_writer),
 * never as the owner or a superuser, and refuses to start when configured otherwise.
 */
class AuditWriterApiTest extends ApiTestBase {
    @Autowired
    @Qualifier("auditDatabase")
    DatabaseClient audit;

    @Test
    void theAuditPoolConnectsAsAWriterThatMayNotChangeTheTrail() {
        Map<String, Object> who = audit.sql("SELECT current_user AS login, r.rolsuper, "
                        + "pg_has_role(current_user, 'shanzhi_audit_writer', 'MEMBER') AS writer "
                        + "FROM pg_roles r WHERE r.rolname = current_user").fetch().one().block();
        assertThat(who).containsEntry("login", TestDatabases.get().auditWriter())
                .containsEntry("rolsuper", false).containsEntry("writer", true);
        query("{ person(id: \"1\") { name } }").errors().verify(); // at least one record to refuse changing
        assertThatThrownBy(() -> audit.sql("UPDATE audit_record SET subject = 'x'").fetch().rowsUpdated().block())
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> audit.sql("DELETE FROM audit_record").fetch().rowsUpdated().block())
                .hasMessageContaining("permission denied");
    }

    @Test
    void theGatewayRefusesToAppendAsASuperuser() {
        TestDatabases databases = TestDatabases.get();
        assertThat(DemoProfileRefusalTest.startupFailure(Map.of("shanzhi.audit.username", databases.user(),
                "shanzhi.audit.password", databases.password())))
                .contains("is a superuser", "shanzhi_audit_writer", "shanzhi.audit.migration-username");
    }
}
