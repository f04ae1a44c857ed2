package shanzhi.gateway.cors;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * shanzhi.cors.*: which browser origins (portals) may call the gateway, per deployment. Empty
 * (the default outside the demo) refuses every cross-origin request with 403.
 *
 * @param allowedOrigins origins or origin patterns ({@code https://portal.example.gov.cn},
 *                       {@code http://localhost:*}); never {@code *} with credentials
 * @param allowedMethods methods of cross-origin requests and preflights
 * @param allowedHeaders request headers a portal may send
 * @param exposedHeaders response headers a portal's script may read
 * @param maxAge         how long a browser may cache a preflight answer
 */
@ConfigurationProperties("shanzhi.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins,
                             @DefaultValue({"GET", "POST"}) List<String> allowedMethods,
                             @DefaultValue({"Authorization", "Content-Type", "Accept", "Shanzhi-Purpose"}) List<String> allowedHeaders,
                             @DefaultValue({"Retry-After", "Shanzhi-Signature"}) List<String> exposedHeaders,
                             @DefaultValue("30m") Duration maxAge) {
}
