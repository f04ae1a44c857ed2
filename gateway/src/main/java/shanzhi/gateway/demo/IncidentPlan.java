package shanzhi.gateway.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact incident counts per year and category. The district's published figures (criminal incidents
 * 2021 down 21.9% on 2020, public order down 16.0%, the "two robberies" down more than 80% from their
 * peak) are facts about its records, so the counts are fixed here and verified, not left to chance.
 */
final class IncidentPlan {
    static final int FIRST_YEAR = 2016;
    static final int LAST_YEAR = 2025;
    static final BigDecimal CRIMINAL_CHANGE_2021 = new BigDecimal("-21.9");
    static final BigDecimal PUBLIC_ORDER_CHANGE_2021 = new BigDecimal("-16.0");
    /** With at least 1000 incidents in 2020 some 2021 count always lands inside the 0.1 rounding window. */
    static final int MIN_2020 = 1000;

    record Year(int year, int criminal, int twoRobberies, int publicOrder, int traffic, int assistance) {
        int total() {
            return criminal + publicOrder + traffic + assistance;
        }
    }

    private static final double[] CRIMINAL_VS_2020 = {1.62, 1.48, 1.33, 1.16, 1.0, Double.NaN, 0.74, 0.70, 0.67, 0.65};
    private static final double[] PUBLIC_ORDER_VS_2020 = {1.35, 1.28, 1.2, 1.1, 1.0, Double.NaN, 0.8, 0.78, 0.76, 0.75};
    private static final double[] TRAFFIC_TREND = {0.82, 0.86, 0.9, 0.95, 0.88, 0.93, 1.0, 1.04, 1.07, 1.1};
    private static final double[] ASSISTANCE_TREND = {0.7, 0.75, 0.8, 0.86, 0.95, 1.0, 1.05, 1.1, 1.15, 1.2};
    /** Share of criminal incidents that are robbery or snatching; 2016 is the peak. */
    private static final double[] TWO_ROBBERIES_SHARE =
        {0.065, 0.05, 0.036, 0.024, 0.016, 0.009, 0.008, 0.007, 0.006, 0.006};

    final List<Year> years;

    IncidentPlan(double scale) {
        int criminal2020 = (int) Math.max(MIN_2020, Math.round(9000 * scale));
        int publicOrder2020 = (int) Math.max(MIN_2020, Math.round(7000 * scale));
        int criminal2021 = solve2021(criminal2020, CRIMINAL_CHANGE_2021);
        int publicOrder2021 = solve2021(publicOrder2020, PUBLIC_ORDER_CHANGE_2021);
        long trafficBase = Math.max(60, Math.round(4500 * scale));
        long assistanceBase = Math.max(100, Math.round(11_000 * scale));
        List<Year> ys = new ArrayList<>();
        for (int i = 0; i <= LAST_YEAR - FIRST_YEAR; i++) {
            int year = FIRST_YEAR + i;
            int criminal = year == 2021 ? criminal2021 : (int) Math.round(criminal2020 * CRIMINAL_VS_2020[i]);
            int publicOrder = year == 2021 ? publicOrder2021
                : (int) Math.round(publicOrder2020 * PUBLIC_ORDER_VS_2020[i]);
            int twoRobberies = (int) Math.max(1, Math.round(criminal * TWO_ROBBERIES_SHARE[i]));
            ys.add(new Year(year, criminal, twoRobberies, publicOrder,
                (int) Math.round(trafficBase * TRAFFIC_TREND[i]), (int) Math.round(assistanceBase * ASSISTANCE_TREND[i])));
        }
        years = List.copyOf(ys);
        verify();
    }

    Year year(int year) {
        return years.get(year - FIRST_YEAR);
    }

    long total() {
        return years.stream().mapToLong(Year::total).sum();
    }

    /** The contract's IncidentStat.changePercent: 100 * (count - previous) / previous, half up, one decimal. */
    static BigDecimal changePercent(long previous, long count, RoundingMode mode) {
        return BigDecimal.valueOf(100 * (count - previous))
            .divide(BigDecimal.valueOf(previous), 12, RoundingMode.HALF_EVEN)
            .setScale(1, mode);
    }

    /** The 2021 count nearest to the target change that every half-rounding convention agrees on. */
    static int solve2021(int count2020, BigDecimal target) {
        int guess = (int) Math.round(count2020 * (1 + target.doubleValue() / 100));
        for (int delta = 0; delta <= 2; delta++) {
            for (int candidate : new int[] {guess - delta, guess + delta}) {
                if (roundsTo(count2020, candidate, target)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no 2021 count gives " + target + "% from " + count2020 + " in 2020");
    }

    /**
     * HALF_UP and HALF_DOWN agree only off the .x5 boundary, so "half up" read as away from zero
     * (SQL round, BigDecimal) or as towards +infinity (Math.round) both give the target.
     */
    private static boolean roundsTo(long previous, long count, BigDecimal target) {
        return changePercent(previous, count, RoundingMode.HALF_UP).compareTo(target) == 0
            && changePercent(previous, count, RoundingMode.HALF_DOWN).compareTo(target) == 0;
    }

    private void verify() {
        Year y2020 = year(2020);
        Year y2021 = year(2021);
        if (!roundsTo(y2020.criminal(), y2021.criminal(), CRIMINAL_CHANGE_2021)
            || !roundsTo(y2020.publicOrder(), y2021.publicOrder(), PUBLIC_ORDER_CHANGE_2021)) {
            throw new IllegalStateException("incident plan misses the published 2021 changes: " + years);
        }
        Year peak = years.stream().max((a, b) -> Integer.compare(a.twoRobberies(), b.twoRobberies())).orElseThrow();
        if (5L * y2021.twoRobberies() >= peak.twoRobberies()) {
            throw new IllegalStateException("two robberies in 2021 (" + y2021.twoRobberies()
                + ") are not more than 80% below the peak " + peak);
        }
        for (Year y : years) {
            if (y.twoRobberies() > y.criminal()) {
                throw new IllegalStateException("more robberies than criminal incidents in " + y);
            }
        }
    }
}
