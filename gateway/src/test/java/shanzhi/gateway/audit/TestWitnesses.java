package shanzhi.gateway.audit;

import java.sql.DriverManager;
import java.sql.SQLException;

import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.sources.DatabaseProvisioner;
import shanzhi.gateway.sources.Endpoint;
import shanzhi.gateway.witness.StoreWitness;

/** Witness stores of a test's own: a fresh database per key, migrated like a department's. */
final class TestWitnesses {

    private TestWitnesses() {
    }

    static StoreWitness store(String name, String key) {
        return StoreWitness.migrated(name, endpoint(key));
    }

    /** Runs SQL in the witness database as its superuser (a department DBA). */
    static void execute(String key, String sql) throws SQLException {
        Endpoint endpoint = endpoint(key);
        try (var connection = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.username(), endpoint.password());
             var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Endpoint endpoint(String key) {
        TestDatabases databases = TestDatabases.get();
        Endpoint endpoint = Endpoint.parse(databases.url(key), databases.user(), databases.password());
        DatabaseProvisioner.createIfMissing(endpoint);
        return endpoint;
    }
}
