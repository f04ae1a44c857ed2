package shanzhi.legal;

public record JudicialOfficeRow(long id, String name, String townCode) {
}
