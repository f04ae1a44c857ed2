package shanzhi.gateway.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Grid events reported from the field, in chronological id order. Replayable: the grid writer runs
 * it once per table because the child tables reference grid_event rows that must be copied first.
 */
final class GridEventGenerator {
    record GridEvent(long id, String category, String status, String description, long reportedAt,
                     RegionTree.Cell cell, long reporterId, long[] persons, List<String> path, long[] changedAt) {
    }

    static final List<String> FLOW = List.of("REPORTED", "ACCEPTED", "ASSIGNED", "RESOLVED", "CLOSED");
    private static final String[] CATEGORIES = {
        "SAFETY_HAZARD", "DISPUTE_LEAD", "PUBLIC_ORDER", "SANITATION", "INFRASTRUCTURE", "WELFARE", "OTHER"};
    private static final double[] CATEGORY_CUMULATIVE = Rng.cumulative(20, 15, 10, 25, 15, 10, 5);
    private static final String[][] DESCRIPTIONS = {
        {"发现电动车在楼道内充电，存在火灾隐患", "沿街店铺消防通道被杂物堵塞", "河堤边缺少防溺水警示牌", "老旧房屋墙体开裂，存在倒塌风险"},
        {"两户村民因宅基地界址发生争执", "邻里因排水沟渠问题产生口角", "工人反映工资被拖欠，情绪激动", "家庭成员因赡养老人问题发生矛盾"},
        {"夜间有人聚集喧哗，影响周边居民休息", "发现疑似赌博窝点", "有陌生人员挨户推销可疑产品", "路口多次发生摩托车飙车"},
        {"生活垃圾堆积未及时清运", "水沟堵塞，污水外溢", "河道漂浮垃圾较多", "工地扬尘严重"},
        {"路灯损坏，夜间照明不足", "村道路面破损积水", "自来水管破裂漏水", "井盖缺失，存在安全隐患"},
        {"独居老人行动不便，需要上门帮扶", "留守儿童无人照看，需要关爱", "困难家庭申请临时救助", "残疾人申请办理补贴"},
        {"群众咨询政策办理事宜", "反映流浪犬伤人问题", "反映违章搭建问题", "其他需要协调处理的事项"}};

    private static final long FROM = Times.epochSecond(LocalDate.of(2022, 1, 1));
    private static final long TO = Times.epochSecond(LocalDate.of(2026, 11, 1));

    private final long seed;
    private final RegionTree tree;
    private final Population population;
    private final long count;

    GridEventGenerator(long seed, RegionTree tree, Population population, double scale) {
        this.seed = seed;
        this.tree = tree;
        this.population = population;
        this.count = Math.max(150, Math.round(4000 * scale));
    }

    void forEach(Consumer<GridEvent> sink) {
        SplittableRandom rnd = Rng.stream(seed, "grid-events", 0);
        for (long i = 0; i < count; i++) {
            long reportedAt = Times.stratified(FROM, TO, i, count, rnd.nextDouble());
            int category = Rng.weighted(rnd, CATEGORY_CUMULATIVE);
            int village = population.randomVillage(rnd);
            RegionTree.Cell cell = tree.randomCellOf(tree.villages.get(village), rnd);
            long reporter = tree.randomWorkerOf(cell, rnd);
            String description = tree.villages.get(village).name() + cell.name()
                + DESCRIPTIONS[category][rnd.nextInt(DESCRIPTIONS[category].length)];
            long[] persons = population.distinctResidents(village, personsFor(CATEGORIES[category], rnd), rnd);
            int reached = reachedStage((double) i / count, rnd);
            List<String> path = FLOW.subList(0, reached + 1);
            long[] changedAt = new long[path.size()];
            changedAt[0] = reportedAt;
            for (int s = 1; s < changedAt.length; s++) {
                changedAt[s] = changedAt[s - 1] + 600 + rnd.nextInt(3 * 24 * 3600);
            }
            sink.accept(new GridEvent(i + 1, CATEGORIES[category], path.get(reached), description, reportedAt,
                cell, reporter, persons, path, changedAt));
        }
    }

    long count() {
        return count;
    }

    private static int personsFor(String category, SplittableRandom rnd) {
        return switch (category) {
            case "DISPUTE_LEAD" -> 2;
            case "WELFARE" -> 1;
            case "PUBLIC_ORDER" -> Rng.chance(rnd, 0.6) ? 1 + rnd.nextInt(2) : 0;
            case "SAFETY_HAZARD" -> Rng.chance(rnd, 0.3) ? 1 : 0;
            default -> 0;
        };
    }

    /** Old events are closed; the newest few percent are still moving through the flow. */
    private static int reachedStage(double position, SplittableRandom rnd) {
        if (position > 0.97) {
            return rnd.nextInt(3);
        }
        if (position > 0.9) {
            return 1 + rnd.nextInt(4);
        }
        double r = rnd.nextDouble();
        return r < 0.85 ? 4 : r < 0.97 ? 3 : 2;
    }
}
