package shanzhi.gateway.authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import reactor.core.publisher.Mono;
import shanzhi.grid.GridWorkerRepository;

/**
 * When the grid store cannot say which grid a worker serves, a grid worker's token is refused
 * (fail closed), while the tokens of other roles, which need no lookup, pass.
 */
class WorkerServesGridTest {

    @Test
    void aGridWorkerTokenIsRefusedWhileTheGridStoreCannotAnswer() throws Exception {
        WorkerServesGrid check = new WorkerServesGrid(token -> Mono.just(jwt(token)), new GridWorkerAssignments(
                new GridWorkerRepository(DatabaseClient.create(new PostgresqlConnectionFactory(
                        PostgresqlConnectionConfiguration.builder().host("127.0.0.1").port(closedPort())
                                .database("grid").username("nobody").connectTimeout(Duration.ofSeconds(2)).build())))));

        assertThatThrownBy(() -> check.decode("GRID_WORKER").block(Duration.ofSeconds(10)))
                .isInstanceOf(BadJwtException.class)
                .hasMessageContaining("could not confirm that worker 7 serves grid 44051300100101");
        assertThat(check.decode("TOWN_OFFICER").block(Duration.ofSeconds(10)).getSubject()).isEqualTo("someone");
    }

    private static Jwt jwt(String role) {
        Instant now = Instant.now();
        return Jwt.withTokenValue(role).header("alg", "RS256").subject("someone")
                .claim(CallerClaims.ROLES, List.of(role))
                .claim(CallerClaims.REGION, role.equals("GRID_WORKER") ? "44051300100101" : "440513012")
                .claim(CallerClaims.WORKER_ID, 7L)
                .issuedAt(now).expiresAt(now.plusSeconds(60)).build();
    }

    /** A port nothing listens on (it was free a moment ago). */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
