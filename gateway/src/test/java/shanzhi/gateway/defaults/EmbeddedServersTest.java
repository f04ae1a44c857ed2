package shanzhi.gateway.defaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import shanzhi.gateway.redis.EmbeddedRedisServer;
import shanzhi.gateway.sources.EmbeddedPostgresServer;
import shanzhi.gateway.sources.Endpoint;

/**
 * The servers of the embedded default take a password generated for each start: another local
 * user (who does not have it) can neither log in to PostgreSQL, over TCP or without a password,
 * nor use Redis.
 */
class EmbeddedServersTest {

    @Test
    void theEmbeddedPostgresRequiresItsGeneratedPassword() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(0)) {
            Endpoint endpoint = server.endpoint("postgres");
            assertThat(endpoint.password()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(endpoint.toString()).doesNotContain(endpoint.password());
            try (var connection = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.username(), endpoint.password());
                 var result = connection.createStatement().executeQuery("SELECT 1")) {
                assertThat(result.next()).isTrue();
            }
            for (String password : new String[] {"", "postgres", endpoint.password() + "x"}) {
                assertThatThrownBy(() -> DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.username(), password))
                        .as("password '%s'", password).isInstanceOf(SQLException.class);
            }
            try (EmbeddedPostgresServer other = EmbeddedPostgresServer.start(0)) {
                assertThat(other.endpoint("postgres").password()).isNotEqualTo(endpoint.password());
            }
        }
    }

    @Test
    void theEmbeddedRedisRequiresItsGeneratedPassword() throws Exception {
        try (EmbeddedRedisServer server = EmbeddedRedisServer.start(0)) {
            RedisURI withPassword = RedisURI.create(server.url());
            assertThat(withPassword.getPassword()).isNotEmpty();
            RedisURI without = RedisURI.create(withPassword.getHost(), withPassword.getPort());
            RedisClient client = RedisClient.create();
            try {
                try (var connection = client.connect(withPassword)) {
                    assertThat(connection.sync().ping()).isEqualTo("PONG");
                }
                // Refused at the handshake or at the first command, depending on the protocol version.
                assertThatThrownBy(() -> {
                    try (var connection = client.connect(without)) {
                        connection.sync().set("shanzhi:poison", "x");
                    }
                }).hasStackTraceContaining("NOAUTH");
            } finally {
                client.shutdown();
            }
        }
    }
}
