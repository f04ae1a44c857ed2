package shanzhi.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;

/**
 * A graphql-ws client sends connection_init the moment its handshake completes. The gateway must
 * read it every time: a frame that arrives before the server has bound the WebSocket to the
 * connection is dropped, and the client is closed 10 s later with 4408 for a message it did send.
 * That happened to about one connection in thirty while every request created a WebSession, whose
 * store answers on another thread, so that the upgrade ran off Netty's event loop.
 */
class FirstMessageTest extends ApiTestBase {
    @Value("${local.server.port}")
    int serverPort;

    @Test
    void connectionInitSentRightAfterTheHandshakeIsAcknowledgedOnEveryConnection() throws Exception {
        String token = tokens.issue("first-message", List.of(Role.DISTRICT_ADMIN), DISTRICT, null, "api-tests",
                Duration.ofMinutes(10));
        assertThat(FirstMessages.unanswered(serverPort, token, 120))
                .as("connections whose connection_init was not acknowledged").isEmpty();
    }
}
