package shanzhi.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.graphql.ResponseError;

import shanzhi.api.BadUserInput;
import shanzhi.gateway.ApiTestBase;

/**
 * Ids and codes are ASCII digits: the same number written in Arabic-Indic or full-width digits is
 * BAD_USER_INPUT, not the record with that number. An error that names the input quotes at most
 * its first 32 characters.
 */
class AsciiIdsAndEchoTest extends ApiTestBase {
    /** 123 in Arabic-Indic, extended Arabic-Indic, full-width and Devanagari digits. */
    private static final List<String> NOT_ASCII_123 = List.of("١٢٣", "۱۲۳", "１２３", "१२३");

    @ParameterizedTest
    @ValueSource(strings = {"person", "dispute", "incident", "gridEvent"})
    void anIdInNonAsciiDigitsIsBadUserInput(String field) {
        query("{ " + field + "(id: \"123\") { id } }").errors().verify();
        for (String id : NOT_ASCII_123) {
            assertBadUserInput(query("query($id: ID!) { " + field + "(id: $id) { id } }", Map.of("id", id)), field,
                    "ASCII digits");
        }
    }

    @Test
    void aRegionCodeOrIdNumberInNonAsciiDigitsIsBadUserInput() {
        assertBadUserInput(query("{ region(code: \"４４０５１３\") { name } }"), "region", "Malformed region code");
        assertBadUserInput(query("{ region(code: \"٤٤٠٥١٣\") { name } }"), "region", "Malformed region code");
        assertBadUserInput(query("{ people(under: \"４４０５１３\") { totalCount } }"), "people", "Malformed region code");
        assertBadUserInput(query("{ personByIdNumber(idNumber: \"４４０５１３１９９６１２１４１８７８\") { id } }"),
                "personByIdNumber", "Malformed ID number");
    }

    @Test
    void aMutationsIdsAndCodesInNonAsciiDigitsAreBadUserInputAndWriteNothing() {
        var response = query("mutation { reportGridEvent(input: {idempotencyKey: \"" + newKey() + "\", category: OTHER, "
                + "description: \"x\", cellCode: \"44051300100100101\", reporterId: \"１\"}) { id } }");
        assertBadUserInput(response, "reportGridEvent", "reporter", "ASCII digits");
    }

    @Test
    void errorsQuoteAtMostTheFirst32CharactersOfTheInput() {
        String longCode = "4405130".repeat(200);
        String longId = "9".repeat(19) + "x".repeat(1000);
        for (var response : List.of(
                query("query($c: ID!) { region(code: $c) { name } }", Map.of("c", longCode)),
                query("query($id: ID!) { person(id: $id) { id } }", Map.of("id", longId)),
                query("query($n: String!) { personByIdNumber(idNumber: $n) { id } }", Map.of("n", longCode)),
                query("query($a: String) { regions(level: TOWN, after: $a) { totalCount } }", Map.of("a", longCode)))) {
            response.errors().satisfy(errors -> {
                assertThat(errors).hasSize(1);
                ResponseError error = errors.get(0);
                assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT");
                assertThat(error.getMessage()).as("message").hasSizeLessThan(BadUserInput.ECHO_LIMIT + 120).contains("…")
                        .doesNotContain(longCode.substring(0, BadUserInput.ECHO_LIMIT + 1))
                        .doesNotContain(longId.substring(0, BadUserInput.ECHO_LIMIT + 1));
            });
        }
    }

    @Test
    void aShortInputIsQuotedWhole() {
        assertBadUserInput(query("{ region(code: \"12345\") { name } }"), "region", "'12345'");
    }
}
