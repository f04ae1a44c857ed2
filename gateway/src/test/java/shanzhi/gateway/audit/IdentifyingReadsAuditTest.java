package shanzhi.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import shanzhi.api.Canonical;
import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.GatewayTestConfiguration;
import shanzhi.gateway.TestDatabases;

/**
 * Every response that reveals which persons match leaves their audit record, whatever the client
 * selected: cursors only, pageInfo only, __typename only, a count under a care-tag filter, and
 * persons reached through every path. Refusals are recorded too (a FORBIDDEN field, a restricted
 * filter value, a lookup that found nobody in scope), with keyed hashes instead of the keys.
 */
class IdentifyingReadsAuditTest extends ApiTestBase {
    private static final String TOWN = "440513007";
    private static final String OTHER_TOWN = "440513008";
    private final AuditRecords audit = new AuditRecords(TestDatabases.get().jdbcUrl(GatewayTestConfiguration.AUDIT),
            TestDatabases.get().user(), TestDatabases.get().password());

    @Value("${local.server.port}")
    int serverPort;

    @Test
    void cursorsAloneAreRecordedWithThePersonsTheyStandFor() {
        List<Long> ids = ids(query("{ people(under: \"" + TOWN + "\", first: 3) { edges { node { id } } } }"),
                "people.edges[*].node.id");
        StoredRecord record = onlyRecordOf(() -> query("{ people(under: \"" + TOWN + "\", first: 3) { edges { cursor } } }")
                .path("people.edges").hasValue());
        assertThat(record.personIds()).containsExactlyElementsOf(ids);
        assertThat(record.fields()).isEmpty();
        assertThat(record.connections()).containsExactly("Query.people region=" + TOWN);
    }

    @Test
    void pageInfoAloneUnderATagFilterIsRecordedWithThePageAndTheFilter() {
        String document = "{ people(under: \"" + TOWN + "\", filter: { tag: SEVERE_MENTAL_DISORDER }, first: 2) "
                + "{ edges { node { id } } } }";
        List<Long> ids = ids(query(document), "people.edges[*].node.id");
        assertThat(ids).as("the demo town has residents with the tag").isNotEmpty();
        StoredRecord record = onlyRecordOf(() -> query("{ people(under: \"" + TOWN + "\", filter: { tag: SEVERE_MENTAL_DISORDER }, "
                + "first: 2) { pageInfo { hasNextPage endCursor } } }").path("people.pageInfo.hasNextPage").hasValue());
        assertThat(record.personIds()).containsExactlyElementsOf(ids);
        assertThat(record.connections()).singleElement().asString()
                .startsWith("Query.people region=" + TOWN + " filter=").doesNotContain("SEVERE");
    }

    @Test
    void aCountUnderATagFilterIsRecordedByConnectionAndKeyedFilterHash() {
        String count = "query($f: PersonFilter) { region(code: \"" + TOWN + "\") { residents(filter: $f) { totalCount } } }";
        StoredRecord tagged = onlyRecordOf(() -> query(count, vars("f", Map.of("tag", "SEVERE_MENTAL_DISORDER",
                "nameContains", "陈"))).path("region.residents.totalCount").hasValue());
        assertThat(tagged.personIds()).as("no person is in the response").isEmpty();
        String entry = tagged.connections().get(0);
        assertThat(entry).startsWith("Region.residents region=" + TOWN + " filter=").doesNotContain("陈");
        StoredRecord again = onlyRecordOf(() -> query(count, vars("f", Map.of("nameContains", "陈",
                "tag", "SEVERE_MENTAL_DISORDER"))).path("region.residents.totalCount").hasValue());
        assertThat(again.connections()).as("the same filter hashes alike").containsExactly(entry);
        StoredRecord other = onlyRecordOf(() -> query(count, vars("f", Map.of("tag", "VETERAN")))
                .path("region.residents.totalCount").hasValue());
        assertThat(other.connections()).singleElement().isNotEqualTo(entry);
    }

