package shanzhi.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.GatewayTestConfiguration;
import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.purpose.Purposes;

/**
 * Query.personAccessHistory: a resident's access history, from the audit trail. Complete and
 * newest first, paged with tamper-proof cursors, in the person's scope, without the reads of a
 * covert investigation before their disclosure date, and itself audited.
 */
class PersonAccessHistoryTest extends ApiTestBase {
    private static final String TOWN = "440513007";
    private static final String OTHER_TOWN = "440513001";
    private static final String HISTORY = """
            query History($id: ID!, $first: Int, $after: String) {
              personAccessHistory(personId: $id, first: $first, after: $after) {
                edges { cursor node { sequence at subject roles client operationType operationName fields
                                      purpose { code case } outcome } }
                pageInfo { hasNextPage endCursor }
              }
            }""";
    private final AuditRecords audit = new AuditRecords(TestDatabases.get().jdbcUrl(GatewayTestConfiguration.AUDIT),
            TestDatabases.get().user(), TestDatabases.get().password());

    private String personId;
    private String idNumber;

    @BeforeEach
    void aResidentOfTheTown() {
        // far down the town's list, so other tests' reads of the first residents do not crowd its history
        List<Map> people = query("{ people(under: \"" + TOWN + "\", first: 40) { edges { node { id idNumber } } } }")
                .path("people.edges[*].node").entityList(Map.class).get();
        Map<?, ?> person = people.get(people.size() - 1);
        personId = (String) person.get("id");
        idNumber = (String) person.get("idNumber");
    }

    @Test
    void readsOfThePersonBySeveralCallersAppearNewestFirstWithWhoHowAndWhy() {
        client("history-admin", Role.DISTRICT_ADMIN, DISTRICT, null)
                .document("query AdminLooks($id: ID!) { person(id: $id) { name phone } }").variable("id", personId)
                .execute().errors().verify();
        client("history-judge", Role.JUDICIAL, DISTRICT, "CASE_HANDLING; case=2026-MIN-88")
                .document("query CaseLookup($n: String!) { personByIdNumber(idNumber: $n) { name household { address } } }")
                .variable("n", idNumber).execute().errors().verify();

        List<Map> events = history(graphQl, personId, 2, null).path("personAccessHistory.edges[*].node")
                .entityList(Map.class).hasSize(2).get();

        Map<?, ?> newest = events.get(0);
        assertThat(newest.get("subject")).isEqualTo("history-judge");
        assertThat(newest.get("roles")).isEqualTo(List.of("JUDICIAL"));
        assertThat(newest.get("client")).isEqualTo("api-tests");
        assertThat(newest.get("operationType")).isEqualTo("query");
        assertThat(newest.get("operationName")).isEqualTo("CaseLookup");
        assertThat(newest.get("fields")).isEqualTo(List.of("Household.address", "household", "name"));
        assertThat(newest.get("purpose")).isEqualTo(Map.of("code", "CASE_HANDLING", "case", "2026-MIN-88"));
        assertThat(newest.get("outcome")).isEqualTo("OK");
        assertThat((String) newest.get("at")).endsWith("+08:00");

        Map<?, ?> before = events.get(1);
        assertThat(before.get("subject")).isEqualTo("history-admin");
        assertThat(before.get("operationName")).isEqualTo("AdminLooks");
        assertThat(before.get("fields")).isEqualTo(List.of("name", "phone"));
        assertThat(before.get("purpose")).as("Query.person needs no purpose").isNull();
        assertThat(((Number) before.get("sequence")).longValue()).isLessThan(((Number) newest.get("sequence")).longValue());
    }

    @Test
    void pagesChainWithTheirCursorsWithoutDuplicatesOrGapsAndAForgedCursorIsBadInput() {
        for (int i = 0; i < 5; i++) {
            query("query($id: ID!) { person(id: $id) { name } }", vars("id", personId)).errors().verify();
        }
        List<Long> expected = visibleSequences(Long.parseLong(personId));
        assertThat(expected).hasSizeGreaterThanOrEqualTo(5);

        List<Long> paged = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            GraphQlTester.Response page = history(graphQl, personId, 3, after);
            page.errors().verify();
            List<Map> nodes = page.path("personAccessHistory.edges[*].node").entityList(Map.class).get();
            nodes.forEach(node -> paged.add(((Number) node.get("sequence")).longValue()));
            more = page.path("personAccessHistory.pageInfo.hasNextPage").entity(Boolean.class).get();
            after = page.path("personAccessHistory.pageInfo.endCursor").entity(String.class).get();
        }
        // each page's own request is recorded after it was answered: newer than the first page, so not in it
        assertThat(paged).isEqualTo(expected);

