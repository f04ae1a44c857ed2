package shanzhi.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.web.server.ServerWebExchange;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rejected bearer token (bad signature, expired, wrong issuer or audience, missing claims,
 * malformed) is a security event in the application log (logger shanzhi.security), not an audit
 * record: an unauthenticated caller must not be able to fill the audit store, and nobody is
 * known to attribute it to. The line names the reason and what the token claims to be (subject,
 * client: unverified, reduced to safe characters), the transport and request id; the counter
 * shanzhi.security.rejected_tokens{reason} counts every one. Lines are limited to
 * {@value #LINES_PER_SECOND} a second, so a flood costs a counter increment; the next line says
 * how many were left out.
 */
public final class RejectedTokens {
    static final Logger LOG = LoggerFactory.getLogger("shanzhi.security");
    static final int LINES_PER_SECOND = 20;
    private static final int MAX_TOKEN = 8192;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ObjectProvider<MeterRegistry> meters;
    private final AtomicLong window = new AtomicLong();
    private final AtomicLong linesInWindow = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    public RejectedTokens(ObjectProvider<MeterRegistry> meters) {
        this.meters = meters;
    }

    /** Notes the rejection of {@code token}; where from is read from the Reactor context. */
    Mono<Void> rejected(String token, Throwable reason) {
        return Mono.deferContextual(context -> {
            ServerWebExchange exchange = context.getOrDefault(ServerWebExchange.class, null);
            // connection_init is checked within the WebSocket upgrade's exchange
            boolean webSocket = exchange == null
                    || "websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade());
            String transport = webSocket ? "ws" : "http";
            String requestId = exchange == null ? null : exchange.getRequest().getId();
            record(token, reason, transport, requestId);
            return Mono.empty();
        });
    }

    void record(String token, Throwable reason, String transport, String requestId) {
        String detail = detail(reason);
        String category = category(detail);
        meters.ifAvailable(registry -> Counter.builder("shanzhi.security.rejected_tokens").tag("reason", category)
                .description("Bearer tokens refused (401 or 4401)").register(registry).increment());
        if (!mayLog()) {
            suppressed.incrementAndGet();
            return;
        }
        Map<?, ?> claims = unverifiedClaims(token);
        Object client = claims.get("azp") != null ? claims.get("azp") : claims.get("client_id");
        long left = suppressed.getAndSet(0);
        LOG.warn("event=token_rejected reason={} transport={} requestId={} unverifiedSubject={} unverifiedClient={} "
                        + "detail={}{}", category, transport, requestId == null ? "-" : AccessLog.safe(requestId, 64),
                text(claims.get("sub")), text(client),
                AccessLog.safe(detail.replace(' ', '_'), 160),
                left > 0 ? " suppressedBefore=" + left : "");
    }

    private boolean mayLog() {
        long second = System.currentTimeMillis() / 1000;
        long current = window.get();
        if (current != second && window.compareAndSet(current, second)) {
            linesInWindow.set(0);
        }
        return linesInWindow.incrementAndGet() <= LINES_PER_SECOND;
    }

    private static String text(Object value) {
        return value == null ? "-" : AccessLog.safe(String.valueOf(value), 64);
    }

    /** What the decoder said; for a failed validation, each check that failed (expiry, audience...). */
    private static String detail(Throwable reason) {
        if (reason instanceof JwtValidationException invalid && !invalid.getErrors().isEmpty()) {
            return invalid.getErrors().stream().map(error -> error.getDescription() != null ? error.getDescription()
                    : error.getErrorCode()).collect(Collectors.joining("; "));
        }
        StringBuilder chain = new StringBuilder(String.valueOf(reason.getMessage()));
        for (Throwable cause = reason.getCause(); cause != null && chain.length() < 300; cause = cause.getCause()) {
            chain.append(": ").append(cause.getMessage());
        }
        return chain.toString();
    }

    /** Low-cardinality reason, for the counter's tag. */
    static String category(String detail) {
        String message = detail.toLowerCase(Locale.ROOT);
        if (message.contains("expired")) {
            return "expired";
        }
        if (message.contains("signature")) {
            return "bad_signature";
        }
        if (message.contains("aud")) {
            return "wrong_audience";
        }
        if (message.contains("iss")) {
            return "wrong_issuer";
        }
        if (message.contains("malformed") || message.contains("parse") || message.contains("decode")) {
            return "malformed";
        }
        return "invalid_claims";
    }

    /** The payload as the token claims it, unverified; empty when it is not a readable JWT. */
    private static Map<?, ?> unverifiedClaims(String token) {
        if (token == null || token.length() > MAX_TOKEN) {
            return Map.of();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Map.of();
        }
        try {
            return JSON.readValue(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8), Map.class);
        } catch (RuntimeException unreadable) {
            return Map.of();
        }
    }
}
