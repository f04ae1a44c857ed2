package shanzhi.gateway.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The region tree of Chaoyang: district, 13 towns, 273 villages, 1,276 party grids, 27,000 cells,
 * plus the grid workers of each party grid. It depends on the seed only, never on the scale, so the
 * published structural figures hold for every demo size.
 */
final class RegionTree {
    static final String DISTRICT_CODE = "440513";
    static final String DISTRICT_NAME = "潮阳区";
    static final int GRID_COUNT = 1276;
    static final int CELL_COUNT = 27_000;
    private static final int MIN_CELLS_PER_GRID = 8;

    record Town(int index, String code, String name, String shortName, int firstVillage, int villageCount) {
    }

    /** weight: relative population, fixed by the seed, so bigger villages also get more party grids. */
    record Village(int index, int town, String code, String name, boolean community, double weight,
                   int firstGrid, int gridCount, int firstCell, int cellCount) {
    }

    record Grid(int index, int village, String code, String name, int firstCell, int cellCount,
                long firstWorkerId, int workerCount) {
    }

    record Cell(int index, int grid, int village, String code, String name) {
    }

    /** name, villages, of which communities (社区, listed first as in the statistical codes). */
    private record TownSpec(String name, int villages, int communities) {
    }

    private static final List<TownSpec> TOWNS = List.of(
        new TownSpec("文光街道", 14, 14),
        new TownSpec("城南街道", 12, 9),
        new TownSpec("金浦街道", 16, 4),
        new TownSpec("棉北街道", 14, 4),
        new TownSpec("和平镇", 24, 2),
        new TownSpec("海门镇", 20, 2),
        new TownSpec("谷饶镇", 26, 1),
        new TownSpec("贵屿镇", 27, 1),
        new TownSpec("铜盂镇", 21, 1),
        new TownSpec("河溪镇", 12, 1),
        new TownSpec("西胪镇", 28, 1),
        new TownSpec("关埠镇", 25, 1),
        new TownSpec("金灶镇", 34, 1));

    /** The named places of the district's own reports, pinned to fixed positions in their towns. */
    private record Pinned(String town, int position, String stem) {
    }

    private static final List<Pinned> PINNED = List.of(
        new Pinned("和平镇", 0, "下寨"),
        new Pinned("西胪镇", 3, "泉塘"),
        new Pinned("金灶镇", 5, "桥陈"));

    final List<Town> towns;
    final List<Village> villages;
    final List<Grid> grids;
    final List<Cell> cells;
    final long workerCount;

    RegionTree(long seed) {
        List<Town> t = new ArrayList<>();
        List<String[]> villageNames = new ArrayList<>();
        List<Boolean> communityFlags = new ArrayList<>();
        int villageIndex = 0;
        for (int i = 0; i < TOWNS.size(); i++) {
            TownSpec spec = TOWNS.get(i);
            String code = DISTRICT_CODE + String.format("%03d", i + 1);
            t.add(new Town(i, code, spec.name(), shortName(spec.name()), villageIndex, spec.villages()));
            String[] names = villageNamesOf(seed, i, spec);
            for (int v = 0; v < spec.villages(); v++) {
                villageNames.add(new String[] {code, names[v]});
                communityFlags.add(v < spec.communities());
            }
            villageIndex += spec.villages();
        }
        if (villageIndex != 273) {
            throw new IllegalStateException("town table must add up to 273 villages, got " + villageIndex);
        }
        towns = List.copyOf(t);

        double[] weights = villageWeights(seed, villageNames.size(), communityFlags);
        int[] gridsPerVillage = apportion(GRID_COUNT - villageNames.size(), weights);
        SplittableRandom gridRnd = Rng.stream(seed, "grid-cells", 0);
        double[] gridWeights = new double[GRID_COUNT];
        for (int g = 0; g < GRID_COUNT; g++) {
            gridWeights[g] = 0.4 + gridRnd.nextDouble() * 1.2;
        }
        int[] cellsPerGrid = apportion(CELL_COUNT - MIN_CELLS_PER_GRID * GRID_COUNT, gridWeights);

        List<Village> vs = new ArrayList<>();
        List<Grid> gs = new ArrayList<>();
        List<Cell> cs = new ArrayList<>();
        SplittableRandom workerRnd = Rng.stream(seed, "grid-workers", 0);
        long nextWorker = 1;
        int townOfVillage = 0;
        for (int v = 0; v < villageNames.size(); v++) {
            while (v >= towns.get(townOfVillage).firstVillage() + towns.get(townOfVillage).villageCount()) {
                townOfVillage++;
            }
            Town town = towns.get(townOfVillage);
            int numberInTown = v - town.firstVillage() + 1;
            String vCode = town.code() + String.format("%03d", numberInTown);
            String vName = villageNames.get(v)[1];
            boolean community = communityFlags.get(v);
            int firstGrid = gs.size();
            int firstVillageCell = cs.size();
            int gridCount = 1 + gridsPerVillage[v];
            int cellNumber = 1;
            SplittableRandom streetRnd = Rng.stream(seed, "streets", v);
            for (int g = 0; g < gridCount; g++) {
                int gi = gs.size();
                String gCode = vCode + String.format("%02d", g + 1);
                int cellCount = MIN_CELLS_PER_GRID + cellsPerGrid[gi];
                int firstCell = cs.size();
                String street = Names.STREETS[streetRnd.nextInt(Names.STREETS.length)];
                for (int c = 0; c < cellCount; c++) {
                    String cName = community ? street + cellNumber + "巷" : "第" + cellNumber + "村民小组";
                    cs.add(new Cell(cs.size(), gi, v, gCode + String.format("%03d", c + 1), cName));
                    cellNumber++;
                }
                int workers = Rng.chance(workerRnd, 0.5) ? 2 : 3;
                gs.add(new Grid(gi, v, gCode, vName + "第" + (g + 1) + "网格", firstCell, cellCount, nextWorker,
                    workers));
                nextWorker += workers;
            }
            vs.add(new Village(v, townOfVillage, vCode, vName, community, weights[v], firstGrid, gridCount,
                firstVillageCell, cs.size() - firstVillageCell));
        }
        villages = List.copyOf(vs);
        grids = List.copyOf(gs);
        cells = List.copyOf(cs);
        workerCount = nextWorker - 1;
        if (grids.size() != GRID_COUNT || cells.size() != CELL_COUNT) {
            throw new IllegalStateException("region tree miscounted: " + grids.size() + " grids, " + cells.size()
                + " cells");
        }
    }

