package shanzhi.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import shanzhi.api.Canonical;
import shanzhi.api.Role;
import shanzhi.gateway.ApiTestBase;
import shanzhi.gateway.GatewayTestConfiguration;
import shanzhi.gateway.TestDatabases;

/** What the running gateway records for each kind of request, and the auditChain query. */
class AuditTrailTest extends ApiTestBase {
    @Autowired
    ChainVerifier verifier;

    private static final String ADMIN = "test-district_admin-" + DISTRICT;
    private final AuditRecords audit = new AuditRecords(TestDatabases.get().jdbcUrl(GatewayTestConfiguration.AUDIT),
            TestDatabases.get().user(), TestDatabases.get().password());

    @Test
    void aReadOfPersonFieldsLeavesOneRecordWithCallerOperationPersonAndFields() {
        String id = residentIds(1).get(0);
        String document = "query Lookup($id: ID!) { person(id: $id) { id name idNumber phone household { address } } }";
        Map<String, Object> variables = vars("id", id);
        long before = audit.lastSequence();

        query(document, variables).path("person.name").hasValue();

        List<StoredRecord> records = audit.after(before);
        assertThat(records).hasSize(1);
        StoredRecord record = records.get(0);
        assertThat(record.subject()).isEqualTo(ADMIN);
        assertThat(record.roles()).containsExactly("DISTRICT_ADMIN");
        assertThat(record.scope()).isEqualTo(DISTRICT);
        assertThat(record.client()).isEqualTo("api-tests");
        assertThat(record.workerId()).isNull();
        assertThat(record.operationType()).isEqualTo("query");
        assertThat(record.operationName()).isEqualTo("Lookup");
        assertThat(record.documentHash()).isEqualTo(KeyedHashes.expected("document", KeyedHashes.utf8(document)));
        assertThat(record.variablesHash()).isEqualTo(KeyedHashes.expected("variables", Canonical.bytes(variables)))
                .isNotEqualTo(KeyedHashes.expected("variables", Canonical.bytes(vars("id", id + "0"))));
        assertThat(record.version()).isEqualTo(AuditEntry.CURRENT);
        assertThat(record.personIds()).containsExactly(Long.parseLong(id));
        assertThat(record.fields()).containsExactly("Household.address", "household", "idNumber", "name", "phone");
        assertThat(record.outcome()).isEqualTo("OK");
    }

