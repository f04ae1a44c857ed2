package shanzhi.gateway.demo;

import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Police incidents year by year with the exact counts of {@link IncidentPlan}, chronological ids.
 * Each year runs from 2 January to 30 December in Asia/Shanghai so no incident sits near a year
 * boundary whatever time zone a client counts in.
 */
final class IncidentGenerator {
    record Incident(long id, String category, String subcategory, long occurredAt, String status, String summary,
                    RegionTree.Cell cell, long[] persons) {
    }

    private static final String[] CATEGORIES = {"CRIMINAL", "PUBLIC_ORDER", "TRAFFIC", "ASSISTANCE"};

    private record Sub(String code, String phrase) {
    }

    private static final Sub[] TWO_ROBBERIES = {new Sub("ROBBERY", "抢劫案"), new Sub("SNATCHING", "抢夺案")};
    private static final double[] TWO_ROBBERIES_CUMULATIVE = Rng.cumulative(40, 60);
    private static final Sub[][] SUBCATEGORIES = {
        {new Sub("THEFT", "盗窃案"), new Sub("BURGLARY", "入室盗窃案"), new Sub("VEHICLE_THEFT", "盗窃电动车案"),
            new Sub("FRAUD", "诈骗案"), new Sub("TELECOM_FRAUD", "电信网络诈骗案"),
            new Sub("INTENTIONAL_INJURY", "故意伤害案"), new Sub("DRUG_TRAFFICKING", "贩毒案")},
        {new Sub("FIGHTING", "打架斗殴"), new Sub("GAMBLING", "聚众赌博"), new Sub("DISTURBANCE", "寻衅滋事"),
            new Sub("DRUG_USE", "吸毒"), new Sub("PROPERTY_DAMAGE", "故意损毁财物")},
        {new Sub("COLLISION", "交通事故"), new Sub("DRUNK_DRIVING", "酒后驾驶"), new Sub("HIT_AND_RUN", "交通肇事逃逸"),
            new Sub("ROAD_OBSTRUCTION", "道路拥堵求助")},
        {new Sub("MISSING_PERSON", "人员走失求助"), new Sub("LOCKOUT", "开锁求助"), new Sub("DROWNING_RESCUE", "溺水救援"),
            new Sub("ELDERLY_HELP", "孤寡老人求助"), new Sub("LOST_PROPERTY", "财物遗失求助"),
            new Sub("MEDICAL_EMERGENCY", "急病求助")}};
    private static final double[][] SUB_CUMULATIVE = {
        Rng.cumulative(40, 12, 8, 16, 12, 8, 4),
        Rng.cumulative(35, 25, 20, 8, 12),
        Rng.cumulative(70, 12, 8, 10),
        Rng.cumulative(15, 15, 5, 20, 20, 25)};
    private static final double[][] PERSONS_CUMULATIVE = {
        Rng.cumulative(20, 40, 28, 12),
        Rng.cumulative(20, 40, 28, 12),
        Rng.cumulative(10, 30, 50, 10),
        Rng.cumulative(30, 60, 10, 0)};

    private final long seed;
    private final RegionTree tree;
    private final Population population;
    private final IncidentPlan plan;

    IncidentGenerator(long seed, RegionTree tree, Population population, IncidentPlan plan) {
        this.seed = seed;
        this.tree = tree;
        this.population = population;
        this.plan = plan;
    }

    void forEach(Consumer<Incident> sink) {
        long id = 1;
        for (IncidentPlan.Year y : plan.years) {
            SplittableRandom rnd = Rng.stream(seed, "incidents", y.year());
            long from = Times.epochSecond(LocalDate.of(y.year(), 1, 2));
            long to = Times.epochSecond(LocalDate.of(y.year(), 12, 31));
            // Drawing without replacement keeps every yearly count exact while mixing categories in time.
            int[] remaining = {y.criminal(), y.publicOrder(), y.traffic(), y.assistance()};
            int remainingTwoRobberies = y.twoRobberies();
            int total = y.total();
            for (int i = 0; i < total; i++) {
                long occurredAt = Times.stratified(from, to, i, total, rnd.nextDouble());
                int category = drawCategory(rnd, remaining, total - i);
                Sub sub;
                if (category == 0 && rnd.nextInt(remaining[0] + 1) < remainingTwoRobberies) {
                    sub = TWO_ROBBERIES[Rng.weighted(rnd, TWO_ROBBERIES_CUMULATIVE)];
                    remainingTwoRobberies--;
                } else {
                    sub = SUBCATEGORIES[category][Rng.weighted(rnd, SUB_CUMULATIVE[category])];
                }
                int village = population.randomVillage(rnd);
                RegionTree.Village v = tree.villages.get(village);
                RegionTree.Cell cell = tree.randomCellOf(v, rnd);
                long[] persons = population.distinctResidents(village,
                    Rng.weighted(rnd, PERSONS_CUMULATIVE[category]), rnd);
                boolean open = Rng.chance(rnd, y.year() == IncidentPlan.LAST_YEAR ? 0.25 : 0.03);
                String summary = "接报" + tree.townOf(v).name() + v.name() + cell.name() + "发生一起" + sub.phrase();
                sink.accept(new Incident(id++, CATEGORIES[category], sub.code(), occurredAt, open ? "OPEN" : "CLOSED",
                    summary, cell, persons));
            }
            if (remainingTwoRobberies != 0 || remaining[0] + remaining[1] + remaining[2] + remaining[3] != 0) {
                throw new IllegalStateException("incident draw of " + y.year() + " did not use its exact counts");
            }
        }
    }

    /** Category k with probability remaining[k] / left; decrements the chosen count. */
    private static int drawCategory(SplittableRandom rnd, int[] remaining, int left) {
        int r = rnd.nextInt(left);
        for (int k = 0; k < remaining.length; k++) {
            if (r < remaining[k]) {
                remaining[k]--;
                return k;
            }
            r -= remaining[k];
        }
        throw new IllegalStateException("category counts exhausted");
    }
}
