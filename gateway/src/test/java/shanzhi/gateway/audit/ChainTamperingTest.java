package shanzhi.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.keys.SigningKeys;

/**
 * The chain against an attacker: each test writes records into an audit database of its own,
 * then edits or deletes rows the way a superuser can (append-only triggers off) and expects the
 * verifier to name the first broken record and why. Also the append-only rules themselves.
 */
class ChainTamperingTest {
    private static final AtomicInteger STORES = new AtomicInteger();
    private AuditTestStore store;
    private AuditRecords records;

    @BeforeEach
    void freshStore() {
        store = AuditTestStore.fresh("audit_chain" + STORES.incrementAndGet());
        records = store.records();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void anUntouchedChainVerifies() {
        append(5);
        assertThat(store.verifier().verify()).isEqualTo(new ChainStatus(true, 5, null, null));
    }

    @Test
    void anEmptyChainVerifies() {
        assertThat(store.verifier().verify()).isEqualTo(new ChainStatus(true, 0, null, null));
    }

    @Test
    void anEditedFieldIsFoundAtItsRecord() {
        append(5);
        records.tamper("UPDATE audit_record SET person_ids = '{1}' WHERE sequence = 3");
        ChainStatus status = store.verifier().verify();
        assertThat(status.valid()).isFalse();
        assertThat(status.firstBrokenSequence()).isEqualTo(3L);
        assertThat(status.records()).isEqualTo(2);
        assertThat(status.reason()).contains("fields do not match");
    }

    @Test
    void aSignedResponsesChangedDigestIsFoundAtItsRecord() {
        append(5);
        assertThat(entry(1).responseDigest()).as("the fixture's first record is of a signed response").isNotNull();
        records.tamper("UPDATE audit_record SET response_digest = repeat('0', 64) WHERE sequence = 1");
        ChainStatus status = store.verifier().verify();
        assertThat(status.valid()).isFalse();
        assertThat(status.firstBrokenSequence()).isEqualTo(1L);
        assertThat(status.reason()).contains("fields do not match");
    }

    @Test
    void anEditThatRecomputesTheRecordsOwnHashesIsFoundAtTheNextLink() {
        List<AuditEntry> written = append(5);
        AuditEntry forged = withSubject(written.get(2), "someone-else");
        byte[] content = RecordDigest.contentHash(forged);
        byte[] previous = hashOf(2);
        byte[] hash = RecordDigest.link(previous, 3, content);
        records.tamper("UPDATE audit_record SET subject = 'someone-else', content_hash = '\\x" + hex(content)
                + "', hash = '\\x" + hex(hash) + "' WHERE sequence = 3");
        ChainStatus status = store.verifier().verify();
        assertThat(status.firstBrokenSequence()).as("the recomputed record no longer matches its signature").isEqualTo(3L);
        assertThat(status.reason()).contains("signature does not verify");
    }

    @Test
    void aRecordForgedWithTheWritersInsertRightIsFoundByItsSignature() throws Exception {
        TestDatabases databases = TestDatabases.get();
        String role = "shanzhi_audit_forger_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        records.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'forger' IN ROLE shanzhi_audit_writer");
        try {
            append(2);
            // The forger computes a content hash that matches and signs with a key of their own.
            AuditEntry forged = entry(3);
            byte[] content = RecordDigest.contentHash(forged);
            SigningKeys own = SigningKeys.of("test-replica", new byte[32], java.util.Map.of());
            byte[] signature = own.sign(RecordSignature.message(content, "test-replica"));
            try (var connection = DriverManager.getConnection(store.endpoint().jdbcUrl(), role, "forger");
                 var statement = connection.createStatement()) {
                statement.execute("""
                        INSERT INTO audit_record (recorded_at, subject, roles, scope, client, worker_id, operation_type,
                            operation_name, document_hash, person_ids, fields, outcome, content_hash, record_version,
                            variables_hash, connections, refusals, key_id, signature)
                        VALUES ('%s', '%s', '{GRID_WORKER,POLICE}', '440513001', 'app-3', NULL, 'query', NULL, '%s',
                            '{3,13}', '{name,phone}', 'REFUSED', '\\x%s', %d, '%s', '{"Region.residents region=440513001 filter=3"}',
                            '{"@allow Region.incidents"}', 'test-replica', '\\x%s')""".formatted(forged.recordedAt(),
                        forged.subject(), forged.documentHash(), hex(content), forged.version(), forged.variablesHash(),
                        hex(signature)));
            }
            append(1);
            ChainStatus status = store.verifier().verify();
            assertThat(status.firstBrokenSequence()).isEqualTo(3L);
            assertThat(status.reason()).contains("signature does not verify with key test-replica");
        } finally {
            records.execute("DROP ROLE " + role);
        }
    }