    @Test
    void typenameAloneOfAPersonLookedUpByIdIsRecorded() {
        long id = ids(query("{ people(under: \"" + TOWN + "\", first: 1) { edges { node { id } } } }"),
                "people.edges[*].node.id").get(0);
        StoredRecord record = onlyRecordOf(() -> query("query($id: ID!) { person(id: $id) { __typename } }",
                vars("id", String.valueOf(id))).path("person.__typename").entity(String.class).isEqualTo("Person"));
        assertThat(record.personIds()).containsExactly(id);
        assertThat(record.fields()).isEmpty();
        assertThat(record.outcome()).isEqualTo("OK");
    }

    @Test
    void aPersonByIdNumberIsRecorded() {
        Map<?, ?> person = query("{ people(under: \"" + TOWN + "\", first: 1) { edges { node { id idNumber } } } }")
                .path("people.edges[0].node").entity(Map.class).get();
        StoredRecord record = onlyRecordOf(() -> query("query($n: String!) { personByIdNumber(idNumber: $n) { id } }",
                vars("n", person.get("idNumber"))).path("personByIdNumber.id").hasValue());
        assertThat(record.personIds()).containsExactly(Long.valueOf((String) person.get("id")));
    }

    @Test
    void householdMembersAndTheAddressAreRecorded() {
        long id = ids(query("{ people(under: \"" + TOWN + "\", first: 1) { edges { node { id } } } }"),
                "people.edges[*].node.id").get(0);
        List<List<Long>> members = new java.util.ArrayList<>();
        StoredRecord record = onlyRecordOf(() -> members.add(ids(query("query($id: ID!) { person(id: $id) { household "
                + "{ address members { id } } } }", vars("id", String.valueOf(id))), "person.household.members[*].id")));
        assertThat(record.personIds()).containsAll(members.get(0)).contains(id);
        assertThat(record.fields()).contains("household", "Household.address");
    }

