package shanzhi.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import shanzhi.api.Role;
import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.keys.DetachedJws;
import shanzhi.gateway.keys.SigningKeys;
import shanzhi.gateway.signing.SignedResponses;

/**
 * A gateway whose audit store goes down: personal data is withheld (no data, AUDIT_UNAVAILABLE),
 * requests without personal data are still answered, and once the store is back so is the data.
 * "Down" is deterministic: the database refuses new connections and its open ones are killed.
 */
class FailClosedTest {
    private static final String AUDIT_KEY = "audit_down";
    private static SecondGateway gateway;
    private static HttpGraphQlTester client;
    private static AuditRecords records;

    @BeforeAll
    static void start() {
        gateway = SecondGateway.start(AUDIT_KEY);
        client = gateway.as("fail-closed-admin", List.of(Role.DISTRICT_ADMIN), "440513");
        TestDatabases databases = TestDatabases.get();
        records = new AuditRecords(databases.jdbcUrl(AUDIT_KEY), databases.user(), databases.password());
    }

    @AfterAll
    static void stop() throws SQLException {
        allowConnections(true);
        gateway.close();
    }

    @Test
    void withTheAuditStoreDownNoPersonalDataLeavesAndTheRestStillWorks() throws SQLException {
        String id = client.document("{ people(under: \"440513\", first: 1) { edges { node { id } } } }").execute()
                .path("people.edges[0].node.id").entity(String.class).get();
        String read = "query($id: ID!) { person(id: $id) { name idNumber phone } }";
        client.document(read).variables(Map.of("id", id)).execute().path("person.idNumber").hasValue();
        long recorded = records.lastSequence();

        allowConnections(false);
        try {
            client.document(read).variables(Map.of("id", id)).execute()
                    .errors().satisfy(errors -> {
                        assertThat(errors).hasSize(1);
                        assertThat(errors.get(0).getExtensions()).containsEntry("code", "AUDIT_UNAVAILABLE");
                    })
                    .path("person").pathDoesNotExist();
            client.document("{ region(code: \"440513\") { name population } }").execute()
                    .path("region.name").entity(String.class).isEqualTo("潮阳区");
        } finally {
            allowConnections(true);
        }
        assertThat(records.lastSequence()).as("nothing was recorded while down").isEqualTo(recorded);

        client.document(read).variables(Map.of("id", id)).execute().path("person.idNumber").hasValue();
        assertThat(records.lastSequence()).as("recorded again once back").isEqualTo(recorded + 1);
    }

    @Test
    void aSignedClientsWithheldResponseIsSignedWithoutARecordsSequence() throws SQLException {
        String token = gateway.token("fail-closed-partner", List.of(Role.DISTRICT_ADMIN), "440513", "partner-signed");
        long recorded = records.lastSequence();
        allowConnections(false);
        EntityExchangeResult<byte[]> result;
        try {
            result = gateway.http().post().contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .bodyValue(Map.of("query", "{ people(under: \"440513\", first: 1) { edges { node { id idNumber } } } }"))
                    .exchange().expectStatus().isOk().expectBody().returnResult();
        } finally {
            allowConnections(true);
        }
        byte[] body = result.getResponseBodyContent();
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("AUDIT_UNAVAILABLE").doesNotContain("idNumber");
        Map<String, Object> header = DetachedJws.verify(gateway.bean(SigningKeys.class),
                result.getResponseHeaders().getFirst(SignedResponses.HEADER), body).orElseThrow();
        assertThat(header).doesNotContainKey("seq");
        assertThat(records.lastSequence()).isEqualTo(recorded);
    }

    private static void allowConnections(boolean allow) throws SQLException {
        TestDatabases databases = TestDatabases.get();
        String database = databases.database(AUDIT_KEY);
        try (var connection = DriverManager.getConnection(databases.jdbcUrl("postgres").replace(
                databases.database("postgres"), "postgres"), databases.user(), databases.password());
             var statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS " + allow);
            if (!allow) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                        + database + "'");
            }
        }
    }
}
