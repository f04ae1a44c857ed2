package shanzhi.gateway.audit;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.ResponseError;

import shanzhi.api.Caller;
import shanzhi.gateway.sources.RequestStatements;

/**
 * One line per request in the application log (logger shanzhi.access): who (subject, client,
 * roles), what (operation type and name, the keyed hash of the document that ran), how it went
 * (outcome, error codes, HTTP status), over which transport, how long, the statements sent to
 * each department's store, and the request id. Never
 * personal data: no variables, no names, no messages. Plain key=value text; values that come
 * from a token or a client are reduced to safe characters, so a line cannot be forged.
 * Filled in by AccessLogInterceptor (the GraphQL part) and written by AccessLogFilter (HTTP and
 * SSE, after the response) or by the interceptor itself (each graphql-ws operation).
 */
public final class AccessLog {
    static final Logger LOG = LoggerFactory.getLogger("shanzhi.access");
    /** Exchange attribute holding the request's details. */
    static final String ATTRIBUTE = AccessLog.class.getName();

    private AccessLog() {
    }

    /** What one request was and how it went; mutable, filled in as the request goes. */
    static final class Line {
        final String requestId;
        final long started = System.nanoTime();
        volatile String transport;
        volatile String subject;
        volatile String client;
        volatile String roles;
        volatile String operationType;
        volatile String operationName;
        volatile String documentHash;
        volatile String outcome;
        volatile String errors;
        volatile Integer status;
        volatile Long events;
        volatile RequestStatements statements;

        Line(String requestId, String transport) {
            this.requestId = requestId;
            this.transport = transport;
        }

        void caller(Caller caller) {
            subject = caller.subject();
            client = caller.client();
            roles = caller.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        }

        void errors(List<ResponseError> graphQlErrors) {
            errors = graphQlErrors.stream().map(error -> error.getExtensions() == null ? null
                            : error.getExtensions().get("code"))
                    .map(code -> code == null ? (Object) "ERROR" : code).map(String::valueOf)
                    .distinct().sorted().collect(Collectors.joining(","));
        }

        void write() {
            StringBuilder line = new StringBuilder(200);
            field(line, "requestId", requestId);
            field(line, "transport", transport);
            field(line, "subject", subject);
            field(line, "client", client);
            field(line, "roles", roles);
            field(line, "operation", operationType);
            field(line, "operationName", operationName);
            field(line, "documentHash", documentHash);
            field(line, "outcome", outcome);
            field(line, "errors", errors == null || errors.isEmpty() ? null : errors);
            field(line, "status", status);
            field(line, "events", events);
            String sent = statements == null ? null : statements.summary();
            field(line, "statements", sent == null || sent.isEmpty() ? null : sent);
            field(line, "durationMs", (System.nanoTime() - started) / 1_000_000);
            LOG.info(line.toString());
        }
    }

    private static void field(StringBuilder line, String name, Object value) {
        if (value == null) {
            return;
        }
        if (!line.isEmpty()) {
            line.append(' ');
        }
        line.append(name).append('=').append(safe(String.valueOf(value), 128));
    }

    /** Letters, digits and a few separators, at most {@code max} characters; anything else becomes '?'. */
    static String safe(String value, int max) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            boolean plain = Character.isLetterOrDigit(c) || "-_.,:@/+".indexOf(c) >= 0;
            out.append(plain && !Character.isISOControl(c) ? c : '?');
        }
        return out.toString();
    }
}
