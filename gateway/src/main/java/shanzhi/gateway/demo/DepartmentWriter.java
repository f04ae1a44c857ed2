package shanzhi.gateway.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** The demo rows of one department's database. */
interface DepartmentWriter {
    /** The key of this department in {@link DemoDistrictLoader#load}'s map. */
    String department();

    /** Every table this writer fills, parents before children. */
    List<String> tables();

    /** Tables whose id is an identity column that the writer fills explicitly. */
    List<String> identityTables();

    /** Streams all rows; returns the rows written per table, in {@link #tables()} order. */
    Map<String, Long> write(Connection connection) throws SQLException;
}
