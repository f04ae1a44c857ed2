package shanzhi.gateway.authentication;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import reactor.core.publisher.Mono;

import shanzhi.gateway.admission.AdmissionControl;
import shanzhi.gateway.observability.OperatorAccess;

/**
 * Every GraphQL request carries a bearer JWT; no token, a bad signature, a wrong issuer or
 * audience, an expired token or missing Shanzhi claims is HTTP 401 before any data is read.
 * GraphiQL's page itself is public (it holds no data); the queries it sends are not.
 * Only when serving: the commands (demo load-only, audit verify-only) run without a web server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class SecurityConfiguration {

    /**
     * The graphql-ws upgrade passes without a token (a browser cannot send one on it); the
     * connection is authenticated by its connection_init (WebSocketAuthentication). A token on the
     * upgrade request is still checked here, and a bad one refused with 401.
     */
    @Bean
    SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http,
                                               @Value("${spring.graphql.websocket.path:}") String webSocketPath,
                                               JwtProperties jwt, ObjectProvider<DemoTokenIssuer> demoIssuer,
                                               UrlBasedCorsConfigurationSource cors, OperatorAccess operators,
                                               ObjectProvider<AdmissionControl> admission) {
        RefusalBodies refusals = new RefusalBodies(howToGetAToken(jwt, demoIssuer.getIfAvailable() != null));
        // Admission control right after CORS (a browser can read the 503) and before the token is
        // verified (a refused request costs no signature check): shanzhi.gateway.admission.
        admission.ifAvailable(control -> http.addFilterAfter(control.filter(), SecurityWebFiltersOrder.CORS));
        return http
                // Origins per deployment (shanzhi.cors.*, shanzhi.gateway.cors.PortalCorsConfiguration), before authentication.
                .cors(spec -> spec.configurationSource(cors))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                // Stateless: every request carries its token. Spring Security's defaults keep the
                // security context and the request cache in a WebSession (and logout clears one):
                // a WebSession per request, created on two other threads, for nothing.
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.GET, "/graphiql", "/graphiql/**", "/demo/token").permitAll()
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // The public keys of the evidence: public by nature (EvidenceKeysEndpoint).
                        .pathMatchers(HttpMethod.GET, shanzhi.gateway.keys.EvidenceKeysEndpoint.PATH).permitAll()
                        // Metrics and the other operator endpoints: an operator's token only.
                        .pathMatchers("/actuator/**").access(operators)
                        .matchers(webSocketUpgrade(webSocketPath)).permitAll()
                        .anyExchange().authenticated())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(refusals.entryPoint())
                        .accessDeniedHandler(refusals.accessDeniedHandler()))
                .oauth2ResourceServer(oauth -> oauth.jwt(token -> token.jwtAuthenticationConverter(SecurityConfiguration::roles))
                        .authenticationEntryPoint(refusals.entryPoint())
                        .accessDeniedHandler(refusals.accessDeniedHandler()))
                .build();
    }

    private static String howToGetAToken(JwtProperties jwt, boolean demo) {
        if (demo) {
            return "In the demo, get one from GET /demo/token?role=<ROLE>&region=<region code> "
                    + "(parameters role, region, worker, subject, client).";
        }
        String issuer = jwt.getIssuerUri() != null ? jwt.getIssuerUri() : jwt.getIssuer();
        return "Get one from this deployment's identity provider" + (issuer == null ? "" : " (" + issuer + ")")
                + " for the audience " + jwt.getAudience() + ".";
    }

    /**
     * The token's Shanzhi roles as ROLE_ authorities, so that Actuator's
     * management.endpoint.health.roles (health details for operators) can see them.
     */
    private static Mono<AbstractAuthenticationToken> roles(Jwt jwt) {
        List<GrantedAuthority> authorities = CallerClaims.caller(jwt).roles().stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role.name())).toList();
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
    }

    private static ServerWebExchangeMatcher webSocketUpgrade(String path) {
        return exchange -> {
            var request = exchange.getRequest();
            boolean upgrade = !path.isEmpty() && request.getMethod() == HttpMethod.GET
                    && path.equals(request.getPath().pathWithinApplication().value())
                    && "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade());
            return upgrade ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
        };
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtProperties properties, ObjectProvider<DemoTokenIssuer> demoIssuer,
                                  GridWorkerAssignments assignments) {
        DemoTokenIssuer demo = demoIssuer.getIfAvailable();
        NimbusReactiveJwtDecoder decoder;
        String issuer;
        if (properties.getIssuerUri() != null) {
            decoder = (NimbusReactiveJwtDecoder) ReactiveJwtDecoders.fromIssuerLocation(properties.getIssuerUri());
            issuer = properties.getIssuerUri();
        } else if (properties.getJwkSetUri() != null) {
            if (properties.getIssuer() == null || properties.getIssuer().isBlank()) {
                // Without it any token signed by a key of that JWKS would do, whoever issued it.
                throw new IllegalStateException("shanzhi.security.jwt.jwk-set-uri needs shanzhi.security.jwt.issuer "
                        + "(the iss every token must carry)");
            }
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.getJwkSetUri()).build();
            issuer = properties.getIssuer();
        } else if (demo != null) {
            decoder = NimbusReactiveJwtDecoder.withPublicKey(demo.publicKey()).build();
            issuer = DemoTokenIssuer.ISSUER;
        } else {
            throw new IllegalStateException("No token issuer configured: set shanzhi.security.jwt.issuer-uri or "
                    + "shanzhi.security.jwt.jwk-set-uri (or run the demo profile)");
        }
        OAuth2TokenValidator<Jwt> timestampsAndIssuer = JwtValidators.createDefaultWithIssuer(issuer);
        // Spring's timestamp check passes a token without exp; such a token would never expire.
        OAuth2TokenValidator<Jwt> expires = new JwtClaimValidator<Instant>("exp", Objects::nonNull);
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
                aud -> aud != null && aud.contains(properties.getAudience()));
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(timestampsAndIssuer, expires, audience,
                CallerClaims::validate);
        decoder.setJwtValidator(validator);
        return new WorkerServesGrid(new VerifiedTokens(decoder, validator, 10_000, Duration.ofMinutes(10)), assignments);
    }
}
