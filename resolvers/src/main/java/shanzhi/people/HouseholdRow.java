package shanzhi.people;

public record HouseholdRow(long id, String address, String cellCode) {
}
