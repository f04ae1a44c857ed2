package shanzhi.gateway.live;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.sources.Department;

/** Direct SQL on the test run's department stores: what is in the outboxes, and writes made beside the API. */
final class OutboxTables {
    private OutboxTables() {
    }

    static Connection connect(Department department) throws SQLException {
        TestDatabases databases = TestDatabases.get();
        return DriverManager.getConnection(databases.jdbcUrl(department), databases.user(), databases.password());
    }

    /** The outbox rows whose payload is the row with this id, as "topic/status" (status may be null). */
    static List<String> rowsFor(Department department, long rowId) throws SQLException {
        try (Connection c = connect(department); PreparedStatement s = c.prepareStatement(
                "SELECT topic, payload->>'status' FROM outbox WHERE (payload->>'id')::bigint = ? ORDER BY id")) {
            s.setLong(1, rowId);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "/" + rs.getString(2));
                }
            }
            return rows;
        }
    }

    static long count(Department department) throws SQLException {
        try (Connection c = connect(department); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** An incident as the public-security department's own system records it: plain SQL, committed. */
    static long insertIncident(String summary) throws SQLException {
        try (Connection c = connect(Department.SECURITY)) {
            return insertIncident(c, summary);
        }
    }

    static long insertIncident(Connection c, String summary) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO incident (category, subcategory, occurred_at, "
                + "status, summary, cell_code) VALUES ('PUBLIC_ORDER', '纠纷', now(), 'OPEN', ?, ?) RETURNING id")) {
            s.setString(1, summary);
            s.setString(2, aCell());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A cell of the demo district and a grid worker of its grid: {cell code, worker id}. */
    static String[] cellAndWorker() throws SQLException {
        try (Connection c = connect(Department.GRID); var s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT c.code, w.id FROM region c JOIN grid_worker w ON w.grid_code = c.parent_code "
                        + "WHERE c.level = 'CELL' ORDER BY c.code DESC, w.id LIMIT 1")) {
            rs.next();
            return new String[] {rs.getString(1), Long.toString(rs.getLong(2))};
        }
    }

    private static String aCell() throws SQLException {
        return cellAndWorker()[0];
    }
}
