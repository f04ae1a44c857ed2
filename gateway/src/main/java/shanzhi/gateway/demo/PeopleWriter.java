package shanzhi.gateway.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Department people: households and residents, village by village, person ids from 1. */
final class PeopleWriter implements DepartmentWriter {
    private static final int REFERENCE_YEAR = 2025;
    private static final LocalDate FIRST_BIRTH = LocalDate.of(1930, 1, 1);
    private static final LocalDate LAST_BIRTH = LocalDate.of(2024, 12, 31);
    private static final int DAYS = (int) ChronoUnit.DAYS.between(FIRST_BIRTH, LAST_BIRTH) + 1;
    /** Sequences 001..999 split by parity: 500 odd (male) and 499 even (female) per area and day. */
    private static final int SEQUENCES_PER_GENDER = 499;

    private final long seed;
    private final RegionTree tree;
    private final Population population;
    private final HouseholdPlanner planner;

    PeopleWriter(long seed, RegionTree tree, Population population) {
        this.seed = seed;
        this.tree = tree;
        this.population = population;
        this.planner = new HouseholdPlanner(seed, tree, population);
    }

    @Override
    public String department() {
        return "people";
    }

    @Override
    public List<String> tables() {
        return List.of("household", "person");
    }

    @Override
    public List<String> identityTables() {
        return List.of();
    }

