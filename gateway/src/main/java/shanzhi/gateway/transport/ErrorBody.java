package shanzhi.gateway.transport;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import shanzhi.api.ErrorCode;

/**
 * The one shape of every error the gateway answers outside GraphQL execution (401, 403, 400 for
 * a body that is not a request, 413, 503 when a replica is full): a GraphQL response {@code {"errors":[{"message", "extensions":
 * {"code", ...}}]}} as application/json, so that GraphiQL and every client read it like any other error.
 */
public final class ErrorBody {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ErrorBody() {
    }

    public static Mono<Void> write(ServerHttpResponse response, HttpStatus status, ErrorCode code, String message) {
        return write(response, status, code, message, Map.of());
    }

    public static Mono<Void> write(ServerHttpResponse response, HttpStatus status, ErrorCode code, String message,
                                   Map<String, Object> extensions) {
        return write(response, status, render(code, message, extensions));
    }

    /**
     * The body of an error answered so often that it is rendered once (admission control's 503
     * under overload): the same bytes as {@link #write(ServerHttpResponse, HttpStatus, ErrorCode, String, Map)}.
     */
    public static byte[] render(ErrorCode code, String message, Map<String, Object> extensions) {
        return json(code, message, extensions).getBytes(StandardCharsets.UTF_8);
    }

    /** Answers with a body from {@link #render}; nothing once the response is committed. */
    public static Mono<Void> write(ServerHttpResponse response, HttpStatus status, byte[] rendered) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(rendered)));
    }

    static String json(ErrorCode code, String message, Map<String, Object> extensions) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("code", code.name());
        all.putAll(extensions);
        return JSON.writeValueAsString(Map.of("errors", List.of(Map.of("message", message, "extensions", all))));
    }
}
