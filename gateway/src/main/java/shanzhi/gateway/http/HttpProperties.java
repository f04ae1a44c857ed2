package shanzhi.gateway.http;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * shanzhi.http.*: HTTP caching of GraphQL responses (see README, "Mobile clients").
 *
 * @param referenceMaxAge how long a client may reuse a response that read only reference data
 *                        (regions, stations, rooms, offices, advisers) without asking again; the
 *                        default is the reference near-cache's own TTL, so a client sees nothing
 *                        staler than a replica may serve. Zero: such responses are no-store too.
 */
@ConfigurationProperties("shanzhi.http")
public record HttpProperties(@DefaultValue("60s") Duration referenceMaxAge) {

    public HttpProperties {
        if (referenceMaxAge.isNegative()) {
            throw new IllegalArgumentException("shanzhi.http.reference-max-age must not be negative");
        }
    }
}
