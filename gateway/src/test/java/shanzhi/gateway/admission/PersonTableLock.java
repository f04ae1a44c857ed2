package shanzhi.gateway.admission;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.sources.Department;

/**
 * Holds requests in the people store: an open transaction holding {@code person} in ACCESS
 * EXCLUSIVE mode, so every statement that reads the table waits until the lock is let go (a row
 * lock would not do: under MVCC a SELECT does not wait for a row lock).
 */
final class PersonTableLock implements AutoCloseable {
    private final Connection connection;

    private PersonTableLock(Connection connection) {
        this.connection = connection;
    }

    static PersonTableLock take() throws SQLException {
        Connection connection = connect();
        connection.setAutoCommit(false);
        try (var statement = connection.createStatement()) {
            statement.execute("LOCK TABLE person IN ACCESS EXCLUSIVE MODE");
        }
        return new PersonTableLock(connection);
    }

    /** Statements of the people store waiting for a lock now (the requests this lock holds). */
    static int waiting() throws SQLException {
        try (Connection connection = connect(); var statement = connection.createStatement();
             var row = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            row.next();
            return row.getInt(1);
        }
    }

    static long anyPersonId() throws SQLException {
        try (Connection connection = connect(); var statement = connection.createStatement();
             var row = statement.executeQuery("SELECT id FROM person ORDER BY id LIMIT 1")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Lets go of the lock: the held statements run. */
    @Override
    public void close() throws SQLException {
        try (connection) {
            connection.rollback();
        }
    }

    private static Connection connect() throws SQLException {
        TestDatabases databases = TestDatabases.get();
        return DriverManager.getConnection(databases.jdbcUrl(Department.PEOPLE), databases.user(), databases.password());
    }
}
