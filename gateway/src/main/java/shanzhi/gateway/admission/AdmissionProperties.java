package shanzhi.gateway.admission;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * shanzhi.admission.*: how many GraphQL requests a replica works on at once before it refuses
 * more with 503.
 *
 * @param enabled     false: every request is admitted (no counting, no refusal)
 * @param maxInFlight requests in flight at once, fixed; unset: an adaptive limit (see
 *                    {@link AdmissionLimit}) between minInFlight and twice the sum of the department
 *                    pools' max-size (see {@link AdmissionConfiguration})
 * @param minInFlight the adaptive limit never goes below this
 * @param retryAfter  what a refused client is told to wait (Retry-After, whole seconds rounded up)
 */
@ConfigurationProperties("shanzhi.admission")
public record AdmissionProperties(@DefaultValue("true") boolean enabled,
                                  Integer maxInFlight,
                                  @DefaultValue("16") int minInFlight,
                                  @DefaultValue("1s") Duration retryAfter) {
}
