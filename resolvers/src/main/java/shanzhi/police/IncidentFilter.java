package shanzhi.police;

import java.time.LocalDate;

import shanzhi.api.BadUserInput;
import shanzhi.schema.types.IncidentCategory;

/** Arguments of Region.incidents: category and an inclusive date range of occurredAt. */
public record IncidentFilter(IncidentCategory category, LocalDate from, LocalDate to) {
    public IncidentFilter {
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadUserInput("`from` (" + from + ") is after `to` (" + to + ")");
        }
    }
}
