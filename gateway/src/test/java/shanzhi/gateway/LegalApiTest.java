package shanzhi.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/** The legal department: legal advisers, judicial offices and disputes. */
class LegalApiTest extends ApiTestBase {
    /** Only read here: no test registers disputes in this town. */
    private static final String READ_TOWN = "440513003";
    /** Each mutation test registers disputes only in its own cell of this village (see {@link #cell}). */
    private static final String WRITE_VILLAGE = "440513004001";
    private static final String REGISTER = """
            mutation($input: RegisterDisputeInput!) {
              registerDispute(input: $input) {
                id category status summary reportedAt region { code } parties { id } judicialOffice { town { code } }
              }
            }""";

    @Test
    void aDisputeHasItsCellItsPartiesOrderedByIdAndTheJudicialOfficeOfItsTown() {
        List<String> ids = walkOfficeDisputes(READ_TOWN, null).stream().map(d -> d.id()).toList();
        int withSeveralParties = 0;
        for (String id : ids) {
            var dispute = query("query($id: ID!) { dispute(id: $id) { id region { code level } parties { id } "
                    + "judicialOffice { id town { code } } } region(code: \"" + READ_TOWN + "\") { judicialOffice { id } } }",
                    vars("id", id));
            dispute.path("dispute.id").entity(String.class).isEqualTo(id)
                    .path("dispute.region.level").entity(String.class).isEqualTo("CELL")
                    .path("dispute.region.code").entity(String.class).satisfies(code -> assertThat(code).startsWith(READ_TOWN))
                    .path("dispute.judicialOffice.town.code").entity(String.class).isEqualTo(READ_TOWN)
                    .path("dispute.judicialOffice.id").entity(String.class)
                    .isEqualTo(dispute.path("region.judicialOffice.id").entity(String.class).get());
            List<Long> parties = longs(dispute.path("dispute.parties[*].id").entityList(String.class).get());
            assertThat(parties).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates().isSorted();
            if (parties.size() > 2) {
                withSeveralParties++;
            }
        }
        assertThat(withSeveralParties).as("disputes with more than two parties").isPositive();
    }

    @Test
    void anUnknownWellFormedDisputeIdGivesNullWithoutError() {
        var response = query("{ dispute(id: \"987654321\") { id } }");
        response.errors().verify();
        response.path("dispute").valueIsNull();
    }

    @Test
    void onlyAVillageHasALegalAdviser() {
        var regions = regionsAtEveryLevel("legalAdviser { id name lawFirm villages { code level } }");
        regions.path("village.legalAdviser.name").entity(String.class).satisfies(name -> assertThat(name).isNotBlank())
                .path("village.legalAdviser.villages[*].level").entityList(String.class)
                .satisfies(levels -> assertThat(levels).containsOnly("VILLAGE"))
                .path("village.legalAdviser.villages[*].code").entityList(String.class)
                .satisfies(codes -> assertThat(codes).contains(village()).doesNotHaveDuplicates().isSorted());
        for (String other : List.of("district", "town", "grid", "cell")) {
            regions.path(other + ".legalAdviser").valueIsNull();
        }
    }

    @Test
    void everyVillageOfAnAdviserHasThatAdviser() {
        var adviser = query("query($v: ID!) { region(code: $v) { legalAdviser { id villages { code legalAdviser { id } } } } }",
                vars("v", village()));
        String id = adviser.path("region.legalAdviser.id").entity(String.class).get();
        adviser.path("region.legalAdviser.villages[*].legalAdviser.id").entityList(String.class)
                .satisfies(ids -> assertThat(ids).isNotEmpty().containsOnly(id));
    }

    @Test
    void onlyATownHasAJudicialOffice() {
        var regions = regionsAtEveryLevel("judicialOffice { id name town { code } }");
        regions.path("town.judicialOffice.town.code").entity(String.class).isEqualTo(READ_TOWN)
                .path("town.judicialOffice.name").entity(String.class).satisfies(name -> assertThat(name).isNotBlank());
        for (String other : List.of("district", "village", "grid", "cell")) {
            regions.path(other + ".judicialOffice").valueIsNull();
        }
    }

    @Test
    void aJudicialOfficesDisputesAreNewestFirstAndArisenInItsTown() {
        List<Dispute> disputes = walkOfficeDisputes(READ_TOWN, null);
        assertThat(disputes).hasSizeGreaterThan(20);
        assertThat(disputes).extracting(Dispute::reportedAt).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(disputes).extracting(Dispute::id).doesNotHaveDuplicates();
        assertThat(disputes).allSatisfy(d -> assertThat(d.cell()).startsWith(READ_TOWN));
        query("query($t: ID!) { region(code: $t) { disputes { totalCount } } }", vars("t", READ_TOWN))
                .path("region.disputes.totalCount").entity(Integer.class).isEqualTo(disputes.size());
    }

