package shanzhi.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import reactor.core.publisher.Mono;
import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.GatewayTestConfiguration;
import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.sources.Department;

/**
 * The access log has one line per request (HTTP and each graphql-ws operation) without personal
 * data; a rejected token is a security event in the application log and a counted meter, never an
 * audit record.
 */
class AccessAndSecurityLogTest extends ApiTestBase {
    private final AuditRecords audit = new AuditRecords(TestDatabases.get().jdbcUrl(GatewayTestConfiguration.AUDIT),
            TestDatabases.get().user(), TestDatabases.get().password());
    private final ListAppender<ILoggingEvent> access = new ListAppender<>();
    private final ListAppender<ILoggingEvent> security = new ListAppender<>();

    @Value("${local.server.port}")
    int serverPort;

    @BeforeEach
    void listen() {
        attach("shanzhi.access", access);
        attach("shanzhi.security", security);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger("shanzhi.access")).detachAppender(access);
        ((Logger) LoggerFactory.getLogger("shanzhi.security")).detachAppender(security);
    }

    @Test
    void anHttpRequestLeavesOneAccessLineWithCallerOperationHashAndStatusButNoVariables() {
        String id = query("{ people(under: \"440513007\", first: 1) { edges { node { id } } } }")
                .path("people.edges[0].node.id").entity(String.class).get();
        access.list.clear();
        String document = "query Card($id: ID!) { person(id: $id) { name } }";
        query(document, vars("id", id)).path("person.name").hasValue();

        String line = awaitOneLine(access, "operationName=Card");
        assertThat(line).contains("transport=http", "subject=test-district_admin-440513", "client=api-tests",
                "roles=DISTRICT_ADMIN", "operation=query", "outcome=OK", "status=200", "durationMs=",
                "documentHash=" + KeyedHashes.expected("document", KeyedHashes.utf8(document)));
        assertThat(line).containsPattern("requestId=\\S+").doesNotContain("id=" + id).doesNotContain(" " + id);
    }

    @Test
    void theLineCountsTheStatementsSentToEachStore() {
        String document = "query Across { region(code: \"440513007\") { residents(first: 3) { edges { node { id "
                + "disputes { id } } } } gridEvents(first: 2) { edges { node { id } } } } }";
        Map<Department, Long> sent = statementsDuring(() -> query(document).path("region").hasValue());

        String line = awaitOneLine(access, "operationName=Across");
        StringBuilder expected = new StringBuilder();
        sent.entrySet().stream().filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Department::key)))
                .forEach(entry -> expected.append(expected.isEmpty() ? "" : ",")
                        .append(entry.getKey().key()).append(':').append(entry.getValue()));
        assertThat(expected.toString()).contains("people:").contains("legal:");
        assertThat(line).contains("statements=" + expected);
    }

    @Test
    void aRejectedTokenIsASecurityEventAndAnAccessLineButNoAuditRecord() {
        long recorded = audit.lastSequence();
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        String expired = tokens.issue(Map.of("sub", "probe-4711", "roles", List.of("DISTRICT_ADMIN"), "region", DISTRICT,
                "azp", "probing-app", "aud", List.of("shanzhi"), "iss", shanzhi.gateway.authentication.DemoTokenIssuer.ISSUER,
                "iat", anHourAgo.minus(Duration.ofMinutes(10)), "exp", anHourAgo));
        http().post().header("Authorization", "Bearer " + expired).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", "{ person(id: \"1\") { name } }")).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED);

        String event = awaitOneLine(security, "unverifiedSubject=probe-4711");
        assertThat(event).contains("event=token_rejected", "reason=expired", "transport=http", "unverifiedClient=probing-app");
        assertThat(awaitOneLine(access, "outcome=UNAUTHENTICATED")).contains("status=401");
        assertThat(audit.lastSequence()).as("no audit record for an unauthenticated request").isEqualTo(recorded);
    }

    @Test
    void aGraphqlWsOperationLeavesItsOwnAccessLine() {
        String token = tokens.issue("ws-caller", List.of(Role.DISTRICT_ADMIN), DISTRICT, null, "ws-app", Duration.ofMinutes(5));
        WebSocketGraphQlClient client = WebSocketGraphQlClient
                .builder("ws://localhost:" + serverPort + "/graphql", new ReactorNettyWebSocketClient())
                .interceptor(new WebSocketGraphQlClientInterceptor() {
                    @Override
                    public Mono<Object> connectionInitPayload() {
                        return Mono.just(Map.of("Authorization", "Bearer " + token));
                    }
                }).build();
        try {
            client.document("query OverSocket { region(code: \"440513\") { name } }").execute().block(Duration.ofSeconds(30));
            String line = awaitOneLine(access, "operationName=OverSocket");
            assertThat(line).contains("transport=ws", "subject=ws-caller", "client=ws-app", "outcome=OK")
                    .containsPattern("requestId=ws-\\S+-[0-9a-f]{16}").doesNotContain("status=");
        } finally {
            client.stop().block(Duration.ofSeconds(10));
        }
    }

    @Test
    void aForgedTokenInConnectionInitIsASecurityEventOfTheWebSocket() {
        String forged = tokens.issue("ws-forger", List.of(Role.DISTRICT_ADMIN), DISTRICT, null, "ws-app", Duration.ofMinutes(5)) + "x";
        WebSocketGraphQlClient client = WebSocketGraphQlClient
                .builder("ws://localhost:" + serverPort + "/graphql", new ReactorNettyWebSocketClient())
                .interceptor(new WebSocketGraphQlClientInterceptor() {
                    @Override
                    public Mono<Object> connectionInitPayload() {
                        return Mono.just(Map.of("Authorization", "Bearer " + forged));
                    }
                }).build();
        try {
            client.document("{ region(code: \"440513\") { name } }").execute()
                    .onErrorResume(refused -> Mono.empty()).block(Duration.ofSeconds(30));
            assertThat(awaitOneLine(security, "unverifiedSubject=ws-forger"))
                    .contains("event=token_rejected", "reason=bad_signature", "transport=ws");
        } finally {
            client.stop().onErrorResume(ignored -> Mono.empty()).block(Duration.ofSeconds(10));
        }
    }

    private static void attach(String name, ListAppender<ILoggingEvent> appender) {
        appender.start();
        ((Logger) LoggerFactory.getLogger(name)).addAppender(appender);
    }

    private static String awaitOneLine(ListAppender<ILoggingEvent> appender, String containing) {
        await().atMost(Duration.ofSeconds(10)).until(() -> lines(appender, containing).size() == 1);
        return lines(appender, containing).get(0);
    }

    private static List<String> lines(ListAppender<ILoggingEvent> appender, String containing) {
        synchronized (appender) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(line -> line.contains(containing)).toList();
        }
    }
}
