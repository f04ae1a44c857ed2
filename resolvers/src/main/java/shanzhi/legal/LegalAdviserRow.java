package shanzhi.legal;

public record LegalAdviserRow(long id, String name, String lawFirm, String phone) {
}
