package shanzhi.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import shanzhi.api.Role;
import shanzhi.gateway.demo.IdNumber;

/**
 * The adversary's view: for each role, read everything the role may read about a page of
 * residents (every Person field, the household and its members, the disputes and their parties),
 * try the filters an adversary would use to narrow a hidden value (date bisection, name probes,
 * partyMember), and then, for every value masked, generalised or absent for the role, count the
 * values still consistent with all that was read. The truth (a district administrator's answer)
 * must be among them, and there must be many: an ID number stays one of at least 10,000.
 */
class ReconstructionTest extends AccessTestBase {
    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };
    private static final int ENOUGH = 10_000;
    /** Persons per role whose birth date the adversary tries to bisect with filters. */
    private static final int BISECTED = 8;
    private static final int BUFFER = 8 * 1024 * 1024;
    private static final Set<Role> WHOLE_ID = EnumSet.of(Role.DISTRICT_ADMIN, Role.POLICE);
    private static final Set<Role> SEE_PARTY = EnumSet.of(Role.GRID_WORKER, Role.TOWN_OFFICER, Role.DISTRICT_ADMIN);
    private static final Set<Role> SEE_ADDRESS = EnumSet.complementOf(EnumSet.of(Role.PARTNER));
    private static final Set<Role> SEE_CHILDREN_NAMES = EnumSet.complementOf(EnumSet.of(Role.PARTNER));
    private static final String PERSON = "id name idNumber gender birthDate birthYear phone residency partyMember tags";
    private static final String EVERYTHING = "query($u: ID!) { people(under: $u, first: 100) { totalCount edges { cursor node { "
            + PERSON + " cell { code name } gridWorkers { id name phone partyMember } "
            + "household { id address members { " + PERSON + " } } "
            + "disputes { id category status parties { " + PERSON + " household { address } } } } } } }";
    private static String grid;
    private static long worker;

    @BeforeEach
    void findGrid() {
        if (grid == null) {
            int childrenFrom = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() - 14;
            String child = strings(query("query($t: ID!, $from: Date) { people(under: $t, first: 1, filter: { bornOnOrAfter: $from }) "
                    + "{ edges { node { cell { code } } } } }", vars("t", OWN_TOWN, "from", childrenFrom + "-01-01")),
                    "people.edges[*].node.cell.code").get(0);
            grid = child.substring(0, 14);
            worker = Long.parseLong(strings(query("query($g: ID!) { region(code: $g) { gridWorkers(first: 1) { edges { node { id } } } } }",
                    vars("g", grid)), "region.gridWorkers.edges[*].node.id").get(0));
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void noValueHiddenFromARoleCanBeRebuiltFromEverythingItMayRead(Role role) {
        String scope = grid;
        HttpGraphQlTester caller = callerOf(role);
        Map<String, Map<String, Object>> truth = byId(everyPerson(readAll(adminLike(role), scope, Set.of())));
        GraphQlTester.Response read = readAll(caller, scope, refusedFields(role));
        Map<String, Map<String, Object>> seen = byId(everyPerson(read));
        assertThat(seen.keySet()).as("the persons the role reads").hasSizeGreaterThan(10).isEqualTo(truth.keySet());
        assertThat(truth.values()).as("children in the sample").anySatisfy(person -> assertThat(isChild(person)).isTrue());
        List<String> bisected = seen.keySet().stream().sorted().limit(BISECTED).toList();
        Set<String> everyString = new HashSet<>();
        collectStrings(read.path("people").entity(MAP).get(), everyString);

        for (Map.Entry<String, Map<String, Object>> entry : seen.entrySet()) {
            Map<String, Object> shown = entry.getValue();
            Map<String, Object> whole = truth.get(entry.getKey());
            assertThat(shown.get("birthYear")).isEqualTo(LocalDate.parse((String) whole.get("birthDate")).getYear());
            if (!WHOLE_ID.contains(role)) {
                List<LocalDate> dates = bisected.contains(entry.getKey()) ? datesFor(caller, scope, shown) : yearOf(shown);
                assertThat(dates).as("birth dates still possible").hasSizeGreaterThanOrEqualTo(365);
                assertIdNumberHidden(shown, whole, dates, everyString);
                assertThat(shown.get("birthDate")).isNull();
                assertThat(everyString).doesNotContain((String) whole.get("birthDate"));
                assertPhoneHidden(shown, whole, everyString);
            }
            if (!SEE_PARTY.contains(role)) {
                assertThat(shown.get("partyMember")).isNull();
            }
            if (!SEE_CHILDREN_NAMES.contains(role) && isChild(whole)) {
                assertChildNameHidden(caller, scope, shown, whole, everyString);
            }
        }
        if (!SEE_ADDRESS.contains(role)) {
            for (String address : addresses(readAll(adminLike(role), scope, Set.of()))) {
                assertThat(everyString).doesNotContain(address);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aRoleThatSeesBirthYearsMayFilterByWholeYearsOnly(Role role) {
        String scope = grid;
        HttpGraphQlTester caller = callerOf(role);
        String document = "query($u: ID!, $from: Date, $to: Date) { people(under: $u, filter: { bornOnOrAfter: $from, bornOnOrBefore: $to }) "
                + "{ totalCount } region(code: $u) { code residents(filter: { bornOnOrAfter: $from, bornOnOrBefore: $to }) { totalCount } } }";
        var aligned = vars("u", scope, "from", "1980-01-01", "to", "1999-12-31");
        int adminCount = count(run(adminOf(scope), document, aligned), "people.totalCount");
        assertThat(adminCount).isPositive();
        assertThat(count(run(caller, document, aligned), "people.totalCount")).isEqualTo(adminCount);
        assertThat(count(run(caller, document, aligned), "region.residents.totalCount")).isEqualTo(adminCount);

        for (var unaligned : List.of(vars("u", scope, "from", "1980-03-05", "to", null), vars("u", scope, "from", null, "to", "1999-12-30"),
                vars("u", scope, "from", "1980-12-31", "to", "1999-01-01"))) {
            var response = run(caller, document, unaligned);
            if (WHOLE_ID.contains(role)) {
                assertThat(count(response, "people.totalCount")).isEqualTo(count(run(adminOf(scope), document, unaligned), "people.totalCount"));
            } else {
                assertForbiddenAt(response, "people", "region.residents");
                response.errors().satisfy(errors -> assertThat(errors).allSatisfy(error ->
                        assertThat(error.getMessage()).contains("only as its year").contains("birthYear")));
                response.path("people").valueIsNull().path("region.code").entity(String.class).isEqualTo(scope);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void partyMembershipFilterIsRefusedWhereTheFieldIs(Role role) {
        String scope = grid;
        HttpGraphQlTester caller = callerOf(role);
        String document = "query($u: ID!) { people(under: $u, filter: { partyMember: true }) { totalCount } }";
        var response = run(caller, document, vars("u", scope));
        if (SEE_PARTY.contains(role)) {
            assertThat(count(response, "people.totalCount")).isPositive()
                    .isEqualTo(count(run(adminOf(scope), document, vars("u", scope)), "people.totalCount"));
        } else {
            assertOnlyError(response, "FORBIDDEN", "people", "Person.partyMember");
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aNameFilterFindsOnlyNamesTheRoleSeesWhole(Role role) {
        String scope = grid;
        HttpGraphQlTester caller = callerOf(role);
        String document = "query($u: ID!, $name: String) { people(under: $u, filter: { nameContains: $name }, first: 100) "
                + "{ totalCount edges { node { id name birthYear } } } }";
        Map<String, Map<String, Object>> truth = byId(everyPerson(readAll(adminLike(role), scope, Set.of())));
        String surname = truth.values().stream().filter(ReconstructionTest::isChild).findFirst()
                .map(child -> ((String) child.get("name")).substring(0, 1)).orElseThrow();
        var adminAnswer = run(adminOf(scope), document, vars("u", scope, "name", surname));
        assertThat(count(adminAnswer, "people.totalCount")).as("all on one page").isLessThan(100);
        List<Map<String, Object>> admin = adminAnswer.path("people.edges[*].node").entityList(MAP).get();
        List<Map<String, Object>> found = run(caller, document, vars("u", scope, "name", surname))
                .path("people.edges[*].node").entityList(MAP).get();
        List<Object> expected = admin.stream().filter(person -> SEE_CHILDREN_NAMES.contains(role) || !isChild(person))
                .map(person -> person.get("id")).toList();
        assertThat(admin).anySatisfy(person -> assertThat(isChild(person)).isTrue());
        assertThat(found).extracting(person -> person.get("id")).isNotEmpty().containsExactlyElementsOf(expected);
    }

    /**
     * A caller of the role whose scope holds the grid under test: the grid itself, or its town.
     * Its answers carry a FORBIDDEN error per refused field and person: more than the default buffer.
     */
    private HttpGraphQlTester callerOf(Role role) {
        return large(role == Role.GRID_WORKER ? gridWorker(grid, worker) : caller(role, OWN_TOWN));
    }

    /** A district administrator with the same scope as callerOf(role): the truth the role's answer is compared with. */
    private HttpGraphQlTester adminLike(Role role) {
        return large(adminOf(role == Role.GRID_WORKER ? grid : OWN_TOWN));
    }

    private static HttpGraphQlTester large(HttpGraphQlTester client) {
        return client.mutate().webTestClient(web -> web.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(BUFFER))).build();
    }

    // --- what may be learnt, value by value ------------------------------------------------

    /**
     * The GB 11643 numbers that fit the masked value, the birth dates still possible and the
     * gender (the sequence's parity). The check digit follows from the rest, so it narrows only
     * where it is shown.
     */
    private static void assertIdNumberHidden(Map<String, Object> shown, Map<String, Object> whole, List<LocalDate> dates,
                                             Set<String> everyString) {
        String masked = (String) shown.get("idNumber");
        String idNumber = (String) whole.get("idNumber");
        assertThat(masked).hasSize(18).startsWith(idNumber.substring(0, 6));
        boolean male = "MALE".equals(shown.get("gender"));
        List<String> born = dates.stream().map(date -> "%04d%02d%02d".formatted(date.getYear(), date.getMonthValue(),
                date.getDayOfMonth())).filter(date -> fits(masked, 6, date)).toList();
        List<String> sequences = new ArrayList<>();
        for (int sequence = male ? 1 : 2; sequence <= 999; sequence += 2) {
            String digits = "%03d".formatted(sequence);
            if (fits(masked, 14, digits)) {
                sequences.add(digits);
            }
        }
        long candidates = (long) born.size() * sequences.size();
        if (masked.charAt(17) != '*') {
            candidates = 0;
            for (String date : born) {
                for (String sequence : sequences) {
                    candidates += IdNumber.checkDigit(masked.substring(0, 6) + date + sequence) == masked.charAt(17) ? 1 : 0;
                }
            }
        }
        assertThat(born).as("%s's birth date fits what %s shows", idNumber, masked).contains(idNumber.substring(6, 14));
        assertThat(sequences).as("%s's sequence fits what %s shows", idNumber, masked).contains(idNumber.substring(14, 17));
        assertThat(candidates).as("ID numbers that fit %s", masked).isGreaterThanOrEqualTo(ENOUGH);
        assertThat(everyString).noneMatch(value -> value.contains(idNumber.substring(6)) || value.contains(idNumber.substring(6, 14)));
    }

    private static void assertPhoneHidden(Map<String, Object> shown, Map<String, Object> whole, Set<String> everyString) {
        String phone = (String) whole.get("phone");
        if (phone == null) {
            return;
        }
        String masked = (String) shown.get("phone");
        long hiddenDigits = masked.chars().filter(c -> c == '*').count();
        assertThat(masked.length()).isEqualTo(phone.length());
        for (int i = 0; i < phone.length(); i++) {
            assertThat(masked.charAt(i) == '*' || masked.charAt(i) == phone.charAt(i)).isTrue();
        }
        assertThat(Math.pow(10, hiddenDigits)).as("phone numbers that fit %s", masked).isGreaterThanOrEqualTo(ENOUGH);
        assertThat(everyString).doesNotContain(phone);
    }

    /** The name is masked everywhere and a filter probe with the true name does not find the child. */
    private void assertChildNameHidden(HttpGraphQlTester caller, String scope, Map<String, Object> shown,
                                       Map<String, Object> whole, Set<String> everyString) {
        String name = (String) whole.get("name");
        assertThat((String) shown.get("name")).isEqualTo(name.charAt(0) + "*".repeat(name.length() - 1));
        assertThat(everyString).doesNotContain(name);
        var probe = run(caller, "query($u: ID!, $n: String) { people(under: $u, filter: { nameContains: $n }, first: 100) "
                + "{ edges { node { id } } } }", vars("u", scope, "n", name));
        assertThat(strings(probe, "people.edges[*].node.id")).doesNotContain((String) whole.get("id"));
    }

    /**
     * The birth dates the adversary cannot tell apart: the birth date itself when readable, else
     * the birth year, narrowed by bisecting it with bornOnOrAfter / bornOnOrBefore and the name as
     * far as the gateway lets the filters through.
     */
    private static List<LocalDate> datesFor(HttpGraphQlTester caller, String scope, Map<String, Object> shown) {
        if (shown.get("birthDate") != null) {
            return List.of(LocalDate.parse((String) shown.get("birthDate")));
        }
        int year = (Integer) shown.get("birthYear");
        LocalDate low = LocalDate.of(year, 1, 1);
        LocalDate high = LocalDate.of(year, 12, 31);
        while (low.isBefore(high)) {
            LocalDate middle = low.plusDays((high.toEpochDay() - low.toEpochDay()) / 2);
            var response = run(caller, "query($u: ID!, $n: String, $from: Date, $to: Date) { people(under: $u, first: 100, "
                    + "filter: { nameContains: $n, bornOnOrAfter: $from, bornOnOrBefore: $to }) { edges { node { id } } } }",
                    vars("u", scope, "n", ((String) shown.get("name")).replace("*", ""), "from", low.toString(), "to", middle.toString()));
            List<ResponseError> refused = new ArrayList<>();
            response.errors().filter(error -> refused.add(error) || true).verify();
            if (!refused.isEmpty()) {
                assertThat(refused).allSatisfy(error -> assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN"));
                break;
            }
            if (response.path("people.edges[*].node.id").entityList(String.class).get().contains((String) shown.get("id"))) {
                high = middle;
            } else {
                low = middle.plusDays(1);
            }
        }
        return low.datesUntil(high.plusDays(1)).toList();
    }

    private static List<LocalDate> yearOf(Map<String, Object> shown) {
        int year = (Integer) shown.get("birthYear");
        return LocalDate.of(year, 1, 1).datesUntil(LocalDate.of(year + 1, 1, 1)).toList();
    }

    /** The shown value has {@code part} at {@code offset}, or stars there. */
    private static boolean fits(String shown, int offset, String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = shown.charAt(offset + i);
            if (c != '*' && c != part.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    // --- reading -----------------------------------------------------------------------------

    /** Fields refused to the role: null with FORBIDDEN at their path, and no other error. */
    private static Set<String> refusedFields(Role role) {
        Set<String> refused = new HashSet<>();
        if (!WHOLE_ID.contains(role)) {
            refused.add("birthDate");
        }
        if (!SEE_PARTY.contains(role)) {
            refused.add("partyMember");
        }
        if (!SEE_ADDRESS.contains(role)) {
            refused.add("address");
        }
        return refused;
    }

    private static GraphQlTester.Response readAll(HttpGraphQlTester caller, String scope, Set<String> refused) {
        var response = run(caller, EVERYTHING, vars("u", scope));
        response.errors().satisfy(errors -> {
            assertThat(errors).allSatisfy(error -> {
                assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN");
                assertThat(refused).contains(error.getParsedPath().get(error.getParsedPath().size() - 1).toString());
            });
            assertThat(errors.stream().map(error -> error.getParsedPath().get(error.getParsedPath().size() - 1).toString())
                    .collect(Collectors.toSet())).isEqualTo(refused);
        });
        return response;
    }

    /** Every Person object in the answer, wherever it was reached. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> everyPerson(GraphQlTester.Response response) {
        List<Map<String, Object>> persons = new ArrayList<>();
        for (Map<String, Object> node : response.path("people.edges[*].node").entityList(MAP).get()) {
            persons.add(node);
            persons.addAll((List<Map<String, Object>>) ((Map<String, Object>) node.get("household")).get("members"));
            for (Map<String, Object> dispute : (List<Map<String, Object>>) node.get("disputes")) {
                persons.addAll((List<Map<String, Object>>) dispute.get("parties"));
            }
        }
        return persons;
    }

    /** By id; a person reached twice must read the same both times (members, parties, the page). */
    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> persons) {
        Map<String, Map<String, Object>> byId = new java.util.HashMap<>();
        for (Map<String, Object> person : persons) {
            Map<String, Object> fields = new java.util.HashMap<>(person);
            fields.keySet().retainAll(Set.of(PERSON.split(" ")));
            Map<String, Object> before = byId.putIfAbsent((String) person.get("id"), fields);
            if (before != null) {
                assertThat(fields).isEqualTo(before);
            }
        }
        return byId;
    }

    @SuppressWarnings("unchecked")
    private static List<String> addresses(GraphQlTester.Response admin) {
        return admin.path("people.edges[*].node.household.address").entityList(String.class).get();
    }

    private static void collectStrings(Object value, Set<String> into) {
        if (value instanceof String text) {
            into.add(text);
        } else if (value instanceof Map<?, ?> map) {
            // region codes are 17 digits of public reference data, not a resident's
            map.forEach((key, item) -> {
                if (!"code".equals(key)) {
                    collectStrings(item, into);
                }
            });
        } else if (value instanceof Collection<?> items) {
            items.forEach(item -> collectStrings(item, into));
        }
    }

    /** May be under 14 today, by birth year alone (MaskCondition.CHILD_UNDER_14). */
    private static boolean isChild(Map<String, Object> person) {
        return ((Integer) person.get("birthYear")) >= LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() - 14;
    }
}
