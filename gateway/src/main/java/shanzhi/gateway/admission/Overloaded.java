package shanzhi.gateway.admission;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;

import reactor.core.publisher.Mono;
import shanzhi.gateway.transport.ErrorBody;
import shanzhi.api.ErrorCode;

/**
 * The answer to a request beyond the replica's capacity: 503 with Retry-After and one GraphQL
 * error, code OVERLOADED, retryAfterSeconds as RATE_LIMITED has it. Rendered once: under
 * overload this is the answer given most often, and it must cost next to nothing.
 */
final class Overloaded {

    private final String retryAfter;
    private final byte[] body;

    Overloaded(Duration retryAfter) {
        long seconds = wholeSeconds(retryAfter);
        this.retryAfter = Long.toString(seconds);
        this.body = ErrorBody.render(ErrorCode.OVERLOADED, "This gateway replica is answering as many requests as it may "
                + "(shanzhi.admission.*): retry after " + seconds + " s", Map.of("retryAfterSeconds", seconds));
    }

    Mono<Void> answer(ServerHttpResponse response) {
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfter);
        return ErrorBody.write(response, HttpStatus.SERVICE_UNAVAILABLE, body);
    }

    /** Retry-After takes whole seconds; a fraction is rounded up so a client never comes back early. */
    private static long wholeSeconds(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalStateException("shanzhi.admission.retry-after must not be negative, got " + duration);
        }
        long seconds = duration.getSeconds();
        return duration.getNano() > 0 ? seconds + 1 : seconds;
    }
}
