package shanzhi.gateway.defaults;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.sources.Department;

/**
 * Direct reads (and the one fixture write) of a department store, past the gateway: what the
 * store holds after a request, whatever the API answered.
 */
final class GridStore {
    /** A town of the demo district no other suite writes into. */
    static final String TOWN = "440513012";

    /** A cell, its party grid and a worker serving that grid. */
    record Place(String cell, String grid, long workerId) {
    }

    private GridStore() {
    }

    /** The first {@code count} grids of {@link #TOWN} that have a worker and a cell, each with both. */
    static List<Place> places(int count) {
        List<Place> places = new ArrayList<>();
        for (List<String> row : rows(Department.GRID, "SELECT min(c.code), g.code, min(w.id) FROM region g "
                + "JOIN region c ON c.parent_code = g.code AND c.level = 'CELL' JOIN grid_worker w ON w.grid_code = g.code "
                + "WHERE g.level = 'GRID' AND g.code LIKE '" + TOWN + "%' GROUP BY g.code ORDER BY g.code LIMIT " + count)) {
            places.add(new Place(row.get(0), row.get(1), Long.parseLong(row.get(2))));
        }
        if (places.size() < count) {
            throw new IllegalStateException("Fewer than " + count + " grids with workers in " + TOWN);
        }
        return places;
    }

    static List<List<String>> rows(Department department, String sql, Object... parameters) {
        TestDatabases databases = TestDatabases.get();
        try (var connection = DriverManager.getConnection(databases.jdbcUrl(department), databases.user(), databases.password());
             var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<List<String>> rows = new ArrayList<>();
            if (!statement.execute()) {
                return rows;
            }
            try (var result = statement.getResultSet()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(result.getString(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
