package shanzhi.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import shanzhi.api.LiveEvents;
import shanzhi.api.Role;
import shanzhi.gateway.GatewayTestConfiguration;
import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.audit.AuditRecords;
import shanzhi.gateway.audit.StoredRecord;
import shanzhi.gateway.sources.Department;

/**
 * Each subscription event that shows persons is audited on its own, with those persons, and a
 * subscription refused as it starts leaves a refusal, on both transports.
 */
class LiveAuditTest extends LiveTestBase {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anEventShowingPersonsLeavesItsOwnRecord(Transport transport) {
        long event = Long.parseLong(text(Department.GRID, "SELECT event_id FROM grid_event_person ORDER BY event_id LIMIT 1"));
        List<Long> persons = texts(Department.GRID, "SELECT person_id FROM grid_event_person WHERE event_id = " + event
                + " ORDER BY person_id").stream().map(Long::valueOf).toList();
        String cell = text(Department.GRID, "SELECT cell_code FROM grid_event WHERE id = " + event);
        AuditRecords audit = new AuditRecords(TestDatabases.get().jdbcUrl(GatewayTestConfiguration.AUDIT),
                TestDatabases.get().user(), TestDatabases.get().password());
        long before = audit.lastSequence();

        Received received = subscribe(client(transport, token(Role.DISTRICT_ADMIN, DISTRICT)),
                "subscription Watch($under: ID!) { gridEventReported(under: $under) { id persons { id } } }",
                vars("under", cell.substring(0, 9)));
        publishGridEvent(LiveEvents.GRID_EVENT_REPORTED, event);
        received.awaitEvents(1);
        assertThat(received.list()).hasSize(1);

        await().atMost(DEADLINE).until(() -> audit.lastSequence() > before);
        List<StoredRecord> records = audit.after(before);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).operationType()).isEqualTo("subscription");
        assertThat(records.get(0).operationName()).isEqualTo("Watch");
        assertThat(records.get(0).personIds()).containsExactlyElementsOf(persons);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRefusedSubscriptionLeavesARefusalRecord(Transport transport) {
        String town = text(Department.GRID, "SELECT substr(min(code), 1, 9) FROM region WHERE level = 'CELL'");
        AuditRecords audit = new AuditRecords(TestDatabases.get().jdbcUrl(GatewayTestConfiguration.AUDIT),
                TestDatabases.get().user(), TestDatabases.get().password());
        long before = audit.lastSequence();

        Received refused = start(client(transport, token(Role.TOWN_OFFICER, town)),
                "subscription Probe($under: ID!) { incidentReported(under: $under) { id persons { id } } }",
                vars("under", town));
        refused.awaitEnd();

        await().atMost(DEADLINE).until(() -> audit.lastSequence() > before);
        List<StoredRecord> records = audit.after(before);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).operationName()).isEqualTo("Probe");
        assertThat(records.get(0).outcome()).isEqualTo("REFUSED");
        assertThat(records.get(0).refusals()).containsExactly("@allow Subscription.incidentReported");
        assertThat(records.get(0).personIds()).isEmpty();
    }
}
