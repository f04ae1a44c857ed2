package shanzhi.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.micrometer.core.instrument.MeterRegistry;
import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.GatewayInstance;
import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.sources.Department;

/**
 * The gateway's witnesses as its operators meet them: the four department stores keep the
 * checkpoints, auditChain reports each witness and resumes from the last verified point, health
 * and metrics show the chain and the witnesses, and a replica checkpoints what it wrote when it
 * shuts down.
 */
class EvidenceApiTest extends ApiTestBase {
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    @Autowired
    private CheckpointWriter checkpoints;
    @Autowired
    private MeterRegistry meters;
    @LocalServerPort
    int gatewayPort;

    @Test
    void everyDepartmentStoreWitnessesTheChainAndAuditChainSaysSo() {
        readAPerson();
        long witnessed = checkpoints.checkpoint().map(checkpoint -> checkpoint.sequence())
                .orElseGet(() -> checkpoints.lastWrites().get("people").sequence());
        for (Department department : Department.values()) {
            assertThat(highestCheckpoint(department)).as(department.key()).isGreaterThanOrEqualTo(witnessed);
        }
        query("{ auditChain { valid verifiedFrom witnesses { name available checkpoints latestSequence agrees problem } } }")
                .path("auditChain.valid").entity(Boolean.class).isEqualTo(true)
                .path("auditChain.witnesses[*].name").entityList(String.class)
                .containsExactly("people", "grid", "legal", "security")
                .path("auditChain.witnesses[*].agrees").entityList(Boolean.class).contains(true, true, true, true).doesNotContain(false)
                .path("auditChain.witnesses[0].problem").valueIsNull();
        // The second walk resumes where the first ended.
        query("{ auditChain { valid verifiedFrom } }")
                .path("auditChain.verifiedFrom").entity(Long.class).satisfies(from -> assertThat(from).isPositive());
        assertThat(meters.get("shanzhi.audit.chain.intact").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("shanzhi.audit.witnesses.disagreeing").gauge().value()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void operatorsSeeTheChainAndEachWitnessInHealth() {
        readAPerson();
        checkpoints.checkpoint();
        String operator = tokens.issue("evidence-operator", List.of(Role.DISTRICT_ADMIN), DISTRICT, null, "ops-console",
                Duration.ofMinutes(5));
        Map<String, Object> health = WebTestClient.bindToServer().baseUrl("http://localhost:" + gatewayPort)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + operator).build()
                .get().uri("/actuator/health/auditEvidence").exchange().expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(health).containsEntry("status", "UP");
        Map<String, Object> details = (Map<String, Object>) health.get("details");
        assertThat((String) details.get("chain")).startsWith("audit chain valid");
        Map<String, Object> witnesses = (Map<String, Object>) details.get("witnesses");
        assertThat(witnesses).containsOnlyKeys("people", "grid", "legal", "security");
        assertThat((Map<String, Object>) witnesses.get("legal")).containsEntry("written", true).containsKey("lastCheckpoint");
    }

    @Test
    void aReplicaCheckpointsTheRecordsItWroteWhenItShutsDown() {
        long written;
        try (GatewayInstance replica = GatewayInstance.start(Map.of("shanzhi.evidence.witnesses.checkpoint-interval", "1h"))) {
            String token = replica.token("shutdown-admin", List.of(Role.DISTRICT_ADMIN), DISTRICT, "api-tests");
            replica.http().post().uri("/graphql").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .bodyValue(Map.of("query", "{ people(under: \"440513\", first: 1) { edges { node { id name } } } }"))
                    .exchange().expectStatus().isOk();
            written = new AuditRecords(TestDatabases.get().jdbcUrl(shanzhi.gateway.GatewayTestConfiguration.AUDIT),
                    TestDatabases.get().user(), TestDatabases.get().password()).lastSequence();
        }
        assertThat(highestCheckpoint(Department.SECURITY)).isGreaterThanOrEqualTo(written);
    }

    private void readAPerson() {
        query("{ people(under: \"440513\", first: 1) { edges { node { id name } } } }")
                .path("people.edges").entityList(Object.class).hasSize(1);
    }

    private static long highestCheckpoint(Department department) {
        TestDatabases databases = TestDatabases.get();
        try (var connection = DriverManager.getConnection(databases.jdbcUrl(department), databases.user(), databases.password());
             var statement = connection.createStatement();
             var row = statement.executeQuery("SELECT coalesce(max(sequence), -1) FROM evidence_checkpoint")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
