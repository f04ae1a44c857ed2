package shanzhi.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

import shanzhi.api.Role;
import shanzhi.gateway.authentication.DemoTokenIssuer;
import shanzhi.gateway.sources.Department;
import shanzhi.gateway.sources.StatementCounter;

/** Base of the API tests: a GraphQL client over HTTP to the running gateway. */
@GatewayTest
public abstract class ApiTestBase {
    /** Codes of the demo district that hold at every scale. */
    protected static final String DISTRICT = "440513";
    /** The purpose of access the test clients declare unless a test says otherwise (test resources' config). */
    public static final String TEST_PURPOSE = "TEST_READS";

    @LocalServerPort
    int port;

    @Autowired
    protected StatementCounter statements;

    @Autowired
    protected DemoTokenIssuer tokens;

    /** A client acting as a district administrator (sees everything, unmasked). */
    protected HttpGraphQlTester graphQl;

    @BeforeEach
    void client() {
        graphQl = as(List.of(Role.DISTRICT_ADMIN), DISTRICT, null);
    }

    /** A GraphQL client over HTTP carrying a freshly signed token for these roles and scope. */
    protected HttpGraphQlTester as(List<Role> roles, String region, Long workerId) {
        String token = tokens.issue("test-" + roles.get(0).name().toLowerCase() + "-" + region, roles, region, workerId,
                "api-tests", Duration.ofMinutes(10));
        return HttpGraphQlTester.create(http()).mutate().header("Authorization", "Bearer " + token).build();
    }

    /**
     * A district administrator whose token also names grid worker {@code workerId}: grid events are
     * filed by the worker the token names, whatever the role, so fixtures that report use this.
     */
    protected HttpGraphQlTester asWorker(String workerId) {
        return as(List.of(Role.DISTRICT_ADMIN), DISTRICT, Long.valueOf(workerId));
    }

    /** A plain HTTP client to the gateway's /graphql endpoint, without any token, declaring the tests' purpose. */
    protected WebTestClient http() {
        return httpWithoutPurpose().mutate().defaultHeader("Shanzhi-Purpose", TEST_PURPOSE).build();
    }

    /** A plain HTTP client to the gateway's /graphql endpoint, without any token or purpose. */
    protected WebTestClient httpWithoutPurpose() {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port + "/graphql")
                .responseTimeout(Duration.ofSeconds(60))
                .build();
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

    /** Variables for a document; unlike Map.of, values may be null. Arguments: name, value, name, value... */
    protected static Map<String, Object> vars(Object... namesAndValues) {
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return variables;
    }

    /**
     * Asserts that the response has exactly one error, that it is BAD_USER_INPUT at {@code path}
     * and that its message contains each of {@code messageParts}; marks the errors as expected.
     */
    protected static void assertBadUserInput(GraphQlTester.Response response, String path, String... messageParts) {
        response.errors().satisfy(errors -> {
            assertThat(errors).as("errors").hasSize(1);
            assertBadUserInputError(errors.get(0), path, messageParts);
        });
    }

    protected static void assertBadUserInputError(ResponseError error, String path, String... messageParts) {
        assertThat(error.getExtensions()).as("extensions of %s", error).containsEntry("code", "BAD_USER_INPUT");
        assertThat(error.getPath()).as("path of %s", error).isEqualTo(path);
        for (String part : messageParts) {
            assertThat(error.getMessage()).as("message of %s", error).containsIgnoringCase(part);
        }
    }

    /** A fresh idempotency key, so that mutation tests are independent and repeatable. */
    protected static String newKey() {
        return java.util.UUID.randomUUID().toString();
    }
}
