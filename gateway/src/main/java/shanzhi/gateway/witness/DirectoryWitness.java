package shanzhi.gateway.witness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory as a witness, one file per checkpoint, created and never rewritten: on write-once
 * storage (an object-lock bucket mounted, a WORM share) not even its owner can remove a copy.
 * The file name starts with the zero-padded sequence so a listing reads in order.
 * The file holds one line: sequence, hash (hex), time, key id, signature (base64url).
 */
public final class DirectoryWitness implements Witness {
    private static final Pattern NAME = Pattern.compile("(\\d{20})-(\\d+)-([0-9a-f]{16})\\.checkpoint");
    private final String name;
    private final Path directory;

    public DirectoryWitness(String name, Path directory) {
        this.name = name;
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new WitnessUnavailable(name, e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void record(Checkpoint checkpoint) {
        Instant at = checkpoint.takenAt();
        long micros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
        // The key id is free text: its digest keeps the file name safe, the line keeps the id itself.
        String key = HexFormat.of().formatHex(sha256().digest(
                checkpoint.keyId().getBytes(StandardCharsets.UTF_8)), 0, 8);
        Path file = directory.resolve("%020d-%d-%s.checkpoint".formatted(checkpoint.sequence(), micros, key));
        String line = String.join(" ", Long.toString(checkpoint.sequence()), checkpoint.hashHex(), at.toString(),
                checkpoint.keyId(), Base64.getUrlEncoder().withoutPadding().encodeToString(checkpoint.signature())) + "\n";
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        } catch (FileAlreadyExistsException same) {
            // the same checkpoint written twice (a retry): the copy is already there
        } catch (IOException e) {
            throw new WitnessUnavailable(name, e);
        }
    }

    @Override
    public List<Checkpoint> checkpointsFrom(long fromSequence) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> {
                Matcher matcher = NAME.matcher(file.getFileName().toString());
                return matcher.matches() && Long.parseLong(matcher.group(1)) >= fromSequence;
            }).sorted().toList();
        } catch (IOException e) {
            throw new WitnessUnavailable(name, e);
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (Path file : files) {
            checkpoints.add(read(file));
        }
        return checkpoints;
    }

    @Override
    public List<Checkpoint> newest(int limit) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> NAME.matcher(file.getFileName().toString()).matches())
                    .sorted(java.util.Comparator.reverseOrder()).limit(limit).toList();
        } catch (IOException e) {
            throw new WitnessUnavailable(name, e);
        }
        return files.stream().map(this::read).toList();
    }

    private Checkpoint read(Path file) {
        try {
            String[] parts = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
            if (parts.length != 5) {
                throw new IllegalArgumentException("expected 5 fields, found " + parts.length);
            }
            return new Checkpoint(Long.parseLong(parts[0]), HexFormat.of().parseHex(parts[1]), Instant.parse(parts[2]),
                    parts[3], Base64.getUrlDecoder().decode(parts[4]));
        } catch (IOException | RuntimeException e) {
            throw new WitnessUnavailable(name, new IOException("unreadable checkpoint file " + file.getFileName()
                    + ": " + e.getMessage(), e));
        }
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
