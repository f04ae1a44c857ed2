package shanzhi.gateway.authentication;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import shanzhi.api.BadUserInput;
import shanzhi.api.Caller;
import shanzhi.api.Role;
import shanzhi.api.Scope;

/**
 * The claims Shanzhi reads from a verified token: sub, roles, region (the scope), client
 * (azp or client_id) and worker_id for grid workers. A token without a usable role or region
 * is refused (401): a caller must never end up with an undefined scope, nor with a scope wider
 * than the role's work ({@link RoleScope}; the worker's grid is checked by {@link WorkerServesGrid}).
 */
public final class CallerClaims {
    public static final String ROLES = "roles";
    public static final String REGION = "region";
    public static final String WORKER_ID = "worker_id";
    public static final String CLIENT = "azp";

    private CallerClaims() {
    }

    public static Caller caller(Jwt jwt) {
        Set<Role> roles = roles(jwt);
        Object worker = jwt.getClaims().get(WORKER_ID);
        String client = jwt.getClaimAsString(CLIENT) != null ? jwt.getClaimAsString(CLIENT) : jwt.getClaimAsString("client_id");
        return new Caller(jwt.getSubject(), roles, new Scope(jwt.getClaimAsString(REGION)), client == null ? "unknown" : client,
                worker == null ? null : Long.valueOf(worker.toString()), jwt.getExpiresAt());
    }

    /** Token validator: the Shanzhi claims are present and well formed. */
    public static OAuth2TokenValidatorResult validate(Jwt jwt) {
        try {
            if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
                return invalid("the token has no subject");
            }
            if (roles(jwt).isEmpty()) {
                return invalid("the token names no known role");
            }
            String region = new Scope(jwt.getClaimAsString(REGION)).region();
            Object worker = jwt.getClaims().get(WORKER_ID);
            Long workerId = worker == null ? null : Long.valueOf(worker.toString());
            return RoleScope.misfit(roles(jwt), region, workerId).map(CallerClaims::invalid)
                    .orElseGet(OAuth2TokenValidatorResult::success);
        } catch (BadUserInput | IllegalArgumentException e) {
            return invalid("the token's region or worker_id is malformed");
        }
    }

    private static Set<Role> roles(Jwt jwt) {
        Object claim = jwt.getClaims().get(ROLES);
        Collection<?> names = claim instanceof Collection<?> list ? list : claim == null ? List.of() : List.of(claim);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object name : names) {
            for (Role role : Role.values()) {
                if (role.name().equals(String.valueOf(name))) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    /**
     * Marks the refusals written here: their descriptions are the gateway's own sentences about the
     * claims (no token text), so the 401's body may repeat them (RefusalBodies).
     */
    static final String CLAIMS_RULE = "urn:shanzhi:claims";

    /** The same refusal where it is found outside the validator (a worker who does not serve the grid). */
    static JwtValidationException refused(String why) {
        return new JwtValidationException(why, List.of(new OAuth2Error("invalid_token", why, CLAIMS_RULE)));
    }

    private static OAuth2TokenValidatorResult invalid(String why) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", why, CLAIMS_RULE));
    }
}
