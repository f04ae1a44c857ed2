package shanzhi.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.witness.Checkpoint;
import shanzhi.gateway.witness.DirectoryWitness;
import shanzhi.gateway.witness.Witness;
import shanzhi.gateway.witness.Witnesses;

/**
 * The chain against an attacker who controls the audit database but not the witnesses: two
 * department stores and a directory keep signed checkpoints, and every way of cutting, wiping
 * or consistently rewriting the trail is reported at the first sequence affected, naming the
 * witnesses that disagree. Also incremental verification, and the repair of a stray row.
 */
class WitnessedChainTest {
    private static final AtomicInteger STORES = new AtomicInteger();
    @TempDir
    Path directory;
    private AuditTestStore store;
    private AuditRecords records;
    private Witnesses witnesses;
    private ChainVerifier verifier;
    private CheckpointWriter checkpoints;
    private int n;

    @BeforeEach
    void freshStoreAndWitnesses() {
        n = STORES.incrementAndGet();
        store = AuditTestStore.fresh("audit_witnessed" + n);
        records = store.records();
        witnesses = new Witnesses(List.of(departmentWitness("people", n), departmentWitness("grid", n),
                new DirectoryWitness("directory", directory.resolve("checkpoints"))));
        verifier = new ChainVerifier(store.endpoint(), AuditTestStore.KEYS, witnesses);
        checkpoints = new CheckpointWriter(verifier, AuditTestStore.KEYS, witnesses, Duration.ofHours(1), Clock.systemUTC());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aCheckpointIsSignedAndGivenToEveryWitnessAndTheChainAgreesWithThem() {
        append(3);
        Checkpoint checkpoint = checkpoints.checkpoint().orElseThrow();
        assertThat(checkpoint.sequence()).isEqualTo(3);
        assertThat(AuditTestStore.KEYS.verify(checkpoint.keyId(), checkpoint.message(), checkpoint.signature())).isTrue();
        for (Witness witness : witnesses.all()) {
            assertThat(witness.checkpointsFrom(0)).as(witness.name()).singleElement()
                    .satisfies(copy -> assertThat(copy.hashHex()).isEqualTo(checkpoint.hashHex()));
        }
        ChainStatus status = verifier.verify();
        assertThat(status.valid()).isTrue();
        assertThat(status.records()).isEqualTo(3);
        assertThat(status.witnesses()).extracting(WitnessStatus::name).containsExactly("people", "grid", "directory");
        assertThat(status.witnesses()).allSatisfy(witness -> {
            assertThat(witness.agrees()).isTrue();
            assertThat(witness.latestSequence()).isEqualTo(3L);
        });
    }

    @Test
    void anUnchangedHeadIsNotCheckpointedAgainAndAnEmptyTrailNotAtAll() {
        assertThat(checkpoints.checkpoint()).isEmpty();
        append(2);
        assertThat(checkpoints.checkpoint()).isPresent();
        assertThat(checkpoints.checkpoint()).isEmpty();
        append(1);
        assertThat(checkpoints.checkpoint()).get().extracting(Checkpoint::sequence).isEqualTo(3L);
    }

    @Test
    void aTruncatedTailWithTheHeadMovedBackIsFoundAtTheFirstRecordRemoved() {
        append(5);
        checkpoints.checkpoint();
        records.tamper("DELETE FROM audit_record WHERE sequence > 3",
                "UPDATE audit_chain_head SET sequence = 3, hash = (SELECT hash FROM audit_record WHERE sequence = 3)");
        ChainStatus status = verifier.verify();
        assertThat(status.valid()).isFalse();
        assertThat(status.firstBrokenSequence()).isEqualTo(4L);
        assertThat(status.reason()).contains("people, grid, directory witnessed record 5").contains("records 4 to 5 were removed");
        assertThat(status.witnesses()).noneMatch(WitnessStatus::agrees);
    }

    @Test
    void aTruncatedTailWithTheHeadLeftIsFoundToo() {
        append(5);
        checkpoints.checkpoint();
        records.tamper("DELETE FROM audit_record WHERE sequence > 3");
        ChainStatus status = verifier.verify();
        assertThat(status.firstBrokenSequence()).isEqualTo(4L);
        assertThat(status.reason()).contains("witnessed record 5");
    }

    @Test
    void aWipedTrailWithItsHeadResetIsBrokenNotEmptyAndValid() {
        append(4);
        checkpoints.checkpoint();
        records.tamper("DELETE FROM audit_record",
                "UPDATE audit_chain_head SET sequence = 0, hash = decode(repeat('00', 32), 'hex')");
        ChainStatus status = verifier.verify();
        assertThat(status.valid()).isFalse();
        assertThat(status.records()).isZero();
        assertThat(status.firstBrokenSequence()).isEqualTo(1L);
        assertThat(status.reason()).contains("the trail is empty").contains("witnessed record 4");
    }

    @Test
    void aRewriteRelinkedAndResignedWithAStolenKeyIsFoundByTheWitnessesAfterTheLastCopyThatAgrees() {
        append(2);
        checkpoints.checkpoint();
        append(3);
        checkpoints.checkpoint();
        // The attacker holds a replica's signing key: record 4 is rewritten, re-signed and every later hash relinked.
        AuditEntry forged = AuditTestStore.sampleEntry(41);
        byte[] content = RecordDigest.contentHash(forged);
        byte[] signature = AuditTestStore.KEYS.sign(RecordSignature.message(content, "test-replica"));
        byte[] hash4 = RecordDigest.link(hashOf(3), 4, content);
        byte[] hash5 = RecordDigest.link(hash4, 5, contentHashOf(5));
        records.tamper("UPDATE audit_record SET recorded_at = '" + forged.recordedAt() + "', subject = '" + forged.subject()
                        + "', client = '" + forged.client() + "', worker_id = NULL, operation_name = '" + forged.operationName()
                        + "', document_hash = '" + forged.documentHash() + "', variables_hash = '" + forged.variablesHash()
                        + "', person_ids = '{41,51}', outcome = 'REFUSED', record_version = " + forged.version()
                        + ", connections = '{\"" + forged.connections().get(0) + "\"}', refusals = '{\""
                        + forged.refusals().get(0) + "\"}', content_hash = '\\x" + hex(content) + "', signature = '\\x"
                        + hex(signature) + "', hash = '\\x" + hex(hash4) + "' WHERE sequence = 4",
                "UPDATE audit_record SET prev_hash = '\\x" + hex(hash4) + "', hash = '\\x" + hex(hash5) + "' WHERE sequence = 5",
                "UPDATE audit_chain_head SET hash = '\\x" + hex(hash5) + "'");
        assertThat(new ChainVerifier(store.endpoint(), AuditTestStore.KEYS).verify().valid())
                .as("without witnesses the rewrite is invisible").isTrue();
        ChainStatus status = verifier.verify();
        assertThat(status.valid()).isFalse();
        assertThat(status.firstBrokenSequence()).isEqualTo(3L);
        assertThat(status.reason()).contains("records 3 to 5 were rewritten").contains("people, grid, directory");
    }

    @Test
    void aForgedCopyInAWitnessIsReportedAgainstThatWitnessNotTheChain() throws Exception {
        append(2);
        checkpoints.checkpoint();
        Checkpoint honest = witnesses.all().get(0).checkpointsFrom(0).get(0);
        // A department DBA plants a copy claiming a longer chain, signed with a key nobody trusts.
        var own = shanzhi.gateway.keys.SigningKeys.of("intruder", new byte[32], java.util.Map.of());
        Instant at = Instant.now();
        witnesses.all().get(1).record(new Checkpoint(9, honest.hash(), at, "intruder",
                own.sign(Checkpoint.message(9, honest.hash(), at, "intruder"))));
        ChainStatus status = verifier.verify();
        assertThat(status.valid()).isTrue();
        assertThat(status.witnesses().get(1).agrees()).isFalse();
        assertThat(status.witnesses().get(1).problem()).contains("checkpoint at 9 does not verify with a trusted key");
        assertThat(status.witnesses().get(0).agrees()).isTrue();
    }

    @Test
    void aWitnessWipedByItsOwnerLeavesTheOthersToCatchTheTruncation() {
        append(4);
        checkpoints.checkpoint();
        tamperWitness("people", "DELETE FROM evidence_checkpoint");
        records.tamper("DELETE FROM audit_record WHERE sequence > 2",
                "UPDATE audit_chain_head SET sequence = 2, hash = (SELECT hash FROM audit_record WHERE sequence = 2)");
        ChainStatus status = verifier.verify();
        assertThat(status.firstBrokenSequence()).isEqualTo(3L);
        assertThat(status.reason()).contains("grid, directory witnessed record 4").doesNotContain("people");
        assertThat(status.witnesses().get(0).latestSequence()).isNull();
    }

    @Test
    void anUnreadableWitnessIsReportedAndTheRestStillVerify() throws Exception {
        append(2);
        checkpoints.checkpoint();
        Path copies = directory.resolve("checkpoints");
        try (var files = Files.list(copies)) {
            Files.writeString(files.findFirst().orElseThrow(), "not a checkpoint");
        }
        ChainStatus status = verifier.verify();
        assertThat(status.valid()).isTrue();
        assertThat(status.witnesses().get(2)).satisfies(witness -> {
            assertThat(witness.available()).isFalse();
            assertThat(witness.problem()).contains("unreadable checkpoint file");
        });
    }

    @Test
    void incrementalVerificationReadsOnlyTheRecordsAfterTheLastVerifiedCheckpoint() {
        append(30);
        checkpoints.checkpoint();
        append(4);
        // A replica that starts now resumes from the newest checkpoint its peers witnessed.
        ChainVerifier fresh = new ChainVerifier(store.endpoint(), AuditTestStore.KEYS, witnesses);
        ChainStatus status = fresh.verifyIncrementally();
        assertThat(status.valid()).isTrue();
        assertThat(status.records()).isEqualTo(34);
        assertThat(status.verifiedFrom()).isEqualTo(30);
        assertThat(fresh.recordsRead()).isEqualTo(4);
        append(1);
        fresh.verifyIncrementally();
        assertThat(fresh.recordsRead()).as("from its own last walk").isEqualTo(5);
        fresh.verify();
        assertThat(fresh.recordsRead()).as("the full walk reads everything").isEqualTo(5 + 35);
    }

    @Test
    void incrementalVerificationFallsBackToTheFullWalkWhenItsStartingPointWasCutAway() {
        append(6);
        checkpoints.checkpoint();
        records.tamper("DELETE FROM audit_record WHERE sequence > 2",
                "UPDATE audit_chain_head SET sequence = 2, hash = (SELECT hash FROM audit_record WHERE sequence = 2)");
        ChainStatus status = new ChainVerifier(store.endpoint(), AuditTestStore.KEYS, witnesses).verifyIncrementally();
        assertThat(status.valid()).isFalse();
        assertThat(status.firstBrokenSequence()).isEqualTo(3L);
        assertThat(status.verifiedFrom()).isZero();
    }

    @Test
    void aBrokenChainIsNotCheckpointed() {
        append(3);
        records.tamper("UPDATE audit_record SET subject = 'x' WHERE sequence = 2");
        assertThat(checkpoints.checkpoint()).isEmpty();
        assertThat(witnesses.all().get(0).checkpointsFrom(0)).isEmpty();
        assertThat(verifier.lastStatus()).get().extracting(ChainStatus::valid).isEqualTo(false);
    }

    @Test
    void aStrayRowBeyondTheHeadBlocksAppendsUntilTheOwnerQuarantinesIt() throws Exception {
        append(2);
        // Planted with the trigger off at the sequence the next append would get.
        records.tamper("""
                INSERT INTO audit_record SELECT 3, recorded_at, subject, roles, scope, client, worker_id, operation_type,
                    operation_name, document_hash, person_ids, fields, outcome, content_hash, hash, hash
                FROM audit_record WHERE sequence = 2""");
        assertThatThrownBy(() -> store.log().append(AuditTestStore.sampleEntry(3)).block())
                .hasMessageContaining("audit_record_pkey");
        assertThat(verifier.verify().reason()).contains("lies beyond the chain head (2)");
        assertThatThrownBy(() -> records.execute("DELETE FROM audit_record WHERE sequence = 3"))
                .as("nobody deletes a record by hand, not even a stray").hasMessageContaining("append-only");
        assertThatThrownBy(() -> records.execute("BEGIN; SET LOCAL shanzhi.audit_quarantine = 'on'; "
                + "DELETE FROM audit_record WHERE sequence = 2; COMMIT"))
                .as("a chain record stays undeletable inside the quarantine").hasMessageContaining("append-only");
        try (var connection = DriverManager.getConnection(store.endpoint().jdbcUrl(), TestDatabases.get().user(),
                TestDatabases.get().password()); var statement = connection.createStatement();
             var moved = statement.executeQuery("SELECT audit_quarantine_strays()")) {
            moved.next();
            assertThat(moved.getLong(1)).isEqualTo(1);
        }
        assertThat(store.log().append(AuditTestStore.sampleEntry(3)).block()).isEqualTo(3L);
        assertThat(verifier.verify().valid()).isTrue();
        try (var connection = DriverManager.getConnection(store.endpoint().jdbcUrl(), TestDatabases.get().user(),
                TestDatabases.get().password()); var statement = connection.createStatement();
             var kept = statement.executeQuery("SELECT head_sequence, record->>'sequence' FROM audit_stray_record")) {
            assertThat(kept.next()).isTrue();
            assertThat(kept.getLong(1)).isEqualTo(2);
            assertThat(kept.getString(2)).isEqualTo("3");
        }
    }

    @Test
    void theWritersRoleCannotQuarantine() throws Exception {
        try (var connection = DriverManager.getConnection(store.endpoint().jdbcUrl(), store.endpoint().username(),
                store.endpoint().password()); var statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("SELECT audit_quarantine_strays()"))
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void checkpointCopiesAreAppendOnlyInTheirStore() {
        append(1);
        checkpoints.checkpoint();
        assertThatThrownBy(() -> executeInWitness("people", "DELETE FROM evidence_checkpoint"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> executeInWitness("people", "UPDATE evidence_checkpoint SET sequence = 0"))
                .hasMessageContaining("append-only");
    }

    private Witness departmentWitness(String department, int n) {
        return TestWitnesses.store(department, department + "_witness" + n);
    }

    private void tamperWitness(String department, String sql) {
        try {
            executeInWitness(department, "SET session_replication_role = replica; " + sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void executeInWitness(String department, String sql) throws SQLException {
        TestWitnesses.execute(department + "_witness" + n, sql);
    }

    private void append(int count) {
        for (int i = 1; i <= count; i++) {
            store.log().append(AuditTestStore.sampleEntry(i)).block();
        }
    }

    private byte[] hashOf(long sequence) {
        return column("hash", sequence);
    }

    private byte[] contentHashOf(long sequence) {
        return column("content_hash", sequence);
    }

    private byte[] column(String column, long sequence) {
        try (var connection = DriverManager.getConnection(store.endpoint().jdbcUrl(), store.endpoint().username(),
                store.endpoint().password());
             var select = connection.prepareStatement("SELECT " + column + " FROM audit_record WHERE sequence = ?")) {
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