    static String shortName(String townName) {
        if (townName.endsWith("街道")) {
            return townName.substring(0, townName.length() - 2);
        }
        if (townName.endsWith("镇")) {
            return townName.substring(0, townName.length() - 1);
        }
        return townName;
    }

    Town townOf(Village v) {
        return towns.get(v.town());
    }

    Village villageOf(Cell c) {
        return villages.get(c.village());
    }

    Cell randomCellOf(Village v, SplittableRandom rnd) {
        return cells.get(v.firstCell() + rnd.nextInt(v.cellCount()));
    }

    /** Grid worker ids are handed out grid by grid, so a cell's reporters are a contiguous id range. */
    long randomWorkerOf(Cell c, SplittableRandom rnd) {
        Grid g = grids.get(c.grid());
        return g.firstWorkerId() + rnd.nextInt(g.workerCount());
    }

    private static String[] villageNamesOf(long seed, int townIndex, TownSpec spec) {
        SplittableRandom rnd = Rng.stream(seed, "village-names", townIndex);
        String[] stems = new String[spec.villages()];
        TreeSet<String> used = new TreeSet<>();
        for (Pinned p : PINNED) {
            if (p.town().equals(spec.name())) {
                stems[p.position()] = p.stem();
                used.add(p.stem());
            }
        }
        for (int v = 0; v < stems.length; v++) {
            if (stems[v] != null) {
                continue;
            }
            boolean community = v < spec.communities();
            String stem;
            do {
                stem = Names.placeStem(rnd, community);
            } while (!used.add(stem));
            stems[v] = stem;
        }
        String[] names = new String[stems.length];
        for (int v = 0; v < stems.length; v++) {
            names[v] = stems[v] + (v < spec.communities() ? "社区" : "村");
        }
        return names;
    }

    private static double[] villageWeights(long seed, int count, List<Boolean> communityFlags) {
        SplittableRandom rnd = Rng.stream(seed, "village-weights", 0);
        double[] w = new double[count];
        for (int v = 0; v < count; v++) {
            double u = rnd.nextDouble();
            // A long tail: a few big villages (some Chaoshan villages exceed 10,000 people).
            w[v] = 0.5 + u + Math.pow(rnd.nextDouble(), 4) * 3.0;
            if (communityFlags.get(v)) {
                w[v] *= 0.8;
            }
        }
        return w;
    }

    /** Largest-remainder apportionment of total over weights; ties go to the lower index. */
    static int[] apportion(int total, double[] weights) {
        double sum = Arrays.stream(weights).sum();
        int[] parts = new int[weights.length];
        double[] remainders = new double[weights.length];
        int assigned = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = total * weights[i] / sum;
            parts[i] = (int) Math.floor(exact);
            remainders[i] = exact - parts[i];
            assigned += parts[i];
        }
        List<Integer> order = new ArrayList<>(weights.length);
        for (int i = 0; i < weights.length; i++) {
            order.add(i);
        }
        Collections.sort(order, Comparator.comparingDouble((Integer i) -> -remainders[i]).thenComparingInt(i -> i));
        for (int k = 0; assigned < total; k++, assigned++) {
            parts[order.get(k)]++;
        }
        return parts;
    }
}
