package shanzhi.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import shanzhi.api.Role;
import shanzhi.gateway.sources.Department;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.limits.Limit;

/**
 * The limits of one request hold whatever carries it: the same documents that are refused over a
 * plain POST are refused over graphql-ws and over SSE with the same code, and no data comes back.
 */
class LimitsOverEveryTransportTest extends ApiTestBase {
    private static final String VILLAGE = "440513001001";

    @LocalServerPort
    int serverPort;

    private GraphQlWsConnection ws;

    enum Refused {
        DEPTH(Limit.DEPTH, "{ region(code: \"" + VILLAGE + "\") { " + "parent { ".repeat(11) + "code" + " }".repeat(11) + " } }"),
        ALIASES(Limit.ALIASES, "{ region(code: \"" + VILLAGE + "\") { " + IntStream.rangeClosed(1, 31)
                .mapToObj(i -> "a" + i + ": name").collect(Collectors.joining(" ")) + " } }"),
        ROOT_FIELDS(Limit.ROOT_FIELDS, "{ " + IntStream.rangeClosed(1, 11)
                .mapToObj(i -> "r" + i + ": region(code: \"" + VILLAGE + "\") { code }").collect(Collectors.joining(" ")) + " }"),
        COST(Limit.COST, "{ region(code: \"" + VILLAGE + "\") { residents(first: 100) { edges { node { household { members {"
                + " disputes { parties { incidents { persons { name } } } } } } } } } } }"),
        DOCUMENT_SIZE(Limit.DOCUMENT_SIZE, "{ region(code: \"440513\") { name } }\n#" + "x".repeat(17000));

        final Limit limit;
        final String document;

        Refused(Limit limit, String document) {
            this.limit = limit;
            this.document = document;
        }
    }

    @AfterEach
    void closeSocket() {
        if (ws != null) {
            ws.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Refused.class)
    void overGraphqlWsTheLimitRefusesTheOperationAndTheSocketStaysOpen(Refused refused) {
        ws = GraphQlWsConnection.open(serverPort, token());
        Map<String, Object> answer = ws.execute(refused.document, Map.of());

        assertThat(answer.get("data")).as("data").isNull();
        assertThat(codes(answer)).containsExactly(refused.limit.code());
        assertThat(ws.closeStatus()).as("socket still open").isNull();
        assertThat(ws.execute("{ region(code: \"440513\") { code } }", Map.of()).get("data"))
                .as("the next operation on the socket").isEqualTo(Map.of("region", Map.of("code", "440513")));
    }

    @ParameterizedTest
    @EnumSource(Refused.class)
    void overSseTheLimitErrorIsTheStreamsOneEvent(Refused refused) {
        SseRequests.Answer answer = SseRequests.post(http(), "", token(), refused.document, null);

        assertThat(answer.text()).contains("\"code\":\"" + refused.limit.code() + "\"")
                .doesNotContain("\"data\"").doesNotContain("SSE handler supports only subscriptions");
    }

    @Test
    void overSseAQueryIsRefusedAsNotASubscriptionWithoutAskingAnyStore() {
        String incidents = "{ region(code: \"" + VILLAGE + "\") { incidents(first: 5) { edges { node { id } } } } }";
        assertThat(statementsDuring(() -> query(incidents).path("region.incidents").hasValue()).get(Department.SECURITY))
                .as("the same query as a plain POST asks the police store").isPositive();

        SseRequests.Answer[] answer = new SseRequests.Answer[1];
        Map<Department, Long> sent = statementsDuring(() -> answer[0] = SseRequests.post(http(), "", token(), incidents, null));

        assertThat(answer[0].text()).contains("\"code\":\"BAD_REQUEST\"").contains("carries subscriptions only")
                .doesNotContain("\"data\"");
        assertThat(sent.values()).as("statements per store over SSE").allMatch(count -> count == 0);
    }

    @SuppressWarnings("unchecked")
    static List<Object> codes(Map<String, Object> payload) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) payload.getOrDefault("errors", List.of());
        return errors.stream().map(error -> ((Map<String, Object>) error.get("extensions")).get("code")).toList();
    }

    private String token() {
        return tokens.issue("limits-transport", List.of(Role.DISTRICT_ADMIN), DISTRICT, null, "api-tests", Duration.ofMinutes(10));
    }

}
