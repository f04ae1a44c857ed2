package shanzhi.gateway.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * How many residents each village has at a given scale, and their person ids. Residents are
 * numbered village by village, so "a resident of village v" is a draw from one id range; the legal,
 * security and grid writers pick parties and involved persons that way without reading the people
 * store.
 */
final class Population {
    static final long FULL_SCALE_RESIDENTS = 1_700_000;
    /** Enough for a dispute's two or three distinct parties even at the smallest scale. */
    private static final int MIN_PER_VILLAGE = 3;
    /** Share of residents spread evenly; the rest follows the village weights. */
    private static final double EVEN_SHARE = 0.75;

    private final int[] residents;
    private final long[] firstPersonId;
    private final double[] cumulative;
    final long total;

    Population(RegionTree tree, double scale) {
        List<RegionTree.Village> villages = tree.villages;
        int n = villages.size();
        double target = FULL_SCALE_RESIDENTS * scale;
        double weightSum = villages.stream().mapToDouble(RegionTree.Village::weight).sum();
        residents = new int[n];
        firstPersonId = new long[n];
        double[] weights = new double[n];
        long next = 1;
        for (int v = 0; v < n; v++) {
            double share = EVEN_SHARE / n + (1 - EVEN_SHARE) * villages.get(v).weight() / weightSum;
            residents[v] = (int) Math.max(MIN_PER_VILLAGE, Math.round(target * share));
            firstPersonId[v] = next;
            next += residents[v];
            weights[v] = residents[v];
        }
        total = next - 1;
        cumulative = Rng.cumulative(weights);
    }

    int residentsOf(int village) {
        return residents[village];
    }

    long firstPersonIdOf(int village) {
        return firstPersonId[village];
    }

    /** A village drawn in proportion to its residents: events happen where people live. */
    int randomVillage(SplittableRandom rnd) {
        return Rng.weighted(rnd, cumulative);
    }

    /** Up to {@code count} distinct residents of the village, in ascending id order. */
    long[] distinctResidents(int village, int count, SplittableRandom rnd) {
        int n = Math.min(count, residents[village]);
        long[] ids = new long[n];
        int filled = 0;
        while (filled < n) {
            long id = firstPersonId[village] + rnd.nextInt(residents[village]);
            boolean seen = false;
            for (int i = 0; i < filled; i++) {
                seen |= ids[i] == id;
            }
            if (!seen) {
                ids[filled++] = id;
            }
        }
        java.util.Arrays.sort(ids);
        return ids;
    }
}
