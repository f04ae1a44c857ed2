package shanzhi.gateway.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Splits a village's residents into households. It is replayed once for the household table and
 * once for the person table (person.household_id needs the households committed to the COPY
 * first), so its output depends only on the seed and the village.
 */
final class HouseholdPlanner {
    /** areaIndex 0 is Chaoyang itself; floating households carry another real area code. */
    record Household(long id, RegionTree.Cell cell, String address, int size, boolean floating, int areaIndex,
                     int surname, boolean overseas) {
    }

    private static final double[] SIZE_CUMULATIVE = Rng.cumulative(14, 21, 22, 21, 14, 8);
    private static final double FLOATING_HOUSEHOLDS = 0.21;
    private static final double OVERSEAS_FAMILIES = 0.16;
    /** Chaoshan villages are often one clan: most households share the village's surname. */
    private static final double CLAN_SHARE = 0.45;

    private final long seed;
    private final RegionTree tree;
    private final Population population;

    HouseholdPlanner(long seed, RegionTree tree, Population population) {
        this.seed = seed;
        this.tree = tree;
        this.population = population;
    }

    List<Household> householdsOf(RegionTree.Village village, long firstHouseholdId) {
        SplittableRandom rnd = Rng.stream(seed, "households", village.index());
        int clanSurname = Names.surname(Rng.stream(seed, "clan", village.index()));
        String prefix = RegionTree.DISTRICT_NAME + tree.townOf(village).name() + village.name();
        // House numbers come from a stream of their own and are not in household order: numbered in
        // id order, a caller who may see cells and household ids but not addresses (PARTNER) could
        // rebuild every address by sorting the ids of a cell. Several households may share a number
        // (a family compound).
        SplittableRandom numbers = Rng.stream(seed, "house-numbers", village.index());
        int remaining = population.residentsOf(village.index());
        int numberRange = 10 + 4 * remaining / (3 * village.cellCount());
        List<Household> result = new ArrayList<>();
        long id = firstHouseholdId;
        while (remaining > 0) {
            int size = Math.min(remaining, 1 + Rng.weighted(rnd, SIZE_CUMULATIVE));
            int local = rnd.nextInt(village.cellCount());
            RegionTree.Cell cell = tree.cells.get(village.firstCell() + local);
            int number = 1 + numbers.nextInt(numberRange);
            boolean floating = Rng.chance(rnd, FLOATING_HOUSEHOLDS);
            int area = floating ? 1 + rnd.nextInt(Names.FLOATING_AREAS.length) : 0;
            int surname = !floating && Rng.chance(rnd, CLAN_SHARE) ? clanSurname : Names.surname(rnd);
            boolean overseas = !floating && Rng.chance(rnd, OVERSEAS_FAMILIES);
            result.add(new Household(id++, cell, prefix + cell.name() + number + "号", size, floating, area, surname,
                overseas));
            remaining -= size;
        }
        return result;
    }
}
