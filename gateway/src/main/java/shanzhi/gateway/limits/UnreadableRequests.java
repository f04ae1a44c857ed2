package shanzhi.gateway.limits;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;

import reactor.core.publisher.Mono;
import shanzhi.gateway.transport.ErrorBody;
import shanzhi.api.ErrorCode;
import tools.jackson.core.exc.StreamReadException;

/**
 * A body on /graphql that is not one GraphQL request gets a status and a message instead of
 * WebFlux's empty 400. The common case is a batch: Spring GraphQL's HTTP transport reads one
 * JSON object per request, so a JSON array of operations cannot be decoded; batching over HTTP
 * is not supported and the limit is one operation per request. A body larger than the server
 * buffers (spring.codec.max-in-memory-size, 256 KiB by default) is 413.
 */
@Component
@Order(-2) // before Spring Boot's error handler (-1), which would answer with an empty body
public class UnreadableRequests implements WebExceptionHandler {
    static final String NOT_ONE_REQUEST = "The request body is not one GraphQL request: send one JSON object "
            + "{\"query\": string, \"operationName\": string or null, \"variables\": object or null}. Batching (a JSON array of operations) is not "
            + "supported over HTTP; the limit is one operation per request.";
    static final String DUPLICATE_KEY = "The request body has the same JSON key twice: send each of \"query\", "
            + "\"operationName\", \"variables\", \"extensions\" (and each key inside them) once.";
    static final String TOO_LARGE = "The request body is larger than the server reads (spring.codec.max-in-memory-size).";

    private final String path;

    public UnreadableRequests(@Value("${spring.graphql.http.path:${spring.graphql.path:/graphql}}") String path) {
        this.path = path;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (!exchange.getRequest().getPath().pathWithinApplication().value().equals(path)
                || exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        if (causedBy(ex, DataBufferLimitException.class)) {
            return answer(exchange, HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.REQUEST_TOO_LARGE, TOO_LARGE);
        }
        if (ex instanceof ServerWebInputException) {
            return answer(exchange, HttpStatus.BAD_REQUEST, ErrorCode.BAD_REQUEST,
                    duplicateKey(ex) ? DUPLICATE_KEY : NOT_ONE_REQUEST);
        }
        return Mono.error(ex);
    }

    /** A GraphQL-shaped body, so clients read it like any other error. The messages are constants. */
    private static Mono<Void> answer(ServerWebExchange exchange, HttpStatus status, ErrorCode code, String message) {
        return ErrorBody.write(exchange.getResponse(), status, code, message);
    }

    /** Jackson's duplicate-key error (StreamReadFeature.STRICT_DUPLICATE_DETECTION, see StrictJson). */
    private static boolean duplicateKey(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamReadException read && read.getOriginalMessage() != null
                    && read.getOriginalMessage().startsWith("Duplicate Object property")) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
