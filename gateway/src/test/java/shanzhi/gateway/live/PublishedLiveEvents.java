package shanzhi.gateway.live;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.beans.factory.DisposableBean;

import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.sources.Department;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the subscription tests make something happen: an outbox row written into the
 * department's test database, as a department's own system (or the store's trigger) would.
 * From there the event takes the real way to the subscriber: the relay, the Redis stream, this
 * replica's fan-out, the subscription's filter and buffer.
 */
public final class PublishedLiveEvents implements DisposableBean {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final GuardedLiveFeed feed;
    private final Map<Department, Connection> connections = new EnumMap<>(Department.class);

    public PublishedLiveEvents(GuardedLiveFeed feed) {
        this.feed = feed;
    }

    /** Commits an outbox row for {@code topic}; every replica's subscribers get it once relayed. */
    public synchronized void publish(String department, String topic, String cellCode, Map<String, Object> payload) {
        try (PreparedStatement insert = connection(Department.valueOf(department.toUpperCase()))
                .prepareStatement("INSERT INTO outbox (topic, cell_code, payload) VALUES (?, ?, ?::jsonb)")) {
            insert.setString(1, topic);
            insert.setString(2, cellCode);
            insert.setString(3, JSON.writeValueAsString(payload));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the outbox row", e);
        }
    }

    /** Subscriptions open on this replica: a test waits for its own to arrive. */
    public int subscribers() {
        return feed.open();
    }

    private Connection connection(Department department) throws SQLException {
        Connection connection = connections.get(department);
        if (connection == null) {
            TestDatabases databases = TestDatabases.get();
            String url = databases.url(department);
            connection = DriverManager.getConnection("jdbc:" + url, databases.user(), databases.password());
            connections.put(department, connection);
        }
        return connection;
    }

    @Override
    public synchronized void destroy() throws SQLException {
        for (Connection connection : connections.values()) {
            connection.close();
        }
        connections.clear();
    }
}