    @Override
    public Map<String, Long> write(Connection connection) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (CopyStream out = CopyStream.open(connection, "household", "id, address, cell_code")) {
            long nextHousehold = 1;
            for (RegionTree.Village v : tree.villages) {
                List<HouseholdPlanner.Household> households = planner.householdsOf(v, nextHousehold);
                for (HouseholdPlanner.Household h : households) {
                    out.number(h.id()).text(h.address()).text(h.cell().code()).endRow();
                }
                nextHousehold += households.size();
            }
            counts.put("household", out.rows());
        }
        try (CopyStream out = CopyStream.open(connection, "person",
            "id, name, id_number, gender, birth_date, phone, residency, party_member, household_id, cell_code, tags")) {
            short[] issued = new short[(Names.FLOATING_AREAS.length + 1) * DAYS * 2];
            long nextHousehold = 1;
            for (RegionTree.Village v : tree.villages) {
                List<HouseholdPlanner.Household> households = planner.householdsOf(v, nextHousehold);
                nextHousehold += households.size();
                SplittableRandom rnd = Rng.stream(seed, "persons", v.index());
                long id = population.firstPersonIdOf(v.index());
                for (HouseholdPlanner.Household h : households) {
                    int headYear = 0;
                    boolean headMale = true;
                    for (int m = 0; m < h.size(); m++) {
                        Member member = member(rnd, h, m, headYear, headMale);
                        if (m == 0) {
                            headYear = member.birthYear();
                            headMale = member.male();
                        }
                        writePerson(out, rnd, issued, id++, h, member);
                    }
                }
                if (id != population.firstPersonIdOf(v.index()) + population.residentsOf(v.index())) {
                    throw new IllegalStateException("households of " + v.name() + " do not add up to its residents");
                }
            }
            counts.put("person", out.rows());
        }
        return counts;
    }

    private record Member(boolean male, int birthYear, int surname) {
    }

    /** Member 0 heads the household, member 1 is the spouse, the others children or a parent. */
    private static Member member(SplittableRandom rnd, HouseholdPlanner.Household h, int m, int headYear,
                                 boolean headMale) {
        if (h.size() == 1) {
            boolean male = Rng.chance(rnd, 0.5);
            return new Member(male, REFERENCE_YEAR - 18 - rnd.nextInt(78), h.surname());
        }
        if (m == 0) {
            return new Member(Rng.chance(rnd, 0.75), REFERENCE_YEAR - 25 - rnd.nextInt(56), h.surname());
        }
        if (m == 1) {
            boolean male = !headMale;
            return new Member(male, clampYear(headYear - 5 + rnd.nextInt(11)),
                male ? h.surname() : Names.surname(rnd));
        }
        boolean male = Rng.chance(rnd, 0.51);
        if (Rng.chance(rnd, 0.75)) {
            return new Member(male, clampYear(headYear + 20 + rnd.nextInt(19)), h.surname());
        }
        return new Member(male, clampYear(headYear - 22 - rnd.nextInt(11)), male ? h.surname() : Names.surname(rnd));
    }

    private void writePerson(CopyStream out, SplittableRandom rnd, short[] issued, long id,
                             HouseholdPlanner.Household h, Member member) {
        boolean male = member.male();
        LocalDate birth = LocalDate.ofYearDay(member.birthYear(), 1 + rnd.nextInt(
            LocalDate.of(member.birthYear(), 1, 1).lengthOfYear()));
        int age = REFERENCE_YEAR - birth.getYear();
        String area = h.areaIndex() == 0 ? RegionTree.DISTRICT_CODE : Names.FLOATING_AREAS[h.areaIndex() - 1];
        int day = (int) ChronoUnit.DAYS.between(FIRST_BIRTH, birth);
        int slot;
        // A day whose sequences are used up moves the birth date on: real registries never reuse a number.
        while (issued[slot = (h.areaIndex() * DAYS + day) * 2 + (male ? 0 : 1)] >= SEQUENCES_PER_GENDER) {
            day = (day + 1) % DAYS;
        }
        birth = FIRST_BIRTH.plusDays(day);
        int count = issued[slot]++;
        int index = (day * 31 + h.areaIndex() * 7 + count * 211) % SEQUENCES_PER_GENDER;
        int sequence = male ? 2 * index + 1 : 2 * index + 2;
        String idNumber = IdNumber.of(area, birth, sequence);

        String phone = Rng.chance(rnd, age < 12 ? 0.85 : 0.05) ? null : Names.mobile(rnd);
        boolean party = age >= 22 && Rng.chance(rnd, 0.095);
        String name = Names.SURNAMES[member.surname()] + Names.givenName(rnd, male);

        out.number(id).text(name).text(idNumber).text(male ? "MALE" : "FEMALE").raw(birth.toString())
            .text(phone).text(h.floating() ? "FLOATING" : "REGISTERED").bool(party).number(h.id())
            .text(h.cell().code()).raw(tags(rnd, h, male, age)).endRow();
    }

    /** Rates follow Chaoshan: overseas-Chinese families are common, correction cases rare. Enum order. */
    private static String tags(SplittableRandom rnd, HouseholdPlanner.Household h, boolean male, int age) {
        StringBuilder b = new StringBuilder("{");
        if (male && age >= 22 && age <= 80 && Rng.chance(rnd, 0.035)) {
            append(b, "VETERAN");
        }
        if (h.overseas() && Rng.chance(rnd, 0.9)) {
            append(b, "OVERSEAS_CHINESE_FAMILY");
        }
        if (age >= 18 && age <= 65 && Rng.chance(rnd, male ? 0.0016 : 0.0004)) {
            append(b, "COMMUNITY_CORRECTION");
        }
        if (age >= 20 && age <= 75 && Rng.chance(rnd, male ? 0.004 : 0.0008)) {
            append(b, "RELEASED_PRISONER");
        }
        if (Rng.chance(rnd, 0.004)) {
            append(b, "SEVERE_MENTAL_DISORDER");
        }
        if (age >= 12 && age <= 22 && Rng.chance(rnd, 0.02)) {
            append(b, "AT_RISK_YOUTH");
        }
        if ((age < 16 || age >= 70) && Rng.chance(rnd, 0.08)) {
            append(b, "LEFT_BEHIND");
        }
        return b.append('}').toString();
    }

    private static void append(StringBuilder b, String tag) {
        if (b.length() > 1) {
            b.append(',');
        }
        b.append(tag);
    }

    private static int clampYear(int year) {
        return Math.max(FIRST_BIRTH.getYear(), Math.min(LAST_BIRTH.getYear(), year));
    }
}
