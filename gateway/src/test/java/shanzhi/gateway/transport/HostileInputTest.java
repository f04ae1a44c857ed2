package shanzhi.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.sources.Department;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every string a client sends is checked before any store is asked: a control character (NUL,
 * ESC, DEL...) or an unpaired surrogate in any String or ID argument or input field, given as a
 * variable or written in the document, is BAD_USER_INPUT, no statement is sent, and nothing in
 * the answer names SQL, a Java class or an exception.
 */
class HostileInputTest extends ApiTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> INTERNALS = List.of("SELECT", "INSERT", "java.", "org.", "io.r2dbc", "Exception",
            "postgres", "at shanzhi");

    @LocalServerPort
    int serverPort;

    /** Each string input of the API, as a document with the variable $v in it, and the variable's type. */
    static Stream<Arguments> stringInputs() {
        String report = "reportGridEvent(input: {idempotencyKey: %s, category: SANITATION, description: %s, "
                + "cellCode: %s, reporterId: %s, personIds: [%s]}) { id }";
        String dispute = "registerDispute(input: {idempotencyKey: %s, category: NEIGHBOUR, summary: %s, cellCode: %s, "
                + "partyIds: [%s, \"2\"]}) { id }";
        return Stream.of(
                input("query", "ID!", "region(code: $v) { name }"),
                input("query", "ID", "regions(level: TOWN, under: $v) { totalCount }"),
                input("query", "String", "regions(level: TOWN, after: $v) { totalCount }"),
                input("query", "ID!", "person(id: $v) { id }"),
                input("query", "String!", "personByIdNumber(idNumber: $v) { id }"),
                input("query", "ID!", "people(under: $v) { totalCount }"),
                input("query", "String", "people(under: \"440513001\", filter: {nameContains: $v}) { totalCount }"),
                input("query", "String", "region(code: \"440513001\") { residents(filter: {nameContains: $v}) { totalCount } }"),
                input("query", "ID!", "dispute(id: $v) { id }"),
                input("query", "ID!", "incident(id: $v) { id }"),
                input("query", "ID!", "gridEvent(id: $v) { id }"),
                input("mutation", "String!", report.formatted("$v", "\"d\"", "\"44051300100100101\"", "\"1\"", "\"1\"")),
                input("mutation", "String!", report.formatted("\"k\"", "$v", "\"44051300100100101\"", "\"1\"", "\"1\"")),
                input("mutation", "ID!", report.formatted("\"k\"", "\"d\"", "$v", "\"1\"", "\"1\"")),
                input("mutation", "ID!", report.formatted("\"k\"", "\"d\"", "\"44051300100100101\"", "$v", "\"1\"")),
                input("mutation", "ID!", report.formatted("\"k\"", "\"d\"", "\"44051300100100101\"", "\"1\"", "$v")),
                input("mutation", "String", "advanceGridEvent(id: \"1\", to: ACCEPTED, note: $v) { id }"),
                input("mutation", "ID!", "advanceGridEvent(id: $v, to: ACCEPTED) { id }"),
                input("mutation", "String!", dispute.formatted("$v", "\"s\"", "\"44051300100100101\"", "\"1\"")),
                input("mutation", "String!", dispute.formatted("\"k\"", "$v", "\"44051300100100101\"", "\"1\"")),
                input("mutation", "ID!", dispute.formatted("\"k\"", "\"s\"", "$v", "\"1\"")),
                input("mutation", "ID!", dispute.formatted("\"k\"", "\"s\"", "\"44051300100100101\"", "$v")));
    }

    private static Arguments input(String operation, String type, String body) {
        return Arguments.of(operation, type, body);
    }

    /** The hostile characters: NUL, another C0 control, ESC, DEL, a lone high and a lone low surrogate. */
    private static final List<String> HOSTILE = List.of("\u0000", "\u0001", "\u001b", "\u007f", "\ud800", "\udc00");

    @ParameterizedTest(name = "{2} as a variable")
    @MethodSource("stringInputs")
    void aHostileCharacterInAVariableIsBadUserInputBeforeAnyStore(String operation, String type, String body) {
        for (String hostile : HOSTILE) {
            String document = operation + "($v: " + type + ") { " + body + " }";
            assertRefusedBeforeAnyStore(document, Map.of("v", "4405" + hostile + "13001"), hostile);
        }
    }

    @ParameterizedTest(name = "{2} as a literal")
    @MethodSource("stringInputs")
    void aHostileCharacterInADocumentLiteralIsBadUserInputBeforeAnyStore(String operation, String type, String body) {
        for (String hostile : HOSTILE) {
            String escaped = String.format("\\u%04x", (int) hostile.charAt(0));
            String document = operation + " { " + body.replace("$v", "\"4405" + escaped + "13001\"") + " }";
            assertRefusedBeforeAnyStore(document, Map.of(), hostile);
        }
    }

    @Test
    void aHostileCharacterDeepInAVariableObjectIsFoundToo() {
        Map<String, Object> input = new HashMap<>();
        input.put("idempotencyKey", "k");
        input.put("category", "SANITATION");
        input.put("description", "垃圾\u0000堆积");
        input.put("cellCode", "44051300100100101");
        input.put("reporterId", "1");
        input.put("personIds", List.of("1", "2\u0000"));
        Map<String, Object> answer = assertRefusedBeforeAnyStore(
                "mutation($i: ReportGridEventInput!) { reportGridEvent(input: $i) { id } }", Map.of("i", input), "\u0000");
        assertThat(answer.toString()).contains("$i.description").contains("$i.personIds[1]");
    }

    @Test
    void tabsAndLineBreaksInTextArePlainText() {
        Map<String, Object> answer = post("{ people(under: \"440513001\", filter: {nameContains: $n}) { totalCount } }"
                .replace("{ people", "query($n: String) { people"), Map.of("n", "陈\t\n\r"));
        assertThat(answer).doesNotContainKey("errors");
    }

    @Test
    void overGraphqlWsTheSameCheckHolds() {
        String token = tokens.issue("hostile-ws", List.of(Role.DISTRICT_ADMIN), DISTRICT, null, "api-tests", Duration.ofMinutes(10));
        try (GraphQlWsConnection ws = GraphQlWsConnection.open(serverPort, token)) {
            Map<String, Object>[] answer = new Map[1];
            Map<Department, Long> statements = statementsDuring(() -> answer[0] = ws.execute(
                    "query($n: String) { people(under: \"440513001\", filter: {nameContains: $n}) { totalCount } }",
                    Map.of("n", "a\u0000b")));
            assertThat(LimitsOverEveryTransportTest.codes(answer[0])).containsExactly("BAD_USER_INPUT");
            assertThat(statements.values()).allMatch(count -> count == 0);
            assertNoInternals(ws.allText());
        }
    }

    private Map<String, Object> assertRefusedBeforeAnyStore(String document, Map<String, Object> variables, String hostile) {
        String[] text = new String[1];
        Map<Department, Long> statements = statementsDuring(() -> text[0] = postText(document, variables));
        Map<String, Object> answer = parse(text[0]);
        String what = String.format("U+%04X in %s", (int) hostile.charAt(0), document);
        assertThat(answer).as("data for %s", what).doesNotContainKey("data");
        if (Character.isSurrogate(hostile.charAt(0)) && !document.contains("$")) {
            // graphql-java's parser refuses a lone surrogate escape in a literal itself: a syntax error.
            assertThat(answer.toString()).as("error for %s", what).contains("InvalidSyntax");
        } else {
            assertThat(LimitsOverEveryTransportTest.codes(answer)).as("codes for %s", what).isNotEmpty()
                    .allMatch("BAD_USER_INPUT"::equals);
        }
        assertThat(statements.values()).as("statements for %s", what).allMatch(count -> count == 0);
        assertNoInternals(text[0]);
        return answer;
    }

    static void assertNoInternals(String wholeAnswer) {
        for (String internal : INTERNALS) {
            assertThat(wholeAnswer).as("the whole answer").doesNotContainIgnoringCase(internal);
        }
    }

    private Map<String, Object> post(String document, Map<String, Object> variables) {
        return parse(postText(document, variables));
    }

    private String postText(String document, Map<String, Object> variables) {
        String token = tokens.issue("hostile", List.of(Role.DISTRICT_ADMIN), DISTRICT, null, "api-tests", Duration.ofMinutes(10));
        return http().post().header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", document, "variables", variables))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String text) {
        return JSON.readValue(text, Map.class);
    }
}