        String cursor = history(graphQl, personId, 1, null).path("personAccessHistory.pageInfo.endCursor")
                .entity(String.class).get();
        assertBadUserInput(history(graphQl, personId, 1, "bogus"), "personAccessHistory", "Unknown cursor");
        assertBadUserInput(history(graphQl, personId, 1, cursor.substring(0, cursor.length() - 2) + "AA"),
                "personAccessHistory", "Unknown cursor");
        String otherPerson = String.valueOf(Long.parseLong(personId) - 1);
        assertBadUserInput(history(graphQl, otherPerson, 1, cursor), "personAccessHistory", "Unknown cursor");
        assertBadUserInput(history(graphQl, personId, 101, null), "personAccessHistory", "first");
        assertBadUserInput(history(graphQl, "12x", 1, null), "personAccessHistory", "Malformed person id");
    }

    @Test
    void aCallerOutOfThePersonsScopeGetsNullAsForAMissingPersonAndTheProbeIsRecorded() {
        HttpGraphQlTester otherTownJudge = client("history-far-judge", Role.JUDICIAL, OTHER_TOWN, null);
        long before = audit.lastSequence();
        history(otherTownJudge, personId, 5, null).errors().verify().path("personAccessHistory").valueIsNull();
        history(otherTownJudge, "999999999", 5, null).errors().verify().path("personAccessHistory").valueIsNull();

        List<StoredRecord> records = audit.after(before);
        assertThat(records).hasSize(2).allSatisfy(record -> {
            assertThat(record.personIds()).isEmpty();
            assertThat(record.outcome()).isEqualTo("REFUSED");
        });
        assertThat(records.get(0).refusals()).containsExactly("scope Query.personAccessHistory key="
                + KeyedHashes.expected("value", shanzhi.api.Canonical.bytes(
                        List.of("Query.personAccessHistory", Map.of("personId", personId)))));
    }

    @Test
    void otherRolesAreForbiddenAndTheRefusalIsRecorded() {
        // (a grid worker's token must name a worker and a grid: its refusal is the same @allow)
        for (Role role : List.of(Role.TOWN_OFFICER, Role.POLICE, Role.PARTNER)) {
            long before = audit.lastSequence();
            String scope = role == Role.TOWN_OFFICER ? TOWN : DISTRICT;
            history(client("history-" + role, role, scope, null), personId, 5, null)
                    .errors().satisfy(errors -> assertThat(errors).as(role.name()).singleElement().satisfies(error -> {
                        assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN");
                        assertThat(error.getPath()).isEqualTo("personAccessHistory");
                    }))
                    .path("personAccessHistory").valueIsNull();
            assertThat(audit.after(before)).as(role.name()).singleElement().satisfies(record -> {
                assertThat(record.refusals()).containsExactly("@allow Query.personAccessHistory");
                assertThat(record.personIds()).isEmpty();
            });
        }
    }

    @Test
    void investigationReadsByPoliceAreWithheldUntilTheirDisclosureDate() throws InterruptedException {
        String lookup = "query Covert($n: String!) { personByIdNumber(idNumber: $n) { name } }";
        long before = audit.lastSequence();
        client("history-detective", Role.POLICE, DISTRICT, "INVESTIGATION; case=GA-2026-9")
                .document(lookup).variable("n", idNumber).execute().errors().verify();
        long investigation = onlyNewRecord(before);
        before = audit.lastSequence();
        client("history-detective", Role.POLICE, DISTRICT, "TEST_COVERT")
                .document(lookup).variable("n", idNumber).execute().errors().verify();
        long shortDelay = onlyNewRecord(before);

        assertThat(sequencesShown()).doesNotContain(investigation, shortDelay);

        Thread.sleep(1_500); // TEST_COVERT's disclosure delay is 1 s
        List<Long> shown = sequencesShown();
        assertThat(shown).contains(shortDelay).doesNotContain(investigation);
        assertThat(visibleSequences(Long.parseLong(personId))).doesNotContain(investigation);
    }

    @Test
    void aCovertReadOfOnePersonByIdOrThroughTheirHouseholdIsWithheldToo() throws InterruptedException {
        HttpGraphQlTester detective = client("history-detective", Role.POLICE, DISTRICT, "TEST_COVERT");
        long before = audit.lastSequence();
        detective.document("query($id: ID!) { person(id: $id) { name } }").variable("id", personId).execute()
                .errors().verify();
        long byId = onlyNewRecord(before);
        before = audit.lastSequence();
        detective.document("query($id: ID!) { person(id: $id) { household { members { id name } } } }")
                .variable("id", personId).execute().errors().verify();
        long throughHousehold = audit.after(before).get(0).sequence();

        assertThat(sequencesShown()).doesNotContain(byId, throughHousehold);
        Thread.sleep(1_500); // TEST_COVERT's disclosure delay is 1 s
        assertThat(sequencesShown()).contains(byId, throughHousehold);
    }

    @Test
    void readingTheHistoryIsItselfARecordedReadOfThePerson() {
        long before = audit.lastSequence();
        graphQl.document(HISTORY).operationName("History").variables(vars("id", personId, "first", 1)).execute()
                .errors().verify();
        assertThat(audit.after(before)).singleElement().satisfies(record -> {
            assertThat(record.personIds()).containsExactly(Long.parseLong(personId));
            assertThat(record.fields()).containsExactly("personAccessHistory");
            assertThat(record.operationName()).isEqualTo("History");
            assertThat(record.subject()).isEqualTo("test-district_admin-" + DISTRICT);
            assertThat(record.outcome()).isEqualTo("OK");
        });
        // and it is in the history the next time
        Map<?, ?> newest = history(graphQl, personId, 1, null).path("personAccessHistory.edges[0].node")
                .entity(Map.class).get();
        assertThat(newest.get("fields")).isEqualTo(List.of("personAccessHistory"));
    }

    private List<Long> sequencesShown() {
        return history(graphQl, personId, 20, null).path("personAccessHistory.edges[*].node.sequence")
                .entityList(Long.class).get();
    }

    private long onlyNewRecord(long before) {
        List<StoredRecord> records = audit.after(before);
        assertThat(records).singleElement().satisfies(record ->
                assertThat(record.personIds()).containsExactly(Long.parseLong(personId)));
        return records.get(0).sequence();
    }

    private static GraphQlTester.Response history(GraphQlTester client, String id, Integer first, String after) {
        return client.document(HISTORY).variables(vars("id", id, "first", first, "after", after)).execute();
    }

    /** A client with its own subject, one role, a scope, and a purpose (null: none). */
    private HttpGraphQlTester client(String subject, Role role, String region, String purpose) {
        String token = tokens.issue(subject, List.of(role), region, null, "api-tests", Duration.ofMinutes(10));
        HttpGraphQlTester.Builder<?> builder = HttpGraphQlTester.create(httpWithoutPurpose()).mutate()
                .header("Authorization", "Bearer " + token);
        return purpose == null ? builder.build() : builder.header(Purposes.HEADER, purpose).build();
    }

    /** What the history must show, read from the trail directly: newest first, disclosed ones only. */
    private static List<Long> visibleSequences(long person) {
        try (var connection = DriverManager.getConnection(TestDatabases.get().jdbcUrl(GatewayTestConfiguration.AUDIT),
                TestDatabases.get().user(), TestDatabases.get().password());
             var select = connection.prepareStatement("""
                     SELECT sequence FROM audit_record WHERE ? = ANY(person_ids)
                       AND (disclosed_from IS NULL OR disclosed_from <= now()) ORDER BY sequence DESC""")) {
            select.setLong(1, person);
            List<Long> sequences = new ArrayList<>();
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    sequences.add(rows.getLong(1));
                }
            }
            return sequences;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
