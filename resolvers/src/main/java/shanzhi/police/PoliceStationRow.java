package shanzhi.police;

public record PoliceStationRow(long id, String name, String townCode) {
}