    @Test
    void aRecordSignedByAnUnknownKeyIsFound() {
        append(3);
        records.tamper("UPDATE audit_record SET key_id = 'someone' WHERE sequence = 2");
        ChainStatus status = store.verifier().verify();
        assertThat(status.firstBrokenSequence()).isEqualTo(2L);
        assertThat(status.reason()).contains("unknown key someone");
    }

    @Test
    void aSignatureMovedToAnotherRecordIsFound() {
        append(3);
        records.tamper("UPDATE audit_record SET signature = (SELECT signature FROM audit_record WHERE sequence = 1) "
                + "WHERE sequence = 3");
        ChainStatus status = store.verifier().verify();
        assertThat(status.firstBrokenSequence()).isEqualTo(3L);
        assertThat(status.reason()).contains("signature does not verify");
    }

    @Test
    void aSignatureRemovedAfterSignedRecordsIsFound() {
        append(3);
        records.tamper("UPDATE audit_record SET key_id = NULL, signature = NULL WHERE sequence = 2");
        ChainStatus status = store.verifier().verify();
        assertThat(status.firstBrokenSequence()).isEqualTo(2L);
        assertThat(status.reason()).contains("unsigned, after signed records");
    }

    @Test
    void anArrayWhoseLowerBoundMovedIsFoundThoughItsElementsReadAlike() {
        append(3);
        // '[0:1]={2,12}': person_ids[1] is 12 in SQL, while a reader of the element list sees {2,12}.
        records.tamper("ALTER TABLE audit_record DROP CONSTRAINT audit_record_canonical_arrays",
                "UPDATE audit_record SET person_ids = '[0:1]={2,12}' WHERE sequence = 2");
        ChainStatus status = store.verifier().verify();
        assertThat(status.firstBrokenSequence()).isEqualTo(2L);
        assertThat(status.reason()).contains("canonical shape");
    }

    @Test
    void theDatabaseRefusesAnArrayOutOfItsCanonicalShape() {
        append(1);
        assertThatThrownBy(() -> records.tamper("UPDATE audit_record SET person_ids = '[0:1]={1,11}' WHERE sequence = 1"))
                .hasMessageContaining("audit_record_canonical_arrays");
    }

    @Test
    void aChangedHashIsFoundAtItsRecord() {
        append(3);
        records.tamper("UPDATE audit_record SET hash = sha256(hash) WHERE sequence = 2");
        ChainStatus status = store.verifier().verify();
        assertThat(status.firstBrokenSequence()).isEqualTo(2L);
        assertThat(status.reason()).contains("hash mismatch");
    }

    @Test
    void aDeletedRecordIsFoundAtItsSequence() {
        append(5);
        records.tamper("DELETE FROM audit_record WHERE sequence = 3");
        ChainStatus status = store.verifier().verify();
        assertThat(status.valid()).isFalse();
        assertThat(status.firstBrokenSequence()).isEqualTo(3L);
        assertThat(status.reason()).contains("record 3 is missing");
    }

    @Test
    void deletedLastRecordsAreFoundThroughTheChainHead() {
        append(5);
        records.tamper("DELETE FROM audit_record WHERE sequence >= 4");
        ChainStatus status = store.verifier().verify();
        assertThat(status.firstBrokenSequence()).isEqualTo(4L);
        assertThat(status.reason()).contains("head is at record 5");
    }

    @Test
    void updateDeleteAndTruncateAreRefusedEvenForTheOwnerWhileTriggersRun() {
        append(2);
        for (String change : List.of("UPDATE audit_record SET subject = 'x' WHERE sequence = 1",
                "DELETE FROM audit_record WHERE sequence = 2", "TRUNCATE audit_record",
                "UPDATE audit_chain_head SET sequence = 1", "DELETE FROM audit_chain_head")) {
            assertThatThrownBy(() -> records.execute(change)).as(change)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
        }
        assertThat(store.verifier().verify()).isEqualTo(new ChainStatus(true, 2, null, null));
    }

