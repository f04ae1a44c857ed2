package shanzhi.gateway.cors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * One CORS list for every path, applied by the security filter chain before authentication, so a
 * preflight is answered without a token and a request from an origin not on the list is 403
 * whatever it carries. The graphql-ws upgrade is a GET with an Origin header and is checked by
 * the same list (a browser cannot be stopped from opening a socket to any host, so the server
 * must refuse the handshake). Requests without Origin (servers, mobile apps, curl) are not CORS.
 * Tokens travel in the Authorization header, never in cookies: no credentials mode.
 */
@Configuration(proxyBeanMethods = false)
public class PortalCorsConfiguration {

    /**
     * Of its own type: Spring for GraphQL's WebSocket handler is a CorsConfigurationSource too (it
     * applies spring.graphql.cors.* after this filter, and stands aside once this filter has
     * answered with Access-Control-Allow-Origin).
     */
    @Bean
    UrlBasedCorsConfigurationSource portalCors(CorsProperties properties) {
        CorsConfiguration configuration = new CorsConfiguration();
        // Patterns allow "http://localhost:*" for the demo's local development servers.
        configuration.setAllowedOriginPatterns(properties.allowedOrigins());
        configuration.setAllowedMethods(properties.allowedMethods());
        configuration.setAllowedHeaders(properties.allowedHeaders());
        configuration.setExposedHeaders(properties.exposedHeaders());
        configuration.setMaxAge(properties.maxAge());
        configuration.setAllowCredentials(false);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration);
        return source;
    }
}
