package shanzhi.gateway.purpose;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.GatewayTestConfiguration;
import shanzhi.gateway.TestDatabases;
import shanzhi.gateway.audit.AuditRecords;
import shanzhi.gateway.transport.GraphQlWsConnection;

/**
 * Bulk reads of personal data (@purpose) need a declared purpose of access, on every transport;
 * what was declared is in the audit record, what was refused too.
 */
class PurposeOfAccessTest extends ApiTestBase {
    private static final String TOWN = "440513007";
    private static final String PEOPLE = "{ people(under: \"" + TOWN + "\", first: 2) { edges { node { id } } } }";
    private final AuditRecords audit = new AuditRecords(TestDatabases.get().jdbcUrl(GatewayTestConfiguration.AUDIT),
            TestDatabases.get().user(), TestDatabases.get().password());

    @Value("${local.server.port}")
    int serverPort;

    private record Stored(String purpose, String caseNumber, OffsetDateTime disclosedFrom, List<String> refusals) {
    }

    private HttpGraphQlTester client(List<Role> roles, String purpose) {
        String token = token(roles.get(0));
        HttpGraphQlTester.Builder<?> builder = HttpGraphQlTester.create(httpWithoutPurpose()).mutate()
                .header("Authorization", "Bearer " + token);
        return purpose == null ? builder.build() : builder.header(Purposes.HEADER, purpose).build();
    }

    private String token(Role role) {
        // a town officer's scope is a town; the others' here the district
        return tokens.issue("purpose-" + role.name().toLowerCase(), List.of(role), role == Role.TOWN_OFFICER ? TOWN : DISTRICT, null, "api-tests",
                Duration.ofMinutes(10));
    }

    @Test
    void aBulkReadWithoutAPurposeIsForbiddenNamingWhatIsNeededAndTheRefusalIsRecorded() {
        long before = audit.lastSequence();
        client(List.of(Role.TOWN_OFFICER), null).document(PEOPLE).execute()
                .errors().satisfy(errors -> {
                    assertThat(errors).singleElement().satisfies(error -> {
                        assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN");
                        assertThat(error.getMessage()).contains("Query.people needs a declared purpose", "Shanzhi-Purpose",
                                "RESIDENT_SERVICE", "STATISTICS").doesNotContain("INVESTIGATION");
                    });
                }).path("people").valueIsNull();
        assertThat(storedAfter(before)).singleElement().satisfies(record -> {
            assertThat(record.purpose()).isNull();
            assertThat(record.refusals()).containsExactly("@purpose Query.people");
        });
    }

