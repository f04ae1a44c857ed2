package shanzhi.gateway.live;

/** One claimed outbox row; the payload stays the JSON text the store rendered. */
record OutboxRow(long id, String topic, String cellCode, String payloadJson) {
}
