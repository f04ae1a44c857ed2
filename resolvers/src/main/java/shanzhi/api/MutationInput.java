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

    /**
     * Everyone reports as themselves: the reporter must be the grid worker the token names, for
     * every role. An officer or administrator may not file in a worker's name (the event would
     * say that worker saw it); one whose token names no worker cannot report at all.
     */
    public static void requireSelfAsReporter(Caller caller, long reporterId) {
        if (caller.workerId() == null) {
            throw new Forbidden("Only a grid worker reports grid events, as themselves: this token names no "
                    + "worker_id, so it cannot report as grid worker " + reporterId);
        }
        if (caller.workerId() != reporterId) {
            throw new Forbidden("A grid event is reported by the worker who files it: reporterId must be "
                    + caller.workerId() + " (the token's worker_id)");
        }
    }

    /** The caller's own key names a record outside the scope of this token (another token of the same subject). */
    public static BadUserInput keyTaken(String key) {
        return new BadUserInput("idempotencyKey " + BadUserInput.echo(key) + " was already used for another request");
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

    /** The cell exists and lies in the caller's scope (outside it, it is as unknown as a missing one). */
    public static Mono<Void> requireCell(RegionRepository regions, String cellCode, Scope scope) {
        return regions.findByCodes(List.of(cellCode), scope)
                .filter(region -> region.level() == RegionLevel.CELL)
                .hasElements()
                .flatMap(known -> known ? Mono.<Void>empty()
                        : Mono.error(new BadUserInput("Unknown cell: no CELL region with code " + cellCode)));
    }

    public static Mono<Void> requirePersons(PeopleRepository people, List<Long> personIds, Scope scope) {
        if (personIds.isEmpty()) {
            return Mono.empty();
        }
        return people.existing(personIds, scope).flatMap(found -> {
            Set<Long> missing = new HashSet<>(personIds);
            found.forEach(missing::remove);
            return missing.isEmpty() ? Mono.<Void>empty()
                    : Mono.error(new BadUserInput("Unknown person ids: " + missing.stream().sorted().toList()));
        });
    }
}
