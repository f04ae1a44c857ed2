package shanzhi.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.GatewayTestConfiguration;
import shanzhi.gateway.TestDatabases;

/**
 * Two gateway replicas (the shared test context and a second one, same audit database) serve
 * 2 x 50 personal reads at once: the chain stays one valid chain with every record in it.
 */
class TwoReplicasTest extends ApiTestBase {
    private static final int PER_REPLICA = 50;
    private static SecondGateway second;

    @BeforeAll
    static void startSecondReplica() {
        second = SecondGateway.start(GatewayTestConfiguration.AUDIT);
    }

    @AfterAll
    static void stopSecondReplica() {
        second.close();
    }

    @Test
    void concurrentAppendsFromTwoReplicasKeepOneValidChain() throws Exception {
        TestDatabases databases = TestDatabases.get();
        AuditRecords audit = new AuditRecords(databases.jdbcUrl(GatewayTestConfiguration.AUDIT), databases.user(),
                databases.password());
        List<String> ids = query("{ people(under: \"440513\", first: 100) { edges { node { id } } } }")
                .path("people.edges[*].node.id").entityList(String.class).hasSize(2 * PER_REPLICA).get();
        HttpGraphQlTester replicaA = as(List.of(Role.POLICE), DISTRICT, null);
        HttpGraphQlTester replicaB = second.as("replica-b", List.of(Role.POLICE), DISTRICT);
        long before = audit.lastSequence();

        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> requests = new ArrayList<>();
            for (int i = 0; i < 2 * PER_REPLICA; i++) {
                HttpGraphQlTester replica = i % 2 == 0 ? replicaA : replicaB;
                String id = ids.get(i);
                requests.add(pool.submit(() -> replica.document("query Read($id: ID!) { person(id: $id) { name } }")
                        .variables(Map.of("id", id)).execute().path("person.name").hasValue()));
            }
            for (Future<?> request : requests) {
                request.get();
            }
        } finally {
            pool.shutdown();
        }

        List<StoredRecord> records = audit.after(before);
        assertThat(records).hasSize(2 * PER_REPLICA);
        assertThat(records.stream().map(StoredRecord::sequence).toList())
                .as("consecutive sequence numbers").containsExactlyElementsOf(
                        LongStream.rangeClosed(before + 1, before + 2 * PER_REPLICA).boxed().toList());
        assertThat(records.stream().flatMap(record -> record.personIds().stream()).toList())
                .containsExactlyInAnyOrderElementsOf(ids.stream().map(Long::valueOf).toList());
        Map<String, Long> bySubject = records.stream()
                .collect(Collectors.groupingBy(StoredRecord::subject, Collectors.counting()));
        assertThat(bySubject).containsEntry("test-police-" + DISTRICT, (long) PER_REPLICA)
                .containsEntry("replica-b", (long) PER_REPLICA);

        query("{ auditChain { valid records firstBrokenSequence } }")
                .path("auditChain.valid").entity(Boolean.class).isEqualTo(true)
                .path("auditChain.records").entity(Long.class).satisfies(count ->
                        assertThat(count).isGreaterThanOrEqualTo(before + 2 * PER_REPLICA));
    }
}
