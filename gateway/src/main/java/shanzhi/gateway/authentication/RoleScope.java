package shanzhi.gateway.authentication;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import shanzhi.api.RegionCode;
import shanzhi.api.Role;
import shanzhi.schema.types.RegionLevel;

/**
 * A role's scope must fit the role: a grid worker works in one party grid, as one named worker;
 * a town officer in one town. A token whose region is wider than its role's work would widen what
 * the role sees (a district-wide grid worker sees every resident), so it is refused (401), whoever
 * issued it. DISTRICT_ADMIN, POLICE, JUDICIAL and PARTNER serve at any level (the district, a
 * station's town...) and may carry any region: a narrower one only narrows what they see.
 * The one rule for the token validator and the demo issuer.
 */
public final class RoleScope {
    private static final Map<Role, RegionLevel> LEVEL = Map.of(
            Role.GRID_WORKER, RegionLevel.GRID,
            Role.TOWN_OFFICER, RegionLevel.TOWN);

    private RoleScope() {
    }

    /** Why these roles do not fit this region and worker, or empty when they do. */
    public static Optional<String> misfit(Set<Role> roles, String region, Long workerId) {
        RegionLevel level = RegionCode.levelOf(region);
        for (Role role : roles) {
            RegionLevel wanted = LEVEL.get(role);
            if (wanted != null && wanted != level) {
                return Optional.of("a " + role + " token's region must be a " + wanted + " code, not the "
                        + level + " " + region);
            }
        }
        if (roles.contains(Role.GRID_WORKER) && workerId == null) {
            return Optional.of("a GRID_WORKER token must name its worker_id");
        }
        return Optional.empty();
    }
}
