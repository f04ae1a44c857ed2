package shanzhi.gateway.demo;

import java.time.Duration;

/**
 * What one {@link DemoDistrictLoader#load} did. {@code skipped} is true only when every department
 * already held this exact demo district; the counts are the rows present afterwards either way.
 */
public record DemoLoadReport(boolean skipped, long residents, long households, long disputes, long incidents,
                             long gridEvents, Duration took) {
}
