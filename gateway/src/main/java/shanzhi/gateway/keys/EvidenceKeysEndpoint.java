package shanzhi.gateway.keys;

import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * GET /.well-known/shanzhi/evidence-keys: the public keys evidence is signed with (this replica's
 * active key and every trusted one, {@link SigningKeys#jwks()}), as a JWK Set. Public and without
 * a token: a partner or an inspector checks a signature with it. Cacheable for a short time only,
 * so a rotated key reaches verifiers within minutes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class EvidenceKeysEndpoint {
    public static final String PATH = "/.well-known/shanzhi/evidence-keys";
    static final MediaType JWK_SET = new MediaType("application", "jwk-set+json");
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    @Bean
    RouterFunction<ServerResponse> evidenceKeysRoute(SigningKeys keys) {
        return RouterFunctions.route().GET(PATH, request -> ServerResponse.ok()
                .contentType(JWK_SET)
                .cacheControl(CacheControl.maxAge(MAX_AGE).cachePublic())
                .bodyValue(keys.jwks())).build();
    }
}
