package shanzhi.gateway.audit;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import shanzhi.gateway.keys.SigningKeys;
import shanzhi.gateway.sources.Endpoint;
import shanzhi.gateway.witness.Checkpoint;
import shanzhi.gateway.witness.Witness;
import shanzhi.gateway.witness.Witnesses;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An exported segment of the audit trail, what an inspector or a partner department is handed:
 * a directory with {@value #TRAIL} (a header line, then one record per line with every stored
 * column, hashes and signature), one {@code checkpoints-<witness>.jsonl} per witness (each copy
 * with its signature) and {@value #KEYS} (the public keys, as the gateway publishes them).
 * JSON Lines, so a segment of millions of records streams. A checkpoint line is also what a
 * department can produce from its own table without the gateway (README, "Verifying offline").
 */
public final class TrailExport {
    public static final String TRAIL = "trail.jsonl";
    public static final String KEYS = "evidence-keys.json";
    private static final String FORMAT = "shanzhi-audit-trail";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();

    private TrailExport() {
    }

    /** The header line: which records the segment holds and the hash it starts from. */
    public record Header(long from, long to, byte[] startHash, boolean startSigned, Instant exportedAt) {
    }

    /** Writes records {@code from}..{@code to} (to the head when null) with the witnesses' copies and the keys. */
    public static Header write(Endpoint audit, Witnesses witnesses, SigningKeys keys, long from, Long to, Path directory) {
        if (from < 1) {
            throw new IllegalArgumentException("An export starts at record 1 or later, not " + from);
        }
        try {
            Files.createDirectories(directory);
            Header header;
            try (Connection connection = DriverManager.getConnection(audit.jdbcUrl(), audit.username(), audit.password())) {
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                connection.setReadOnly(true);
                try {
                    header = writeTrail(connection, from, to, directory.resolve(TRAIL));
                } finally {
                    connection.rollback();
                }
            }
            for (Witness witness : witnesses.all()) {
                List<Checkpoint> copies = witness.checkpointsFrom(from - 1).stream()
                        .filter(copy -> copy.sequence() <= header.to()).toList();
                writeCheckpoints(copies, directory.resolve("checkpoints-" + witness.name() + ".jsonl"));
            }
            Files.writeString(directory.resolve(KEYS), JSON.writeValueAsString(keys.jwks()));
            return header;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not export the audit trail to " + directory, e);
        }
    }

    private static Header writeTrail(Connection connection, long from, Long to, Path file) throws SQLException, IOException {
        long last = to != null ? to : head(connection);
        byte[] startHash = RecordDigest.GENESIS;
        boolean startSigned = false;
        if (from > 1) {
            try (var select = connection.prepareStatement("SELECT hash, key_id IS NOT NULL FROM audit_record WHERE sequence = ?")) {
                select.setLong(1, from - 1);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalArgumentException("The trail has no record " + (from - 1) + " to start after");
                    }
                    startHash = row.getBytes(1);
                    startSigned = row.getBoolean(2);
                }
            }
        }
        Header header = new Header(from, last, startHash, startSigned, Instant.now());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             var records = connection.prepareStatement(ChainVerifier.SELECT)) {
            out.write(JSON.writeValueAsString(header(header)));
            out.newLine();
            records.setFetchSize(1000);
            records.setLong(1, from - 1);
            records.setLong(2, last);
            try (ResultSet row = records.executeQuery()) {
                while (row.next()) {
                    out.write(JSON.writeValueAsString(line(ChainVerifier.record(row))));
                    out.newLine();
                }
            }
        }
        return header;
    }

    private static long head(Connection connection) throws SQLException {
        try (var select = connection.prepareStatement("SELECT sequence FROM audit_chain_head");
             ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private static ObjectNode header(Header header) {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", FORMAT);
        node.put("version", 1);
        node.put("from", header.from());
        node.put("to", header.to());
        node.put("startHash", HEX.formatHex(header.startHash()));
        node.put("startSigned", header.startSigned());
        node.put("exportedAt", header.exportedAt().toString());
        return node;
    }

    private static ObjectNode line(ChainRecord record) {
        ObjectNode node = JSON.createObjectNode();
        node.put("sequence", record.sequence());
        if (record.entry() != null) {
            node.set("entry", JSON.valueToTree(record.entry()));
        }
        node.put("malformed", record.malformed());
        node.put("contentHash", hex(record.contentHash()));
        node.put("prevHash", hex(record.prevHash()));
        node.put("hash", hex(record.hash()));
        node.put("keyId", record.keyId());
        node.put("signature", hex(record.signature()));
        node.put("canonical", record.canonical());
        return node;
    }

    static void writeCheckpoints(List<Checkpoint> copies, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Checkpoint copy : copies) {
                ObjectNode node = JSON.createObjectNode();
                node.put("sequence", copy.sequence());
                node.put("hash", copy.hashHex());
                node.put("takenAt", copy.takenAt().toString());
                node.put("keyId", copy.keyId());
                node.put("signature", HEX.formatHex(copy.signature()));
                out.write(JSON.writeValueAsString(node));
                out.newLine();
            }
        }
    }

    /** Opens an exported trail: its header is read at once, the records one by one. */
    static TrailReader open(Path file) throws IOException {
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            String first = in.readLine();
            if (first == null) {
                throw new IllegalArgumentException(file + " is empty: expected a header line");
            }
            JsonNode header = JSON.readTree(first);
            if (!FORMAT.equals(header.path("format").asString(null)) || header.path("version").asInt(0) != 1) {
                throw new IllegalArgumentException(file + " is not a Shanzhi audit trail export (format " + FORMAT
                        + ", version 1)");
            }
            return new TrailReader(new Header(header.path("from").asLong(), header.path("to").asLong(),
                    HEX.parseHex(header.path("startHash").asString()), header.path("startSigned").asBoolean(),
                    Instant.parse(header.path("exportedAt").asString())), in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The records of an exported trail, in file order. */
    static final class TrailReader implements AutoCloseable {
        private final Header header;
        private final BufferedReader in;
        private int line = 1;

        private TrailReader(Header header, BufferedReader in) {
            this.header = header;
            this.in = in;
        }

        Header header() {
            return header;
        }

        /** The next record, null after the last. */
        ChainRecord next() throws IOException {
            String text;
            do {
                text = in.readLine();
                line++;
            } while (text != null && text.isBlank());
            return text == null ? null : record(JSON.readTree(text), line);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static ChainRecord record(JsonNode node, int line) {
        AuditEntry entry = null;
        String malformed = node.path("malformed").isString() ? node.path("malformed").asString() : null;
        try {
            if (node.hasNonNull("entry")) {
                entry = JSON.treeToValue(node.get("entry"), AuditEntry.class);
            } else if (malformed == null) {
                malformed = "line " + line + " has no entry";
            }
        } catch (RuntimeException e) {
            malformed = "line " + line + ": " + e.getMessage();
        }
        return new ChainRecord(node.path("sequence").asLong(-1), entry, malformed, bytes(node, "contentHash"),
                bytes(node, "prevHash"), bytes(node, "hash"), node.path("keyId").isString() ? node.get("keyId").asString() : null,
                bytes(node, "signature"), node.path("canonical").asBoolean(false));
    }

    /** Every checkpoints-*.jsonl of a directory, witness name to copies. */
    static Map<String, List<Checkpoint>> readCheckpoints(Path directory) throws IOException {
        Map<String, List<Checkpoint>> byWitness = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> file.getFileName().toString().matches("checkpoints-.+\\.jsonl")).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("^checkpoints-", "").replaceFirst("\\.jsonl$", "");
            byWitness.put(name, readCheckpointFile(file));
        }
        return byWitness;
    }

    /** One copy per line: sequence, hash (hex), takenAt (ISO-8601), keyId, signature (hex). */
    static List<Checkpoint> readCheckpointFile(Path file) throws IOException {
        List<Checkpoint> copies = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                copies.add(new Checkpoint(node.get("sequence").asLong(), HEX.parseHex(node.get("hash").asString()),
                        OffsetDateTime.parse(node.get("takenAt").asString()).toInstant(), node.get("keyId").asString(),
                        HEX.parseHex(node.get("signature").asString())));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file.getFileName() + " line " + number + " is not a checkpoint: "
                        + e.getMessage(), e);
            }
        }
        return copies;
    }

    /** A published key set (JWK Set of OKP Ed25519 keys): key id to raw public key. */
    static SigningKeys readKeys(Path file) throws IOException {
        JsonNode keys = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)).path("keys");
        Map<String, String> publicKeys = new LinkedHashMap<>();
        for (JsonNode key : keys) {
            if ("OKP".equals(key.path("kty").asString(null)) && "Ed25519".equals(key.path("crv").asString(null))) {
                publicKeys.put(key.path("kid").asString(), key.path("x").asString());
            }
        }
        return SigningKeys.verifying(publicKeys);
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : HEX.formatHex(bytes);
    }

    private static byte[] bytes(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : HEX.parseHex(value.asString());
    }
}