    @Test
    void aListOfResidentsRecordsEveryPersonReturned() {
        long before = audit.lastSequence();
        List<String> ids = residentIds(7);
        List<StoredRecord> records = audit.after(before);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).personIds()).containsExactlyElementsOf(ids.stream().map(Long::valueOf).sorted().toList());
        assertThat(records.get(0).fields()).as("only ids were read").isEmpty();
    }

    @Test
    void aRequestForNonPersonalDataLeavesNoRecord() {
        long before = audit.lastSequence();
        query("{ regions(level: TOWN, first: 5) { edges { node { code name population "
                + "gridWorkers(first: 1) { totalCount } } } } }").path("regions.edges").hasValue();
        query("{ region(code: \"440513\") { name residents(first: 3) { totalCount } } }")
                .path("region.residents.totalCount").hasValue();
        assertThat(audit.after(before)).isEmpty();
    }

    @Test
    void disputePartiesAreRecordedEvenWhenOnlyTheirIdsAreRead() {
        String dispute = query("{ region(code: \"440513\") { disputes(first: 1) { edges { node { id } } } } }")
                .path("region.disputes.edges[0].node.id").entity(String.class).get();
        long before = audit.lastSequence();
        List<String> parties = query("query($id: ID!) { dispute(id: $id) { summary parties { id } } }", vars("id", dispute))
                .path("dispute.parties[*].id").entityList(String.class).get();
        assertThat(parties).hasSizeGreaterThanOrEqualTo(2);
        List<StoredRecord> records = audit.after(before);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).personIds()).containsExactlyInAnyOrderElementsOf(parties.stream().map(Long::valueOf).toList());
    }

    @Test
    void incidentPersonsAreRecordedWithTheFieldsRead() {
        List<Map> nodes = query("{ region(code: \"440513\") { incidents(first: 50) { edges { node { id persons { id } } } } } }")
                .path("region.incidents.edges[*].node").entityList(Map.class).get();
        String incident = nodes.stream().filter(node -> !((List<?>) node.get("persons")).isEmpty())
                .map(node -> (String) node.get("id")).findFirst().orElseThrow();
        long before = audit.lastSequence();
        List<String> persons = query("query($id: ID!) { incident(id: $id) { persons { id name tags } } }", vars("id", incident))
                .path("incident.persons[*].id").entityList(String.class).get();
        List<StoredRecord> records = audit.after(before);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).personIds()).containsExactlyInAnyOrderElementsOf(persons.stream().map(Long::valueOf).toList());
        assertThat(records.get(0).fields()).containsExactly("name", "tags");
    }

    @Test
    void aMutationNamingPersonsIsRecordedAsAWrite() {
        List<String> parties = residentIds(2);
        long before = audit.lastSequence();
        query("mutation Register($input: RegisterDisputeInput!) { registerDispute(input: $input) { id status } }",
                vars("input", Map.of("idempotencyKey", newKey(), "category", "NEIGHBOUR", "summary", "围墙纠纷",
                        "cellCode", firstCell(), "partyIds", parties)))
                .path("registerDispute.id").hasValue();
        List<StoredRecord> records = audit.after(before);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).operationType()).isEqualTo("mutation");
        assertThat(records.get(0).operationName()).isEqualTo("Register");
        assertThat(records.get(0).fields()).containsExactly("registerDispute.partyIds");
        assertThat(records.get(0).personIds()).containsExactlyInAnyOrderElementsOf(parties.stream().map(Long::valueOf).toList());
    }

    @Test
    void aFailedRequestForAPersonIsRecordedWithItsOutcome() {
        String id = residentIds(1).get(0);
        long before = audit.lastSequence();
        // the unknown cursor fails the people field only: the person's name is still returned
        query("query($id: ID!) { person(id: $id) { name } people(under: \"440513\", first: 1, after: \"bogus\") { totalCount } }",
                vars("id", id)).errors().satisfy(errors -> assertThat(errors).isNotEmpty());
        List<StoredRecord> records = audit.after(before);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).outcome()).isEqualTo("PARTIAL");
    }

    @Test
    void anAliasedAuditChainWalksTheChainOncePerRequest() {
        long before = verifier.walks();
        query("{ a: auditChain { valid } b: auditChain { records } c: auditChain { valid } d: auditChain { reason } }")
                .path("a.valid").entity(Boolean.class).isEqualTo(true)
                .path("c.valid").entity(Boolean.class).isEqualTo(true);
        assertThat(verifier.walks() - before).isEqualTo(1);
    }

    @Test
    void aDistrictAdministratorSeesTheChainValidAndOthersAreForbidden() {
        residentIds(1);
        long recorded = audit.lastSequence();
        query("{ auditChain { valid records firstBrokenSequence reason } }")
                .path("auditChain.valid").entity(Boolean.class).isEqualTo(true)
                .path("auditChain.records").entity(Long.class).satisfies(records -> assertThat(records).isGreaterThanOrEqualTo(recorded))
                .path("auditChain.firstBrokenSequence").valueIsNull()
                .path("auditChain.reason").valueIsNull();

        as(List.of(Role.POLICE, Role.TOWN_OFFICER), "440513001", null).document("{ auditChain { valid } }").execute()
                .errors().satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.get(0).getExtensions()).containsEntry("code", "FORBIDDEN");
                    assertThat(errors.get(0).getPath()).isEqualTo("auditChain");
                })
                .path("auditChain").valueIsNull();
    }

    private List<String> residentIds(int count) {
        return query("query($n: Int) { people(under: \"440513\", first: $n) { edges { node { id } } } }", vars("n", count))
                .path("people.edges[*].node.id").entityList(String.class).hasSize(count).get();
    }

    private String firstCell() {
        return query("{ regions(level: CELL, first: 1) { edges { node { code } } } }")
                .path("regions.edges[0].node.code").entity(String.class).get();
    }
}
