package shanzhi.api;

import java.util.Map;

/**
 * A change committed in a department's store, as written to that store's {@code outbox} table in
 * the same transaction as the change and relayed through Redis to every replica.
 *
 * @param department the store it was committed in ({@code grid}, {@code security}, ...)
 * @param id         the outbox row's id: unique and increasing per department, so a replica can
 *                   drop a duplicate delivery (the relay delivers at least once)
 * @param topic      one of {@link LiveEvents}' topics
 * @param cellCode   the cell the change happened in, for the subscriber's scope check; null for
 *                   changes that are not tied to a place (reference data)
 * @param payload    the changed row as the store's {@code to_jsonb(row)} gives it (snake_case keys)
 */
public record LiveEvent(String department, long id, String topic, String cellCode, Map<String, Object> payload) {
}
