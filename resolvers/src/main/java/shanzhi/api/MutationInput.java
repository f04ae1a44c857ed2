package shanzhi.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;
import shanzhi.grid.RegionRepository;
import shanzhi.people.PeopleRepository;
import shanzhi.schema.types.RegionLevel;

/** Checks shared by the mutations of every department, each failing as BAD_USER_INPUT. */
public final class MutationInput {
    private static final int MAX_KEY_LENGTH = 200;
    private static final int MAX_TEXT_LENGTH = 4000;

    private MutationInput() {
    }

    public static String idempotencyKey(String key) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new BadUserInput("idempotencyKey must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        return key;
    }

    public static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadUserInput(field + " must not be blank");
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            throw new BadUserInput(field + " is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        return value.strip();
    }

    public static Mono<Void> requireCell(RegionRepository regions, String cellCode) {
        return regions.findByCodes(List.of(cellCode))
                .filter(region -> region.level() == RegionLevel.CELL)
                .hasElements()
                .flatMap(known -> known ? Mono.<Void>empty()
                        : Mono.error(new BadUserInput("Unknown cell: no CELL region with code " + cellCode)));
    }

    public static Mono<Void> requirePersons(PeopleRepository people, List<Long> personIds) {
        if (personIds.isEmpty()) {
            return Mono.empty();
        }
        return people.existing(personIds).flatMap(found -> {
            Set<Long> missing = new HashSet<>(personIds);
            found.forEach(missing::remove);
            return missing.isEmpty() ? Mono.<Void>empty()
                    : Mono.error(new BadUserInput("Unknown person ids: " + missing.stream().sorted().toList()));
        });
    }
}