    @Test
    void theStatusFilterOfAJudicialOfficesDisputesReturnsOnlyThatStatus() {
        int all = walkOfficeDisputes(READ_TOWN, null).size();
        int sum = 0;
        for (String status : List.of("REPORTED", "MEDIATING", "RESOLVED", "FAILED")) {
            List<Dispute> disputes = walkOfficeDisputes(READ_TOWN, status);
            assertThat(disputes).allSatisfy(d -> assertThat(d.status()).isEqualTo(status));
            assertThat(disputes).extracting(Dispute::reportedAt).isSortedAccordingTo(Comparator.reverseOrder());
            sum += disputes.size();
        }
        assertThat(walkOfficeDisputes(READ_TOWN, "RESOLVED")).isNotEmpty().hasSizeLessThan(all);
        assertThat(sum).isEqualTo(all);
    }

    @Test
    void aPersonsDisputesAreNewestFirstAndEachHasThePersonAsAParty() {
        Map<String, Integer> disputesPerParty = new HashMap<>();
        for (Dispute dispute : walkOfficeDisputes(READ_TOWN, null)) {
            dispute.parties().forEach(party -> disputesPerParty.merge(party, 1, Integer::sum));
        }
        List<String> parties = disputesPerParty.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(5).map(Map.Entry::getKey).toList();
        assertThat(disputesPerParty.get(parties.get(0))).as("disputes of the busiest party").isGreaterThan(1);

        for (String person : parties) {
            var response = query("query($id: ID!) { person(id: $id) { disputes { id reportedAt parties { id } } } }",
                    vars("id", person));
            List<String> times = response.path("person.disputes[*].reportedAt").entityList(String.class).get();
            assertThat(times).hasSizeGreaterThanOrEqualTo(disputesPerParty.get(person));
            assertThat(instants(times)).isSortedAccordingTo(Comparator.reverseOrder());
            for (int i = 0; i < times.size(); i++) {
                response.path("person.disputes[" + i + "].parties[*].id").entityList(String.class).contains(person);
            }
        }
    }

