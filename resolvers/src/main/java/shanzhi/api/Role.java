package shanzhi.api;

/** The roles a caller's token may carry (claim "roles"). */
public enum Role {
    GRID_WORKER, TOWN_OFFICER, DISTRICT_ADMIN, POLICE, JUDICIAL, PARTNER
}
