package shanzhi.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import shanzhi.gateway.keys.SigningKeys;
import shanzhi.gateway.witness.Witnesses;

/**
 * An inspector's check: a segment exported with its witnesses' copies and the public keys
 * verifies without the gateway or a database, and any change to the files is found: an edited
 * field, a removed or reordered line, a cut end, a copy that disagrees, a key left out.
 */
class OfflineVerifierTest {
    private static final AtomicInteger STORES = new AtomicInteger();
    @TempDir
    Path temp;
    private AuditTestStore store;
    private Witnesses witnesses;
    private Path export;

    @BeforeEach
    void trailWithCheckpoints() {
        int n = STORES.incrementAndGet();
        store = AuditTestStore.fresh("audit_offline" + n);
        witnesses = new Witnesses(List.of(TestWitnesses.store("people", "people_offline" + n),
                TestWitnesses.store("legal", "legal_offline" + n)));
        ChainVerifier verifier = new ChainVerifier(store.endpoint(), AuditTestStore.KEYS, witnesses);
        CheckpointWriter checkpoints = new CheckpointWriter(verifier, AuditTestStore.KEYS, witnesses, Duration.ofHours(1),
                Clock.systemUTC());
        append(1, 6);
        checkpoints.checkpoint();
        append(7, 10);
        checkpoints.checkpoint();
        append(11, 12);
        export = temp.resolve("export");
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void theWholeTrailVerifiesAndTheUnwitnessedTailIsNamed() {
        TrailExport.write(store.endpoint(), witnesses, AuditTestStore.KEYS, 1, null, export);
        Result result = verify(export.toString());
        assertThat(result.code()).as(result.output()).isZero();
        assertThat(result.output()).contains("segment 1 to 12", "valid, 12 record(s)", "start: the first record",
                "witnessed up to record 10; records 11 to 12 are signed but not witnessed", "witness people agrees",
                "witness legal agrees");
    }

    @Test
    void aSegmentThatStartsAtAWitnessedRecordSaysItsStartIsWitnessed() {
        TrailExport.write(store.endpoint(), witnesses, AuditTestStore.KEYS, 7, 10L, export);
        Result result = verify(export.toString());
        assertThat(result.code()).as(result.output()).isZero();
        assertThat(result.output()).contains("segment 7 to 10", "start: record 6's hash is witnessed",
                "end: record 10 is witnessed");
    }

    @Test
    void anEditedFieldIsFoundAtItsRecord() throws IOException {
        TrailExport.write(store.endpoint(), witnesses, AuditTestStore.KEYS, 1, null, export);
        editLine(4, line -> line.replace("\"subject\":\"worker-4-", "\"subject\":\"worker-9-"));
        Result result = verify(export.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.output()).contains("BROKEN at sequence 4", "do not match its content hash");
    }

    @Test
    void aRemovedLineIsFoundAsAMissingRecord() throws IOException {
        TrailExport.write(store.endpoint(), witnesses, AuditTestStore.KEYS, 1, null, export);
        List<String> lines = new ArrayList<>(Files.readAllLines(trail()));
        lines.remove(8); // record 8
        Files.write(trail(), lines);
        assertThat(verify(export.toString()).output()).contains("BROKEN at sequence 8", "record 8 is missing");
    }

    @Test
    void swappedLinesAreFound() throws IOException {
        TrailExport.write(store.endpoint(), witnesses, AuditTestStore.KEYS, 1, null, export);
        List<String> lines = new ArrayList<>(Files.readAllLines(trail()));
        String third = lines.get(3);
        lines.set(3, lines.get(4));
        lines.set(4, third);
        Files.write(trail(), lines);
        assertThat(verify(export.toString()).output()).contains("BROKEN at sequence 3");
    }

    @Test
    void aCutEndIsFoundAgainstTheHeaderAndTheWitnesses() throws IOException {
        TrailExport.write(store.endpoint(), witnesses, AuditTestStore.KEYS, 1, null, export);
        List<String> lines = new ArrayList<>(Files.readAllLines(trail()));
        Files.write(trail(), lines.subList(0, 9)); // header and records 1..8
        Result result = verify(export.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.output()).contains("BROKEN at sequence 9", "legal, people witnessed record 10");
    }

    @Test
    void aCopyThatDisagreesNamesItsWitness() throws IOException {
        TrailExport.write(store.endpoint(), witnesses, AuditTestStore.KEYS, 1, null, export);
        // A copy with another hash, correctly signed (the stolen-key case): only its witness disagrees.
        Path legal = export.resolve("checkpoints-legal.jsonl");
        var copies = TrailExport.readCheckpointFile(legal);
        var first = copies.get(0);
        byte[] other = new byte[32];
        var forged = new shanzhi.gateway.witness.Checkpoint(first.sequence(), other, first.takenAt(), first.keyId(),
                AuditTestStore.KEYS.sign(shanzhi.gateway.witness.Checkpoint.message(first.sequence(), other, first.takenAt(),
                        first.keyId())));
        TrailExport.writeCheckpoints(List.of(forged, copies.get(1)), legal);
        Result result = verify(export.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.output()).contains("records 1 to 6 were rewritten", "witnessed by legal").doesNotContain("by people");
    }

    @Test
    void withoutTheSigningKeyNoRecordVerifies() throws IOException {
        TrailExport.write(store.endpoint(), witnesses, AuditTestStore.KEYS, 1, null, export);
        Path otherKeys = temp.resolve("other-keys.json");
        Files.writeString(otherKeys, tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(
                SigningKeys.of("someone", new byte[32], java.util.Map.of()).jwks()));
        Result result = verify(export.toString(), "--keys", otherKeys.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.output()).contains("BROKEN at sequence 1", "unknown key test-replica");
    }

    @Test
    void checkpointsFromTheirOwnersCanBeNamedOnTheCommandLine() {
        TrailExport.write(store.endpoint(), witnesses, AuditTestStore.KEYS, 1, null, export);
        Result result = verify(export.toString(), "--checkpoints", "people=" + export.resolve("checkpoints-people.jsonl"));
        assertThat(result.code()).as(result.output()).isZero();
        assertThat(result.output()).contains("witness people agrees").doesNotContain("witness legal");
    }

    @Test
    void badArgumentsAndUnreadableFilesAreExitTwoWithAReason() throws IOException {
        assertThat(verify().code()).isEqualTo(2);
        assertThat(verify("a", "b").output()).contains("unexpected argument b");
        assertThat(verify(temp.resolve("nothing").toString()).output()).contains("cannot verify");
        TrailExport.write(store.endpoint(), witnesses, AuditTestStore.KEYS, 1, null, export);
        Files.writeString(trail(), "{\"format\":\"something else\"}\n");
        assertThat(verify(export.toString())).satisfies(result -> {
            assertThat(result.code()).isEqualTo(2);
            assertThat(result.output()).contains("not a Shanzhi audit trail export");
        });
    }

    private Path trail() {
        return export.resolve(TrailExport.TRAIL);
    }

    private void editLine(int index, java.util.function.UnaryOperator<String> edit) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(trail()));
        String edited = edit.apply(lines.get(index));
        assertThat(edited).as("the edit applies").isNotEqualTo(lines.get(index));
        lines.set(index, edited);
        Files.write(trail(), lines);
    }

    private void append(int first, int last) {
        for (int i = first; i <= last; i++) {
            store.log().append(AuditTestStore.sampleEntry(i)).block();
        }
    }

    private static Result verify(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = OfflineVerifier.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Result(code, bytes.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String output) {
    }
}
