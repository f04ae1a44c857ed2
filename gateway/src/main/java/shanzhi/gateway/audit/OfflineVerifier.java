package shanzhi.gateway.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import shanzhi.gateway.keys.SigningKeys;
import shanzhi.gateway.witness.Checkpoint;
import tools.jackson.core.JacksonException;

/**
 * Verifies an exported segment of the audit trail without the gateway or any database: what a
 * partner department or an inspector runs on the evidence they were handed (TrailExport), with
 * the public keys and the witnesses' checkpoints, ideally obtained from their owners rather than
 * from whoever exported the trail. The same rules as the live verifier (ChainWalk).
 * <p>
 * {@code java -cp shanzhi-gateway.jar -Dloader.main=shanzhi.gateway.audit.OfflineVerifier
 * org.springframework.boot.loader.launch.PropertiesLauncher <export directory>
 * [--keys evidence-keys.json] [--checkpoints <witness>=<file.jsonl>]...
 * [--response <body file> --signature <file holding the Shanzhi-Signature>]}
 * With a response, also checks that signed response against the keys and the segment (ResponseCheck).
 * Exit 0: the segment is intact (and the response checks out); 1: it is not; 2: the arguments or
 * files could not be read.
 */
public final class OfflineVerifier {

    private OfflineVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Prints the verdict to {@code out} and returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException usage) {
            out.println("usage: OfflineVerifier <export directory> [--keys FILE] [--checkpoints WITNESS=FILE]..."
                    + " [--response BODY_FILE --signature SIGNATURE_FILE]");
            out.println(usage.getMessage());
            return 2;
        }
        try {
            SigningKeys keys = TrailExport.readKeys(arguments.keys());
            Map<String, List<Checkpoint>> copies = arguments.checkpoints().isEmpty()
                    ? TrailExport.readCheckpoints(arguments.directory()) : read(arguments.checkpoints());
            Verdict verdict = verify(arguments.directory().resolve(TrailExport.TRAIL), keys, copies);
            verdict.lines().forEach(out::println);
            if (!verdict.status().valid()) {
                return 1;
            }
            if (arguments.response() == null) {
                return 0;
            }
            ResponseCheck response = ResponseCheck.of(keys, Files.readAllBytes(arguments.response()),
                    Files.readString(arguments.signature()).strip(), sequence -> find(arguments.directory(), sequence));
            out.println(response.verdict());
            return response.valid() ? 0 : 1;
        } catch (IOException | UncheckedIOException | JacksonException | IllegalArgumentException unreadable) {
            out.println("cannot verify: " + unreadable.getMessage());
            return 2;
        }
    }

    /** The segment's status and what an inspector should know about its ends. */
    record Verdict(ChainStatus status, List<String> lines) {
    }

    static Verdict verify(Path trail, SigningKeys keys, Map<String, List<Checkpoint>> copiesByWitness) throws IOException {
        try (TrailExport.TrailReader reader = TrailExport.open(trail)) {
            TrailExport.Header header = reader.header();
            long from = header.from();
            long to = header.to();
            // Only copies inside the segment (and at the record it starts after) say anything about it.
            Map<String, List<Checkpoint>> inside = new LinkedHashMap<>();
            copiesByWitness.forEach((name, copies) -> inside.put(name, copies.stream()
                    .filter(copy -> copy.sequence() >= from - 1 && copy.sequence() <= to).toList()));
            WitnessedCheckpoints witnessed = WitnessedCheckpoints.of(inside, keys);
            ChainStatus status = walk(reader, header, keys, witnessed);
            List<String> lines = new ArrayList<>();
            String segment = "audit trail segment " + from + " to " + to + " (exported " + header.exportedAt() + ")";
            lines.add(status.valid() ? segment + ": valid, " + (to - from + 1) + " record(s)"
                    : segment + ": BROKEN at sequence " + status.firstBrokenSequence() + ": " + status.reason());
            if (status.valid()) {
                lines.add(from == 1 ? "start: the first record of the trail"
                        : witnessed.witnessedAt(from - 1) ? "start: record " + (from - 1) + "'s hash is witnessed"
                        : "start: NOT witnessed (no copy at record " + (from - 1) + "): the hash it starts from is the exporter's word");
                long lastWitnessed = lastWitnessed(witnessed, from - 1, to);
                lines.add(lastWitnessed >= to ? "end: record " + to + " is witnessed"
                        : "end: witnessed up to record " + lastWitnessed + "; records " + (lastWitnessed + 1) + " to " + to
                        + " are signed but not witnessed (their removal would not show)");
            }
            witnessed.statuses().forEach(witness -> lines.add("witness " + witness));
            return new Verdict(status, lines);
        }
    }

    private static ChainStatus walk(TrailExport.TrailReader reader, TrailExport.Header header, SigningKeys keys,
                                    WitnessedCheckpoints witnessed) throws IOException {
        long from = header.from();
        if (from < 1 || header.to() < from - 1) {
            return ChainStatus.broken(0, Math.max(from, 1), "the header's range " + from + " to " + header.to() + " is not a segment");
        }
        if (from == 1 && !Arrays.equals(header.startHash(), RecordDigest.GENESIS)) {
            return ChainStatus.broken(0, 1, "the first record of the trail must start from the genesis hash");
        }
        ChainWalk walk = new ChainWalk(from - 1, header.startHash(), header.startSigned(), keys, witnessed, null);
        Optional<ChainStatus> broken = walk.start();
        ChainRecord record;
        while (broken.isEmpty() && (record = reader.next()) != null) {
            if (record.sequence() > header.to()) {
                return ChainStatus.broken(walk.lastSequence(), record.sequence(), "record " + record.sequence()
                        + " lies beyond the segment's end (" + header.to() + ")");
            }
            broken = walk.next(record);
        }
        if (broken.isEmpty()) {
            broken = walk.nothingWitnessedBeyond();
        }
        if (broken.isEmpty() && walk.lastSequence() < header.to()) {
            broken = Optional.of(ChainStatus.broken(walk.lastSequence(), walk.lastSequence() + 1, "the export ends at record "
                    + walk.lastSequence() + " but its header says it runs to " + header.to()));
        }
        return broken.orElse(ChainStatus.intact(walk.lastSequence()));
    }

    /** The record at {@code sequence} of a segment that has just verified. */
    private static Optional<AuditEntry> find(Path directory, long sequence) {
        try (TrailExport.TrailReader reader = TrailExport.open(directory.resolve(TrailExport.TRAIL))) {
            ChainRecord record;
            while ((record = reader.next()) != null) {
                if (record.sequence() == sequence) {
                    return Optional.ofNullable(record.entry());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lastWitnessed(WitnessedCheckpoints witnessed, long start, long to) {
        return witnessed.highestWitnessedAtOrBelow(to).filter(sequence -> sequence > start).orElse(start);
    }

    private static Map<String, List<Checkpoint>> read(Map<String, Path> files) throws IOException {
        Map<String, List<Checkpoint>> copies = new LinkedHashMap<>();
        for (var file : files.entrySet()) {
            copies.put(file.getKey(), TrailExport.readCheckpointFile(file.getValue()));
        }
        return copies;
    }

    private record Arguments(Path directory, Path keys, Map<String, Path> checkpoints, Path response, Path signature) {
        static Arguments parse(String[] args) {
            Path directory = null;
            Path keys = null;
            Path response = null;
            Path signature = null;
            Map<String, Path> checkpoints = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--keys" -> keys = Path.of(value(args, ++i, "--keys"));
                    case "--response" -> response = Path.of(value(args, ++i, "--response"));
                    case "--signature" -> signature = Path.of(value(args, ++i, "--signature"));
                    case "--checkpoints" -> {
                        String[] named = value(args, ++i, "--checkpoints").split("=", 2);
                        if (named.length != 2 || named[0].isBlank() || named[1].isBlank()) {
                            throw new IllegalArgumentException("--checkpoints takes WITNESS=FILE, got " + args[i]);
                        }
                        checkpoints.put(named[0], Path.of(named[1]));
                    }
                    default -> {
                        if (directory != null || args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unexpected argument " + args[i]);
                        }
                        directory = Path.of(args[i]);
                    }
                }
            }
            if (directory == null) {
                throw new IllegalArgumentException("no export directory given");
            }
            if ((response == null) != (signature == null)) {
                throw new IllegalArgumentException("--response and --signature go together");
            }
            return new Arguments(directory, keys != null ? keys : directory.resolve(TrailExport.KEYS), checkpoints,
                    response, signature);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
