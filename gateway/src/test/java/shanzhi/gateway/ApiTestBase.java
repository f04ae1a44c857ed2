package shanzhi.gateway;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

import shanzhi.gateway.sources.Department;
import shanzhi.gateway.sources.StatementCounter;

/** Base of the API tests: a GraphQL client over HTTP to the running gateway. */
@GatewayTest
public abstract class ApiTestBase {
    /** Codes of the demo district that hold at every scale. */
    protected static final String DISTRICT = "440513";

    @LocalServerPort
    int port;

    @Autowired
    protected StatementCounter statements;

    protected HttpGraphQlTester graphQl;

    @BeforeEach
    void client() {
        WebTestClient client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port + "/graphql")
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        graphQl = HttpGraphQlTester.create(client);
    }

    protected GraphQlTester.Response query(String document) {
        return graphQl.document(document).execute();
    }

    protected GraphQlTester.Response query(String document, Map<String, Object> variables) {
        return graphQl.document(document).variables(variables).execute();
    }

    /** Statements sent to each store while running {@code action}. */
    protected Map<Department, Long> statementsDuring(Runnable action) {
        Map<Department, Long> before = statements.snapshot();
        action.run();
        Map<Department, Long> after = statements.snapshot();
        Map<Department, Long> sent = new java.util.EnumMap<>(Department.class);
        after.forEach((department, count) -> sent.put(department, count - before.get(department)));
        return sent;
    }
}
