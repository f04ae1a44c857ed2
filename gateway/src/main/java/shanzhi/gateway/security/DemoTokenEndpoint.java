package shanzhi.gateway.security;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import shanzhi.api.BadUserInput;
import shanzhi.api.Role;
import shanzhi.api.Scope;

/**
 * GET /demo/token?role=TOWN_OFFICER&region=440513005[&worker=17][&subject=..][&client=..]:
 * a one-hour demo token as plain text, for GraphiQL's header editor or curl. Demo profile only.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
public class DemoTokenEndpoint {

    @Bean
    RouterFunction<ServerResponse> demoTokenRoute(DemoTokenIssuer issuer) {
        return RouterFunctions.route().GET("/demo/token", request -> {
            try {
                List<Role> roles = Arrays.stream(request.queryParam("role").orElse("DISTRICT_ADMIN").split(","))
                        .map(String::trim).map(Role::valueOf).toList();
                String region = new Scope(request.queryParam("region").orElse("440513")).region();
                Long worker = request.queryParam("worker").map(Long::valueOf).orElse(null);
                String subject = request.queryParam("subject").orElse("demo-" + roles.get(0).name().toLowerCase() + "-" + region);
                String client = request.queryParam("client").orElse("graphiql");
                return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN)
                        .bodyValue(issuer.issue(subject, roles, region, worker, client, Duration.ofHours(1)));
            } catch (IllegalArgumentException | BadUserInput e) {
                return ServerResponse.badRequest().contentType(MediaType.TEXT_PLAIN)
                        .bodyValue("role must be one of " + Arrays.toString(Role.values())
                                + ", region a region code, worker a number: " + e.getMessage() + "\n");
            }
        }).build();
    }
}
