package shanzhi.gateway.witness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import shanzhi.gateway.sources.Endpoint;

/**
 * A department's database as a witness: the evidence_checkpoint table (db/witness), migrated
 * under a Flyway history of its own so the department's schema versions are not touched. Plain
 * JDBC: a checkpoint is written once a minute and read by the verifier, both off the event loop.
 */
public final class StoreWitness implements Witness {
    private static final Logger log = LoggerFactory.getLogger(StoreWitness.class);
    private static final String INSERT = """
            INSERT INTO evidence_checkpoint (sequence, hash, taken_at, key_id, signature) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";
    private static final String SELECT = """
            SELECT sequence, hash, taken_at, key_id, signature FROM evidence_checkpoint
            WHERE sequence >= ? ORDER BY sequence, taken_at""";
    private static final String NEWEST = """
            SELECT sequence, hash, taken_at, key_id, signature FROM evidence_checkpoint
            ORDER BY sequence DESC, taken_at DESC LIMIT ?""";
    private final String name;
    private final Endpoint endpoint;

    private StoreWitness(String name, Endpoint endpoint) {
        this.name = name;
        this.endpoint = endpoint;
    }

    /** Migrates the witness table in the store (as the configured user) and returns the witness. */
    public static StoreWitness migrated(String name, Endpoint endpoint) {
        var result = Flyway.configure()
                .dataSource(endpoint.jdbcUrl(), endpoint.username(), endpoint.password())
                .locations("classpath:db/witness")
                .table("shanzhi_witness_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        log.info("{} store as audit witness: {} migration(s) applied", name, result.migrationsExecuted);
        return new StoreWitness(name, endpoint);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void record(Checkpoint checkpoint) {
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setLong(1, checkpoint.sequence());
            insert.setBytes(2, checkpoint.hash());
            insert.setObject(3, checkpoint.takenAt().atOffset(ZoneOffset.UTC));
            insert.setString(4, checkpoint.keyId());
            insert.setBytes(5, checkpoint.signature());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new WitnessUnavailable(name, e);
        }
    }

    @Override
    public List<Checkpoint> checkpointsFrom(long fromSequence) {
        return read(SELECT, fromSequence);
    }

    @Override
    public List<Checkpoint> newest(int limit) {
        return read(NEWEST, limit);
    }

    private List<Checkpoint> read(String sql, long parameter) {
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, parameter);
            List<Checkpoint> checkpoints = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    checkpoints.add(new Checkpoint(row.getLong("sequence"), row.getBytes("hash"),
                            row.getObject("taken_at", OffsetDateTime.class).toInstant(), row.getString("key_id"),
                            row.getBytes("signature")));
                }
            }
            return checkpoints;
        } catch (SQLException | IllegalArgumentException e) {
            throw new WitnessUnavailable(name, e);
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", endpoint.username());
        properties.setProperty("password", endpoint.password() == null ? "" : endpoint.password());
        // A hung witness must not hold the checkpoint writer or the verifier for ever.
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("ApplicationName", "shanzhi-witness");
        return DriverManager.getConnection(endpoint.jdbcUrl(), properties);
    }
}