    @Test
    void theApplicationsRoleMayAppendAndReadButNotChangeAnything() throws Exception {
        TestDatabases databases = TestDatabases.get();
        String role = "shanzhi_audit_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        records.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'app' IN ROLE shanzhi_audit_writer");
        try {
            append(1);
            store.log(role, "app").append(entry(2)).block();
            try (var connection = DriverManager.getConnection(store.endpoint().jdbcUrl(), role, "app");
                 var statement = connection.createStatement()) {
                for (String change : List.of("UPDATE audit_record SET subject = 'x'", "DELETE FROM audit_record",
                        "TRUNCATE audit_record", "UPDATE audit_chain_head SET sequence = 0")) {
                    assertThatThrownBy(() -> statement.execute(change)).as(change)
                            .isInstanceOf(SQLException.class)
                            .hasMessageContaining("permission denied");
                }
                try (var count = statement.executeQuery("SELECT count(*) FROM audit_record")) {
                    count.next();
                    assertThat(count.getLong(1)).isEqualTo(2);
                }
            }
            assertThat(store.verifier().verify()).isEqualTo(new ChainStatus(true, 2, null, null));
        } finally {
            try (var connection = DriverManager.getConnection(store.endpoint().jdbcUrl(), databases.user(),
                    databases.password()); var statement = connection.createStatement()) {
                statement.execute("DROP ROLE " + role);
            }
        }
    }

    @Test
    void concurrentWritersOverSeparateConnectionsLeaveOneGaplessChain() {
        AuditLog first = store.log();
        AuditLog second = store.log();
        List<Long> sequences = Flux.range(0, 200)
                .flatMap(i -> (i % 2 == 0 ? first : second).append(entry(i)), 8)
                .collectList().block();
        assertThat(sequences).hasSize(200).doesNotHaveDuplicates();
        assertThat(sequences).allMatch(sequence -> sequence >= 1 && sequence <= 200);
        assertThat(store.verifier().verify()).isEqualTo(new ChainStatus(true, 200, null, null));
    }

    @Test
    void recordsArrivingWhileAnAppendIsUnderwayGoTogetherInOneStatement() {
        AuditLog log = store.log();
        List<Mono<Long>> appends = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            appends.add(log.append(entry(i)).cache());
        }
        appends.forEach(Mono::subscribe); // all 200 wait before the first write has come back
        List<Long> sequences = Flux.concat(appends).collectList().block();
        assertThat(sequences).hasSize(200).doesNotHaveDuplicates();
        assertThat(log.records()).isEqualTo(200);
        assertThat(log.statements()).isBetween((200L + AuditLog.MAX_RECORDS - 1) / AuditLog.MAX_RECORDS, 10L);
        assertThat(store.verifier().verify()).isEqualTo(new ChainStatus(true, 200, null, null));
        // each caller is told its own record's sequence
        assertThat(records.after(0)).hasSize(200).allSatisfy(stored -> assertThat(sequences.get(subjectIndex(stored.subject())))
                .isEqualTo(stored.sequence()));
    }

    private static int subjectIndex(String subject) {
        return Integer.parseInt(subject.substring("worker-".length(), subject.indexOf("-网格员")));
    }

    private List<AuditEntry> append(int count) {
        List<AuditEntry> written = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            AuditEntry entry = entry(i);
            assertThat(store.log().append(entry).block()).isEqualTo(records.lastSequence());
            written.add(entry);
        }
        return written;
    }

    private static AuditEntry entry(int i) {
        return AuditTestStore.sampleEntry(i);
    }

    private static AuditEntry withSubject(AuditEntry entry, String subject) {
        return new AuditEntry(entry.version(), entry.recordedAt(), subject, entry.roles(), entry.scope(), entry.client(),
                entry.workerId(), entry.operationType(), entry.operationName(), entry.documentHash(),
                entry.variablesHash(), entry.personIds(), entry.fields(), entry.connections(), entry.refusals(),
                entry.outcome(), entry.purpose(), entry.responseDigest());
    }

    private byte[] hashOf(long sequence) {
        try (var connection = DriverManager.getConnection(store.endpoint().jdbcUrl(), store.endpoint().username(),
                store.endpoint().password());
             var select = connection.prepareStatement("SELECT hash FROM audit_record WHERE sequence = ?")) {
            select.setLong(1, sequence);
            try (var row = select.executeQuery()) {
                row.next();
                return row.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
