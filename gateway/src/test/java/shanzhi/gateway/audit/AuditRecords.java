package shanzhi.gateway.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an audit database over JDBC as the test's superuser, and tampers with it the way an
 * attacker with superuser rights could: with the append-only triggers switched off for the
 * session (session_replication_role = replica), which the chain must still expose.
 */
public final class AuditRecords {
    private final String jdbcUrl;
    private final String user;
    private final String password;

    public AuditRecords(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    public long lastSequence() {
        try (Connection connection = connect(); var statement = connection.createStatement();
             var row = statement.executeQuery("SELECT coalesce(max(sequence), 0) FROM audit_record")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<StoredRecord> after(long sequence) {
        try (Connection connection = connect(); var select = connection.prepareStatement("""
                SELECT sequence, subject, roles, scope, client, worker_id, operation_type, operation_name,
                       document_hash, person_ids, fields, outcome, record_version, variables_hash, connections, refusals
                FROM audit_record WHERE sequence > ? ORDER BY sequence""")) {
            select.setLong(1, sequence);
            List<StoredRecord> records = new ArrayList<>();
            try (var row = select.executeQuery()) {
                while (row.next()) {
                    long worker = row.getLong("worker_id");
                    Long workerId = row.wasNull() ? null : worker;
                    records.add(new StoredRecord(row.getLong("sequence"), row.getString("subject"),
                            Arrays.asList((String[]) row.getArray("roles").getArray()), row.getString("scope"),
                            row.getString("client"), workerId, row.getString("operation_type"),
                            row.getString("operation_name"), row.getString("document_hash"),
                            Arrays.asList((Long[]) row.getArray("person_ids").getArray()),
                            Arrays.asList((String[]) row.getArray("fields").getArray()), row.getString("outcome"),
                            row.getInt("record_version"), row.getString("variables_hash"),
                            Arrays.asList((String[]) row.getArray("connections").getArray()),
                            Arrays.asList((String[]) row.getArray("refusals").getArray())));
                }
            }
            return records;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs statements with the triggers off, as only a superuser can. */
    void tamper(String... statements) {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute("SET session_replication_role = replica");
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a statement with the triggers on; the SQLException, if any, is the answer. */
    void execute(String sql) throws SQLException {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }
}
