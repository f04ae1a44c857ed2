package shanzhi.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import shanzhi.api.LookupMisses;
import shanzhi.api.Role;
import shanzhi.gateway.GatewayTestConfiguration;
import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.audit.AuditRecords;
import shanzhi.gateway.demo.IdNumber;

/**
 * A lookup by ID number cannot confirm guesses of the digits a caller sees masked: for callers who
 * see idNumber masked, lookups that find nobody are limited per subject and day (@confirms on
 * personByIdNumber), while lookups that find someone and callers who see ID numbers whole are not
 * counted.
 */
class ConfirmingLookupTest extends AccessTestBase {
    private static final String LOOKUP = "query($n: String!) { personByIdNumber(idNumber: $n) { id } }";
    private final AuditRecords audit = new AuditRecords(TestDatabases.get().jdbcUrl(GatewayTestConfiguration.AUDIT),
            TestDatabases.get().user(), TestDatabases.get().password());

    @Autowired
    LookupMisses misses;

    @Test
    void aPartnerGuessingIdNumbersIsRefusedOnceTheDaysMissesAreSpent() {
        HttpGraphQlTester partner = subject(Role.PARTNER, DISTRICT);
        for (int guess = 0; guess < misses.perDay(); guess++) {
            lookUp(partner, nobody(guess)).path("personByIdNumber").valueIsNull();
        }
        long before = audit.lastSequence();
        lookUp(partner, nobody(misses.perDay())).errors().satisfy(errors -> {
            assertThat(errors).singleElement().satisfies(error -> {
                assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN");
                assertThat(error.getPath()).isEqualTo("personByIdNumber");
                assertThat(error.getMessage()).contains("found nobody", "Person.idNumber masked", "midnight");
            });
        });
        assertThat(audit.after(before)).singleElement().satisfies(record -> assertThat(record.refusals())
                .contains("@confirms(Person.idNumber) miss budget Query.personByIdNumber"));
    }

    @Test
    void evenANumberOfSomeoneInScopeIsRefusedOnceTheBudgetIsSpent() {
        HttpGraphQlTester partner = subject(Role.PARTNER, DISTRICT);
        for (int guess = 0; guess < misses.perDay(); guess++) {
            lookUp(partner, nobody(guess)).path("personByIdNumber").valueIsNull();
        }
        GraphQlTester.Response refused = lookUp(partner, someoneInScope());
        refused.errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN")));
        refused.path("personByIdNumber").valueIsNull();
    }

    @Test
    void lookupsThatFindSomeoneCostNothing() {
        HttpGraphQlTester partner = subject(Role.PARTNER, DISTRICT);
        String known = someoneInScope();
        for (int lookup = 0; lookup < 2 * misses.perDay() + 1; lookup++) {
            lookUp(partner, known).path("personByIdNumber.id").hasValue();
        }
        assertMissedQuietly(lookUp(partner, nobody(0)));
    }

    @Test
    void callersWhoSeeIdNumbersWholeAreNotCounted() {
        for (Role whole : List.of(Role.DISTRICT_ADMIN, Role.POLICE)) {
            HttpGraphQlTester caller = caller(whole, DISTRICT);
            for (int guess = 0; guess <= misses.perDay(); guess++) {
                assertMissedQuietly(lookUp(caller, nobody(guess)));
            }
        }
    }

    @Test
    void eachSubjectHasItsOwnBudget() {
        HttpGraphQlTester first = subject(Role.TOWN_OFFICER, OWN_TOWN);
        for (int guess = 0; guess < misses.perDay(); guess++) {
            lookUp(first, nobody(guess)).path("personByIdNumber").valueIsNull();
        }
        assertMissedQuietly(lookUp(subject(Role.TOWN_OFFICER, OWN_TOWN), nobody(0)));
    }

    @Test
    void aBadCheckDigitIsBadInputAndCostsNothing() {
        HttpGraphQlTester partner = subject(Role.PARTNER, DISTRICT);
        String valid = nobody(1);
        String wrong = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
        for (int attempt = 0; attempt <= misses.perDay(); attempt++) {
            assertBadUserInput(lookUp(partner, wrong), "personByIdNumber");
        }
        assertMissedQuietly(lookUp(partner, valid));
    }

    /** A caller of its own: budgets are per subject, and every test starts with a full one. */
    private HttpGraphQlTester subject(Role role, String region) {
        String token = tokens.issue("lookup-" + UUID.randomUUID(), List.of(role), region, null, "api-tests",
                Duration.ofMinutes(10));
        return HttpGraphQlTester.create(http()).mutate().header("Authorization", "Bearer " + token).build();
    }

    /** Found nobody, and said no more than that. */
    private static void assertMissedQuietly(GraphQlTester.Response response) {
        response.path("personByIdNumber").valueIsNull();
        response.errors().verify();
    }

    private static GraphQlTester.Response lookUp(HttpGraphQlTester caller, String idNumber) {
        return caller.document(LOOKUP).variables(Map.of("n", idNumber)).execute();
    }

    /** Valid numbers of Beijing's Dongcheng district: nobody of the demo district has one. */
    private static String nobody(int guess) {
        return IdNumber.of("110101", LocalDate.of(1980, 1, 1).plusDays(guess), 100 + guess);
    }

    private String someoneInScope() {
        return query("{ people(under: \"" + DISTRICT + "\", first: 1) { edges { node { idNumber } } } }")
                .path("people.edges[0].node.idNumber").entity(String.class).get();
    }
}