    @Test
    void anAllowedPurposeReadsAndIsRecordedWithItsCaseNumber() {
        long before = audit.lastSequence();
        client(List.of(Role.JUDICIAL), "CASE_HANDLING; case=(2026)Yue0513Min123").document(PEOPLE).execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error ->
                        assertThat(error.getMessage()).contains("a case number is 1 to 64")));
        before = audit.lastSequence();
        client(List.of(Role.JUDICIAL), "CASE_HANDLING; case=2026-YUE-0513-MIN-123").document(PEOPLE).execute()
                .errors().verify().path("people.edges").entityList(Object.class).hasSize(2);
        assertThat(storedAfter(before)).singleElement().satisfies(record -> {
            assertThat(record.purpose()).isEqualTo("CASE_HANDLING");
            assertThat(record.caseNumber()).isEqualTo("2026-YUE-0513-MIN-123");
            assertThat(record.disclosedFrom()).isNull();
            assertThat(record.refusals()).isEmpty();
        });
    }

    @Test
    void aPurposeTheRoleMayNotDeclareIsForbidden() {
        client(List.of(Role.TOWN_OFFICER), "INVESTIGATION; case=X1").document(PEOPLE).execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN");
                    assertThat(error.getMessage()).contains("cannot be read for purpose INVESTIGATION");
                }));
        client(List.of(Role.TOWN_OFFICER), "NOT_CONFIGURED").document(PEOPLE).execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error ->
                        assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN")));
    }

    @Test
    void aPurposeThatNeedsACaseNumberIsForbiddenWithoutOne() {
        client(List.of(Role.POLICE), "INVESTIGATION").document(PEOPLE).execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN");
                    assertThat(error.getMessage()).contains("INVESTIGATION needs a case number");
                }));
    }

    @Test
    void anInvestigationByPoliceIsRecordedWithItsDisclosureDate() {
        long before = audit.lastSequence();
        Instant start = Instant.now();
        client(List.of(Role.POLICE), "INVESTIGATION; case=GA-2026-77").document(PEOPLE).execute()
                .errors().verify();
        assertThat(storedAfter(before)).singleElement().satisfies(record -> {
            assertThat(record.purpose()).isEqualTo("INVESTIGATION");
            assertThat(record.disclosedFrom().toInstant()).isBetween(start.plus(Duration.ofDays(180)).minusSeconds(1),
                    Instant.now().plus(Duration.ofDays(180)));
        });
    }

    @Test
    void policeDeclareAPurposeForEveryReadOfAPersonOtherRolesOnlyForBulkReads() {
        String id = graphQl.document(PEOPLE).execute().path("people.edges[0].node.id").entity(String.class).get();
        String one = "query($id: ID!) { person(id: $id) { name household { members { id } } } }";
        client(List.of(Role.POLICE), null).document(one).variable("id", id).execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN");
                    assertThat(error.getMessage()).contains("Query.person needs a declared purpose", "INVESTIGATION");
                })).path("person").valueIsNull();
        client(List.of(Role.POLICE), "PUBLIC_SAFETY").document(one).variable("id", id).execute()
                .errors().verify().path("person.name").hasValue();
        client(List.of(Role.DISTRICT_ADMIN), null).document(one).variable("id", id).execute()
                .errors().verify().path("person.household.members").entityList(Object.class).hasSizeGreaterThan(0);
        for (String nested : List.of(
                "{ region(code: \"" + TOWN + "\") { incidents(first: 1) { edges { node { persons { id } } } } } }",
                "{ region(code: \"" + TOWN + "\") { disputes(first: 1) { edges { node { parties { id } } } } } }")) {
            client(List.of(Role.POLICE), null).document(nested).execute()
                    .errors().satisfy(errors -> assertThat(errors).isNotEmpty().allSatisfy(error -> {
                        assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN");
                        assertThat(error.getMessage()).contains("needs a declared purpose");
                    }));
        }
    }

    @Test
    void hostilePurposesAreBadUserInput() {
        for (String hostile : List.of("case_handling", "CASE_HANDLING; case=", "CASE_HANDLING; case=a b",
                "CASE_HANDLING; other=1", "A".repeat(41), "CASE_HANDLING; case=" + "1".repeat(200))) {
            client(List.of(Role.DISTRICT_ADMIN), hostile).document(PEOPLE).execute()
                    .errors().satisfy(errors -> assertThat(errors).as(hostile).singleElement().satisfies(error ->
                            assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT")));
        }
    }

    @Test
    void thePurposeMaySitInTheRequestsExtensions() {
        long before = audit.lastSequence();
        client(List.of(Role.TOWN_OFFICER), null).document(PEOPLE)
                .extension("purpose", Map.of("code", "RESIDENT_SERVICE")).execute()
                .errors().verify().path("people.edges").entityList(Object.class).hasSize(2);
        assertThat(storedAfter(before)).singleElement().satisfies(record ->
                assertThat(record.purpose()).isEqualTo("RESIDENT_SERVICE"));
    }

    @Test
    void overGraphQlWsThePurposeIsInConnectionInit() {
        GraphQlWsConnection none = GraphQlWsConnection.open(serverPort, token(Role.TOWN_OFFICER), null);
        assertThat(none.execute(PEOPLE, Map.of()).toString()).contains("FORBIDDEN", "needs a declared purpose");
        long before = audit.lastSequence();
        GraphQlWsConnection declared = GraphQlWsConnection.open(serverPort, token(Role.TOWN_OFFICER),
                Map.of("code", "CARE_VISIT"));
        assertThat(declared.execute(PEOPLE, Map.of()).toString()).contains("edges").doesNotContain("FORBIDDEN");
        assertThat(storedAfter(before)).singleElement().satisfies(record ->
                assertThat(record.purpose()).isEqualTo("CARE_VISIT"));
    }

    private List<Stored> storedAfter(long sequence) {
        try (var connection = DriverManager.getConnection(TestDatabases.get().jdbcUrl(GatewayTestConfiguration.AUDIT),
                TestDatabases.get().user(), TestDatabases.get().password());
             var statement = connection.prepareStatement("""
                     SELECT purpose, purpose_case, disclosed_from, refusals FROM audit_record
                     WHERE sequence > ? ORDER BY sequence""")) {
            statement.setLong(1, sequence);
            List<Stored> stored = new ArrayList<>();
            try (var row = statement.executeQuery()) {
                while (row.next()) {
                    stored.add(new Stored(row.getString("purpose"), row.getString("purpose_case"),
                            row.getObject("disclosed_from", OffsetDateTime.class),
                            List.of((String[]) row.getArray("refusals").getArray())));
                }
            }
            return stored;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
