package shanzhi.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** The district keeps China Standard Time: dates, years and output offsets are taken there. */
public final class DistrictTime {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private DistrictTime() {
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    public static OffsetDateTime local(OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(ZONE).toOffsetDateTime();
    }

    public static OffsetDateTime startOf(LocalDate date) {
        return date.atStartOfDay(ZONE).toOffsetDateTime();
    }

    public static OffsetDateTime startOfYear(int year) {
        return startOf(LocalDate.of(year, 1, 1));
    }
}