    @Test
    void registerDisputeCreatesAReportedDisputeWithItsPartiesOrderedById() {
        Cell cell = cell(0);
        int before = disputeCount(cell.code());
        String first = cell.residents().get(0);
        String second = cell.residents().get(1);
        String third = cell.residents().get(2);

        var created = register(newKey(), cell.code(), List.of(third, first, second));
        created.errors().verify();
        String id = created.path("registerDispute.id").entity(String.class).get();
        created.path("registerDispute.status").entity(String.class).isEqualTo("REPORTED")
                .path("registerDispute.category").entity(String.class).isEqualTo("NEIGHBOUR")
                .path("registerDispute.summary").entity(String.class).isEqualTo("邻里因排水沟渠产生纠纷")
                .path("registerDispute.region.code").entity(String.class).isEqualTo(cell.code())
                .path("registerDispute.parties[*].id").entityList(String.class).containsExactly(first, second, third)
                .path("registerDispute.judicialOffice.town.code").entity(String.class).isEqualTo(cell.code().substring(0, 9));

        query("query($id: ID!) { dispute(id: $id) { status region { code } parties { id } } }", vars("id", id))
                .path("dispute.status").entity(String.class).isEqualTo("REPORTED")
                .path("dispute.parties[*].id").entityList(String.class).containsExactly(first, second, third);
        query("query($p: ID!) { person(id: $p) { disputes { id } } }", vars("p", second))
                .path("person.disputes[0].id").entity(String.class).isEqualTo(id);
        assertThat(disputeCount(cell.code())).isEqualTo(before + 1);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheSameDisputeAndCreatesNothing() {
        Cell cell = cell(1);
        String key = newKey();
        int before = disputeCount(cell.code());
        List<String> parties = cell.residents().subList(0, 2);

        String first = register(key, cell.code(), parties).path("registerDispute.id").entity(String.class).get();
        String retry = register(key, cell.code(), parties).path("registerDispute.id").entity(String.class).get();

        assertThat(retry).isEqualTo(first);
        assertThat(disputeCount(cell.code())).isEqualTo(before + 1);
    }

    @Test
    void fewerThanTwoDistinctPartiesIsBadUserInputAndWritesNothing() {
        Cell cell = cell(2);
        int before = disputeCount(cell.code());
        String party = cell.residents().get(0);

        assertBadUserInput(register(newKey(), cell.code(), List.of(party)), "registerDispute", "two");
        assertBadUserInput(register(newKey(), cell.code(), List.of(party, party)), "registerDispute", "two");
        assertBadUserInput(register(newKey(), cell.code(), List.of()), "registerDispute", "two");

        assertThat(disputeCount(cell.code())).isEqualTo(before);
    }

    @Test
    void anUnknownPartyIsBadUserInputAndWritesNothing() {
        Cell cell = cell(3);
        int before = disputeCount(cell.code());
        String known = cell.residents().get(0);
        int disputesOfKnown = disputesOf(known);

        assertBadUserInput(register(newKey(), cell.code(), List.of(known, "987654321")), "registerDispute", "987654321");

        assertThat(disputeCount(cell.code())).isEqualTo(before);
        assertThat(disputesOf(known)).isEqualTo(disputesOfKnown);
    }

    @Test
    void anUnknownOrNonCellRegionIsBadUserInputAndWritesNothing() {
        Cell cell = cell(4);
        String grid = cell.code().substring(0, 14);
        int before = disputeCount(WRITE_VILLAGE);
        List<String> parties = cell.residents().subList(0, 2);

        assertBadUserInput(register(newKey(), grid + "999", parties), "registerDispute", grid + "999");
        assertBadUserInput(register(newKey(), grid, parties), "registerDispute", grid);

        assertThat(disputeCount(WRITE_VILLAGE)).isEqualTo(before);
    }

    // --- helpers ---

    private record Dispute(String id, String status, Instant reportedAt, String cell, List<String> parties) {
    }

    private record Cell(String code, List<String> residents) {
    }

    private Cell cell(int index) {
        List<String> cells = query("query($v: ID) { regions(level: CELL, under: $v, first: 100) { edges { node { code } } } }",
                vars("v", WRITE_VILLAGE)).path("regions.edges[*].node.code").entityList(String.class).get();
        assertThat(cells).hasSizeGreaterThan(index);
        List<String> residents = query("query($v: ID!) { people(under: $v, first: 3) { edges { node { id } } } }",
                vars("v", WRITE_VILLAGE)).path("people.edges[*].node.id").entityList(String.class).get();
        assertThat(residents).hasSize(3);
        return new Cell(cells.get(index), residents);
    }

    private GraphQlTester.Response register(String key, String cell, List<String> parties) {
        return query(REGISTER, vars("input", vars("idempotencyKey", key, "category", "NEIGHBOUR",
                "summary", "邻里因排水沟渠产生纠纷", "cellCode", cell, "partyIds", parties)));
    }

    private int disputeCount(String region) {
        return query("query($c: ID!) { region(code: $c) { disputes { totalCount } } }", vars("c", region))
                .path("region.disputes.totalCount").entity(Integer.class).get();
    }

    private int disputesOf(String person) {
        return query("query($p: ID!) { person(id: $p) { disputes { id } } }", vars("p", person))
                .path("person.disputes").entityList(Object.class).get().size();
    }

    private String village() {
        return query("query($t: ID) { regions(level: VILLAGE, under: $t, first: 1) { edges { node { code } } } }",
                vars("t", READ_TOWN)).path("regions.edges[0].node.code").entity(String.class).get();
    }

    /** The district, READ_TOWN, its first village, that village's first grid and that grid's first cell, aliased by level. */
    private GraphQlTester.Response regionsAtEveryLevel(String selection) {
        String village = village();
        String grid = query("query($v: ID!) { region(code: $v) { children { code } } }", vars("v", village))
                .path("region.children[0].code").entity(String.class).get();
        String cell = query("query($g: ID!) { region(code: $g) { children { code } } }", vars("g", grid))
                .path("region.children[0].code").entity(String.class).get();
        var response = query("query($d: ID!, $t: ID!, $v: ID!, $g: ID!, $c: ID!) { "
                + "district: region(code: $d) { level " + selection + " } town: region(code: $t) { level " + selection + " } "
                + "village: region(code: $v) { level " + selection + " } grid: region(code: $g) { level " + selection + " } "
                + "cell: region(code: $c) { level " + selection + " } }",
                vars("d", DISTRICT, "t", READ_TOWN, "v", village, "g", grid, "c", cell));
        response.errors().verify();
        response.path("cell.level").entity(String.class).isEqualTo("CELL");
        return response;
    }

    private List<Dispute> walkOfficeDisputes(String town, String status) {
        List<Dispute> disputes = new ArrayList<>();
        String after = null;
        while (true) {
            var page = query("query($t: ID!, $s: DisputeStatus, $after: String) { region(code: $t) { judicialOffice { "
                    + "disputes(status: $s, first: 37, after: $after) { totalCount pageInfo { hasNextPage endCursor } "
                    + "edges { node { id status reportedAt region { code } parties { id } } } } } } }",
                    vars("t", town, "s", status, "after", after));
            String prefix = "region.judicialOffice.disputes.";
            int total = page.path(prefix + "totalCount").entity(Integer.class).get();
            int size = page.path(prefix + "edges").entityList(Object.class).get().size();
            for (int i = 0; i < size; i++) {
                String node = prefix + "edges[" + i + "].node.";
                disputes.add(new Dispute(page.path(node + "id").entity(String.class).get(),
                        page.path(node + "status").entity(String.class).get(),
                        OffsetDateTime.parse(page.path(node + "reportedAt").entity(String.class).get()).toInstant(),
                        page.path(node + "region.code").entity(String.class).get(),
                        page.path(node + "parties[*].id").entityList(String.class).get()));
            }
            if (!page.path(prefix + "pageInfo.hasNextPage").entity(Boolean.class).get()) {
                assertThat(disputes).as("disputes walked in %s", town).hasSize(total);
                return disputes;
            }
            after = page.path(prefix + "pageInfo.endCursor").entity(String.class).get();
        }
    }

    private static List<Instant> instants(List<String> times) {
        return times.stream().map(t -> OffsetDateTime.parse(t).toInstant()).toList();
    }

    private static List<Long> longs(List<String> ids) {
        return ids.stream().map(Long::valueOf).toList();
    }
}
