package shanzhi.gateway.sources;

import java.sql.DriverManager;
import java.sql.SQLException;

/** Creates a department's database when the server has none of that name (embedded and tests). */
public final class DatabaseProvisioner {
    private DatabaseProvisioner() {
    }

    public static void createIfMissing(Endpoint endpoint) {
        String admin = "jdbc:postgresql://" + endpoint.host() + ":" + endpoint.port() + "/postgres";
        try (var connection = DriverManager.getConnection(admin, endpoint.username(), endpoint.password());
             var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, endpoint.database());
            if (!exists.executeQuery().next()) {
                try (var create = connection.createStatement()) {
                    create.execute("CREATE DATABASE \"" + endpoint.database().replace("\"", "") + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + endpoint.database(), e);
        }
    }
}
