package shanzhi.police;

import java.math.BigDecimal;
import java.math.RoundingMode;

import shanzhi.schema.types.IncidentCategory;

/** One category's count in a year against the year before. */
public record IncidentStatRow(IncidentCategory category, int count, int previousYearCount) {

    /**
     * 100 * (count - previous) / previous to one decimal, half away from zero (so -21.85 is
     * -21.9), computed in decimal so that no binary rounding moves a published figure.
     */
    public Double changePercent() {
        if (previousYearCount == 0) {
            return null;
        }
        return BigDecimal.valueOf(100L * (count - previousYearCount))
                .divide(BigDecimal.valueOf(previousYearCount), 1, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
