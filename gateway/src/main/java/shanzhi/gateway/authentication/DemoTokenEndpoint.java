package shanzhi.gateway.authentication;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;
import reactor.netty.http.server.ConnectionInformation;
import shanzhi.api.BadUserInput;
import shanzhi.api.Role;
import shanzhi.api.Scope;
import shanzhi.api.ErrorCode;

/**
 * GET /demo/token?role=TOWN_OFFICER&region=440513005[&worker=17][&subject=..][&client=..]:
 * a one-hour demo token as plain text, for GraphiQL's header editor or curl. Demo profile only,
 * and only for clients on this machine (the socket's peer is a loopback address; forwarded
 * headers do not count, so a proxy in front cannot open it to the network). It issues only
 * tokens whose scope fits the role ({@link RoleScope}); a grid worker's token names a worker of
 * its grid (the first one when none is asked for).
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
public class DemoTokenEndpoint {
    private static final Duration VALIDITY = Duration.ofHours(1);

    @Bean
    RouterFunction<ServerResponse> demoTokenRoute(DemoTokenIssuer issuer, GridWorkerAssignments assignments) {
        return RouterFunctions.route().GET("/demo/token", request -> {
            if (!isLocal(peerOf(request))) {
                return ServerResponse.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("errors", List.of(Map.of(
                                "message", "The demo token issuer is for local use only: call it from the machine "
                                        + "the gateway runs on (production uses the configured token issuer)",
                                "extensions", Map.of("code", ErrorCode.FORBIDDEN.name())))));
            }
            try {
                List<Role> roles = Arrays.stream(request.queryParam("role").orElse("DISTRICT_ADMIN").split(","))
                        .map(String::trim).map(DemoTokenEndpoint::role).toList();
                String region = new Scope(request.queryParam("region").orElse("440513")).region();
                Long asked = request.queryParam("worker").map(Long::valueOf).orElse(null);
                return worker(assignments, Set.copyOf(roles), region, asked).map(worker -> {
                    RoleScope.misfit(EnumSet.copyOf(roles), region, worker.orElse(null)).ifPresent(why -> {
                        throw new IllegalArgumentException(why);
                    });
                    String subject = request.queryParam("subject").orElse("demo-" + roles.get(0).name().toLowerCase() + "-" + region);
                    String client = request.queryParam("client").orElse("graphiql");
                    return issuer.issue(subject, roles, region, worker.orElse(null), client, VALIDITY);
                }).flatMap(token -> ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue(token))
                        .onErrorResume(IllegalArgumentException.class, e -> badRequest(e.getMessage()));
            } catch (IllegalArgumentException | BadUserInput e) {
                return badRequest(e.getMessage());
            }
        }).build();
    }

    /** The worker the token will name: the one asked for if it serves the grid, else the grid's first. */
    private static Mono<Optional<Long>> worker(GridWorkerAssignments assignments, Set<Role> roles,
                                                         String region, Long asked) {
        if (!roles.contains(Role.GRID_WORKER)) {
            // worker_id says the caller is that grid worker (events are filed in their name).
            return asked == null ? Mono.just(Optional.empty())
                    : Mono.error(new IllegalArgumentException("worker is for GRID_WORKER tokens only"));
        }
        if (RoleScope.misfit(Set.of(Role.GRID_WORKER), region, 0L).isPresent()) {
            return Mono.just(Optional.ofNullable(asked));
        }
        if (asked != null) {
            return assignments.serves(asked, region).map(serves -> {
                if (!serves) {
                    throw new IllegalArgumentException("worker " + asked + " does not serve grid " + region);
                }
                return Optional.of(asked);
            });
        }
        return assignments.firstWorkerOf(region).map(Optional::of)
                .switchIfEmpty(Mono.error(() -> new IllegalArgumentException("no grid worker serves grid " + region)));
    }

    private static Role role(String name) {
        for (Role role : Role.values()) {
            if (role.name().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name.substring(0, Math.min(name.length(), 40)) + "'");
    }

    private static Mono<ServerResponse> badRequest(String why) {
        return ServerResponse.badRequest().contentType(MediaType.TEXT_PLAIN)
                .bodyValue("role must be one of " + Arrays.toString(Role.values())
                        + ", region a region code that fits the role (GRID_WORKER: a party grid, TOWN_OFFICER: a town), "
                        + "worker a grid worker of that grid: " + why + "\n");
    }

    /** The TCP peer of the connection, not what a Forwarded or X-Forwarded-For header claims. */
    private static SocketAddress peerOf(ServerRequest request) {
        ServerHttpRequest http = request.exchange().getRequest();
        Object in = ServerHttpRequestDecorator.getNativeRequest(http);
        if (in instanceof ConnectionInformation connection) {
            return connection.connectionRemoteAddress();
        }
        return null; // not served by Reactor Netty: treat as remote
    }

    /** Loopback only: 127.0.0.0/8 and ::1 (an IPv4-mapped loopback address is reported as IPv4). */
    static boolean isLocal(SocketAddress peer) {
        if (!(peer instanceof InetSocketAddress socket)) {
            return false;
        }
        InetAddress address = socket.getAddress();
        return address != null && address.isLoopbackAddress();
    }
}
