package shanzhi.grid;

public record GridWorkerRow(long id, String name, String phone, boolean partyMember, String gridCode) {
}
