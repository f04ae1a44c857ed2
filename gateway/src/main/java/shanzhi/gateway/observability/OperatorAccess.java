package shanzhi.gateway.observability;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import shanzhi.gateway.authentication.CallerClaims;

/**
 * The operator endpoints (metrics) are read with a verified token that carries one of the
 * configured operator roles: no token is 401, a token without such a role 403. The metrics
 * name no person, but they show load and outages, which is not for every caller.
 */
@Component
public class OperatorAccess implements ReactiveAuthorizationManager<AuthorizationContext> {
    private final Set<String> operatorRoles;

    public OperatorAccess(ObservabilityProperties properties) {
        this.operatorRoles = Set.copyOf(properties.operatorRoles());
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        return authentication
                .filter(Authentication::isAuthenticated)
                .filter(JwtAuthenticationToken.class::isInstance)
                .<AuthorizationResult>map(token -> new AuthorizationDecision(isOperator((JwtAuthenticationToken) token)))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    private boolean isOperator(JwtAuthenticationToken token) {
        Object claim = token.getToken().getClaims().get(CallerClaims.ROLES);
        Collection<?> roles = claim instanceof Collection<?> list ? list : claim == null ? List.of() : List.of(claim);
        return roles.stream().map(String::valueOf).anyMatch(operatorRoles::contains);
    }
}
