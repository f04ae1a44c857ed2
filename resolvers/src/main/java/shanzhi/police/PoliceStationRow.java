package shanzhi.security;

public record PoliceStationRow(long id, String name, String townCode) {
}
