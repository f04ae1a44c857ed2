package shanzhi.gateway.http;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;

/**
 * Tests that look at the HTTP exchange itself (headers, encodings, GET URLs), which the GraphQL
 * tester hides: a raw client and a district administrator's token, a subject of each test class's
 * own so that their rate budgets do not meet.
 */
abstract class RawHttpTestBase extends ApiTestBase {
    @LocalServerPort
    int localPort;
    RawHttp http;
    String token;

    @BeforeEach
    void raw() {
        http = new RawHttp(localPort);
        token = tokens.issue("test-" + getClass().getSimpleName(), List.of(Role.DISTRICT_ADMIN), DISTRICT, null,
                "api-tests", Duration.ofMinutes(10));
    }
}
