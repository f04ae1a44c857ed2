package shanzhi.gateway.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Demo timestamps, all in Asia/Shanghai and written with an explicit offset so that the server's
 * TimeZone setting cannot move a row across a day or year boundary.
 */
final class Times {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter PG = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx");

    private Times() {
    }

    static long epochSecond(LocalDate date) {
        return date.atStartOfDay(SHANGHAI).toEpochSecond();
    }

    static long epochSecond(LocalDateTime dateTime) {
        return dateTime.atZone(SHANGHAI).toEpochSecond();
    }

    static String format(long epochSecond) {
        return PG.format(ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), SHANGHAI));
    }

    /**
     * The i-th of n instants spread evenly over [from, to) with jitter inside its own slot: the
     * sequence is ascending, so ids given in order are also chronological.
     */
    static long stratified(long from, long to, long i, long n, double jitter) {
        double slot = (double) (to - from) / n;
        return from + (long) Math.floor((i + jitter) * slot);
    }

    static int year(long epochSecond) {
        return ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), SHANGHAI).getYear();
    }
}