    @Test
    void gridEventPersonsAreRecorded() {
        List<Map> events = query("{ region(code: \"" + DISTRICT + "\") { gridEvents(first: 100) { edges { node { id persons { id } } } } } }")
                .path("region.gridEvents.edges[*].node").entityList(Map.class).get();
        String event = events.stream().filter(node -> !((List<?>) node.get("persons")).isEmpty())
                .map(node -> (String) node.get("id")).findFirst().orElseThrow();
        long before = audit.lastSequence();
        List<Long> persons = ids(query("query($id: ID!) { gridEvent(id: $id) { persons { id } } }", vars("id", event)),
                "gridEvent.persons[*].id");
        List<StoredRecord> records = audit.after(before);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).personIds()).containsExactlyInAnyOrderElementsOf(persons);
    }

    @Test
    void aForbiddenFieldIsARefusalWithItsRule() {
        HttpGraphQlTester officer = as(List.of(Role.TOWN_OFFICER), TOWN, null);
        StoredRecord record = onlyRecordOf(() -> officer.document("{ region(code: \"" + TOWN + "\") { name incidents(first: 1) { totalCount } } }")
                .execute().errors().expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code"))).verify());
        assertThat(record.outcome()).isEqualTo("REFUSED");
        assertThat(record.refusals()).containsExactly("@allow Region.incidents");
        assertThat(record.subject()).isEqualTo("test-town_officer-" + TOWN);
        assertThat(record.personIds()).isEmpty();
    }

    @Test
    void aRestrictedFilterValueIsARefusalWithItsRule() {
        HttpGraphQlTester officer = as(List.of(Role.TOWN_OFFICER), TOWN, null);
        StoredRecord record = onlyRecordOf(() -> officer.document("{ people(under: \"" + TOWN + "\", filter: { tag: COMMUNITY_CORRECTION }) "
                + "{ totalCount } }").execute().errors().expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code"))).verify());
        assertThat(record.outcome()).isEqualTo("REFUSED");
        assertThat(record.refusals()).containsExactly("@restrictedValues(PersonFilter.tag) Query.people");
    }

    @Test
    void aLookupThatFindsNobodyInScopeIsARefusalWithAKeyedHashOfTheKey() {
        Map<?, ?> outside = query("{ people(under: \"" + OTHER_TOWN + "\", first: 1) { edges { node { id idNumber } } } }")
                .path("people.edges[0].node").entity(Map.class).get();
        String id = (String) outside.get("id");
        HttpGraphQlTester officer = as(List.of(Role.TOWN_OFFICER), TOWN, null);

        StoredRecord byId = onlyRecordOf(() -> officer.document("query($id: ID!) { person(id: $id) { name } }")
                .variables(Map.of("id", id)).execute().path("person").valueIsNull());
        assertThat(byId.outcome()).isEqualTo("REFUSED");
        String key = KeyedHashes.expected("value", Canonical.bytes(java.util.Arrays.asList("Query.person", Map.of("id", id))));
        assertThat(byId.refusals()).containsExactly("scope Query.person key=" + key);
        assertThat(byId.personIds()).isEmpty();

        String idNumber = (String) outside.get("idNumber");
        StoredRecord byNumber = onlyRecordOf(() -> officer.document("query($n: String!) { personByIdNumber(idNumber: $n) { name } }")
                .variables(Map.of("n", idNumber)).execute().path("personByIdNumber").valueIsNull());
        assertThat(byNumber.refusals()).singleElement().asString().startsWith("scope Query.personByIdNumber key=")
                .doesNotContain(idNumber);
    }

    @Test
    void aHashOnlyTrustedDocumentIsRecordedWithTheHashOfTheDocumentThatRan() {
        String admin = tokens.issue("test-admin", List.of(Role.DISTRICT_ADMIN), DISTRICT, null, "api-tests", Duration.ofMinutes(10));
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + serverPort)
                .defaultHeader("Authorization", "Bearer " + admin).responseTimeout(Duration.ofSeconds(60)).build();
        String document = "query Trusted" + newKey().replace("-", "") + "($u: ID!) { people(under: $u, first: 2) { edges { node { id name } } } }";
        Map<?, ?> registered = client.post().uri("/admin/trusted-documents").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("document", document)).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        String hash = (String) registered.get("sha256Hash");
        Map<String, Object> variables = Map.of("u", TOWN);

        StoredRecord record = onlyRecordOf(() -> client.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                .header("Shanzhi-Purpose", TEST_PURPOSE)
                .bodyValue(Map.of("variables", variables, "extensions",
                        Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash))))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.data.people.edges[1].node.name").exists());
        assertThat(record.documentHash()).isEqualTo(KeyedHashes.expected("document", KeyedHashes.utf8(document)));
        assertThat(record.personIds()).hasSize(2);
        assertThat(record.fields()).containsExactly("name");
    }

    @Test
    void theVariablesHashIsKeyedNotAPlainSha256() {
        long id = ids(query("{ people(under: \"" + TOWN + "\", first: 1) { edges { node { id } } } }"),
                "people.edges[*].node.id").get(0);
        Map<String, Object> variables = vars("id", String.valueOf(id));
        StoredRecord record = onlyRecordOf(() -> query("query($id: ID!) { person(id: $id) { name } }", variables)
                .path("person.name").hasValue());
        byte[] canonical = Canonical.bytes(variables);
        assertThat(record.variablesHash())
                .isEqualTo(KeyedHashes.expected("variables", canonical))
                .isNotEqualTo(KeyedHashes.sha256(canonical))
                .isNotEqualTo(KeyedHashes.hmac(new byte[32], "variables", canonical));
    }

    private StoredRecord onlyRecordOf(Runnable request) {
        long before = audit.lastSequence();
        request.run();
        List<StoredRecord> records = audit.after(before);
        assertThat(records).as("records of the request").hasSize(1);
        return records.get(0);
    }

    private static List<Long> ids(GraphQlTester.Response response, String path) {
        return response.path(path).entityList(String.class).get().stream().map(Long::valueOf).toList();
    }
}
