package shanzhi.police;

public record PoliceRoomRow(long id, String name, long stationId, String villageCode) {
}
