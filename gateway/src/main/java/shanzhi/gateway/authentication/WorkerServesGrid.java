package shanzhi.gateway.authentication;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;
import shanzhi.api.Caller;
import shanzhi.api.Role;

/**
 * The part of a role's scope fit that needs the grid store: a GRID_WORKER token's worker_id
 * must serve the grid the token names. Wraps the decoder every HTTP request and graphql-ws
 * connection goes through. Fails closed: a worker who serves another grid, an unknown worker, and
 * a grid store that cannot answer (down, breaker open, timeout) all refuse the token with 401, so
 * an outage never lets a misfit token through (the client may retry with the same token).
 */
final class WorkerServesGrid implements ReactiveJwtDecoder {
    private final ReactiveJwtDecoder decoder;
    private final GridWorkerAssignments assignments;

    WorkerServesGrid(ReactiveJwtDecoder decoder, GridWorkerAssignments assignments) {
        this.decoder = decoder;
        this.assignments = assignments;
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        return decoder.decode(token).flatMap(this::fits);
    }

    private Mono<Jwt> fits(Jwt jwt) {
        Caller caller = CallerClaims.caller(jwt);
        if (!caller.has(Role.GRID_WORKER)) {
            return Mono.just(jwt);
        }
        String grid = caller.scope().region();
        return assignments.serves(caller.workerId(), grid)
                .onErrorMap(failure -> new BadJwtException("the grid store could not confirm that worker "
                        + caller.workerId() + " serves grid " + grid + "; try again later", failure))
                .flatMap(serves -> serves ? Mono.just(jwt)
                        : Mono.error(CallerClaims.refused("worker " + caller.workerId() + " does not serve grid " + grid)));
    }
}
