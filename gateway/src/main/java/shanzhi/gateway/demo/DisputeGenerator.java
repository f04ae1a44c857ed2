package shanzhi.gateway.demo;

import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Disputes brought to mediation, chronological ids; replayed for dispute and dispute_party. */
final class DisputeGenerator {
    /** resolvedAt is 0 while the dispute is still open. */
    record Dispute(long id, String category, String status, String summary, long reportedAt, long resolvedAt,
                   RegionTree.Cell cell, long[] parties) {
    }

    private static final String[] CATEGORIES = {
        "FAMILY", "NEIGHBOUR", "LAND", "LABOUR", "PROPERTY_MANAGEMENT", "CONSUMER", "OTHER"};
    private static final double[] CATEGORY_CUMULATIVE = Rng.cumulative(22, 28, 18, 12, 8, 6, 6);
    private static final String[][] SUMMARIES = {
        {"夫妻因家庭琐事发生纠纷", "兄弟因赡养父母费用分担发生纠纷", "家庭成员因继承房产发生纠纷"},
        {"邻里因排水沟渠问题发生纠纷", "邻里因建房采光通风发生纠纷", "邻里因噪音扰民发生纠纷"},
        {"村民因宅基地界址发生纠纷", "村民因承包地边界发生纠纷", "村民因鱼塘承包款发生纠纷"},
        {"工人与纺织作坊因拖欠工资发生纠纷", "工人因工伤赔偿与雇主发生纠纷", "员工因解除劳动关系补偿发生纠纷"},
        {"业主与物业公司因物业费发生纠纷", "业主因公共部位占用与物业发生纠纷"},
        {"消费者因购买商品质量问题与商家发生纠纷", "消费者因预付卡退费与商家发生纠纷"},
        {"当事人因民间借贷发生纠纷", "当事人因交通事故赔偿发生纠纷", "当事人因合伙经营分红发生纠纷"}};

    private static final long FROM = Times.epochSecond(LocalDate.of(2019, 1, 1));
    private static final long TO = Times.epochSecond(LocalDate.of(2026, 11, 1));

    private final long seed;
    private final RegionTree tree;
    private final Population population;
    private final long count;

    DisputeGenerator(long seed, RegionTree tree, Population population, double scale) {
        this.seed = seed;
        this.tree = tree;
        this.population = population;
        this.count = Math.max(400, Math.round(20_000 * scale));
    }

    void forEach(Consumer<Dispute> sink) {
        SplittableRandom rnd = Rng.stream(seed, "disputes", 0);
        for (long i = 0; i < count; i++) {
            long reportedAt = Times.stratified(FROM, TO, i, count, rnd.nextDouble());
            int category = Rng.weighted(rnd, CATEGORY_CUMULATIVE);
            int village = population.randomVillage(rnd);
            RegionTree.Village v = tree.villages.get(village);
            RegionTree.Cell cell = tree.randomCellOf(v, rnd);
            String summary = v.name() + SUMMARIES[category][rnd.nextInt(SUMMARIES[category].length)];
            long[] parties = population.distinctResidents(village, Rng.chance(rnd, 0.7) ? 2 : 3, rnd);
            String status = status((double) i / count, rnd);
            long resolvedAt = status.equals("RESOLVED") || status.equals("FAILED")
                ? reportedAt + 3600 + rnd.nextInt(45 * 24 * 3600) : 0;
            sink.accept(new Dispute(i + 1, CATEGORIES[category], status, summary, reportedAt, resolvedAt, cell,
                parties));
        }
    }

    long count() {
        return count;
    }

    /** Mediation takes weeks: only the newest disputes are still open in bulk. */
    private static String status(double position, SplittableRandom rnd) {
        double r = rnd.nextDouble();
        if (position > 0.98) {
            return r < 0.5 ? "REPORTED" : "MEDIATING";
        }
        if (position > 0.93) {
            return r < 0.1 ? "REPORTED" : r < 0.4 ? "MEDIATING" : r < 0.9 ? "RESOLVED" : "FAILED";
        }
        return r < 0.88 ? "RESOLVED" : r < 0.97 ? "FAILED" : "MEDIATING";
    }
}
