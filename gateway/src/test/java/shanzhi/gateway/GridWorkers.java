package shanzhi.gateway;

import java.sql.DriverManager;
import java.sql.SQLException;

import shanzhi.gateway.sources.Department;

/**
 * Grid workers of the test district, read from the grid store: a GRID_WORKER token is accepted
 * only for the grid its worker_id serves, so tests that act as a grid worker name a real one.
 */
public final class GridWorkers {
    private GridWorkers() {
    }

    /** A grid worker and the grid they serve. */
    public record Assignment(String grid, long workerId) {
    }

    /** The worker of lowest id serving {@code grid}. */
    public static long of(String grid) {
        return query("SELECT grid_code, id FROM grid_worker WHERE grid_code = ? ORDER BY id LIMIT 1", grid).workerId();
    }

    /** The district's first grid (by code) and its first worker. */
    public static Assignment first() {
        return query("SELECT grid_code, id FROM grid_worker WHERE grid_code >= ? ORDER BY grid_code, id LIMIT 1", "");
    }

    private static Assignment query(String sql, String parameter) {
        TestDatabases databases = TestDatabases.get();
        try (var connection = DriverManager.getConnection(databases.jdbcUrl(Department.GRID), databases.user(), databases.password());
             var statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (var row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("No grid worker for " + parameter);
                }
                return new Assignment(row.getString(1), row.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
