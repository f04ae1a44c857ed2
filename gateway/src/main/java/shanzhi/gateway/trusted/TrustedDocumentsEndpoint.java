package shanzhi.gateway.trusted;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import reactor.core.publisher.Mono;
import shanzhi.api.Role;
import shanzhi.gateway.authentication.CallerClaims;

/**
 * The operators' way to register trusted documents, for DISTRICT_ADMIN callers only:
 * <pre>
 * POST   /admin/trusted-documents         {"document": "query ..."}  -> 200 {"sha256Hash": "..."}
 * DELETE /admin/trusted-documents/{hash}                             -> 204, or 404 if not registered
 * </pre>
 * A document must be valid against the served schema: a registered document that cannot run
 * would only move the error to the mobile app. Spring Security has already required a verified
 * token (401 otherwise); the role is checked here because roles live in the Shanzhi claims.
 */
@Configuration(proxyBeanMethods = false)
public class TrustedDocumentsEndpoint {
    static final String PATH = "/admin/trusted-documents";

    @Bean
    RouterFunction<ServerResponse> trustedDocumentsRoutes(PersistedDocuments documents, GraphQlSource graphQl) {
        return RouterFunctions.route()
                .POST(PATH, request -> asAdmin(request, () -> request.bodyToMono(Registration.class)
                        .flatMap(registration -> register(registration, documents, graphQl))
                        .switchIfEmpty(Mono.defer(() -> problem(HttpStatus.BAD_REQUEST, "send {\"document\": \"...\"}")))))
                .DELETE(PATH + "/{hash}", request -> asAdmin(request, () -> {
                    String hash = request.pathVariable("hash");
                    if (!DocumentHash.isWellFormed(hash)) {
                        return problem(HttpStatus.BAD_REQUEST, "the hash must be 64 lowercase hexadecimal digits");
                    }
                    return documents.unregister(hash).flatMap(removed -> removed ? ServerResponse.noContent().build()
                            : problem(HttpStatus.NOT_FOUND, "no trusted document has this hash"));
                }))
                .build();
    }

    /** The request body of a registration. */
    record Registration(String document) {
    }

    private static Mono<ServerResponse> register(Registration registration, PersistedDocuments documents, GraphQlSource graphQl) {
        if (registration.document() == null || registration.document().isBlank()) {
            return problem(HttpStatus.BAD_REQUEST, "the document is missing");
        }
        ParseAndValidateResult checked = ParseAndValidate.parseAndValidate(graphQl.schema(),
                ExecutionInput.newExecutionInput(registration.document()).build());
        if (checked.isFailure()) {
            List<String> errors = checked.getErrors().stream().map(GraphQLError::getMessage).toList();
            return problem(HttpStatus.BAD_REQUEST, "the document is not valid against the schema: " + String.join("; ", errors));
        }
        return documents.register(registration.document())
                .flatMap(hash -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("sha256Hash", hash)));
    }

    private static Mono<ServerResponse> asAdmin(ServerRequest request, Supplier<Mono<ServerResponse>> action) {
        return request.principal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> CallerClaims.caller(((JwtAuthenticationToken) principal).getToken()))
                .filter(caller -> caller.has(Role.DISTRICT_ADMIN))
                .flatMap(caller -> action.get())
                .switchIfEmpty(Mono.defer(() -> problem(HttpStatus.FORBIDDEN, "only a DISTRICT_ADMIN registers trusted documents")));
    }

    private static Mono<ServerResponse> problem(HttpStatus status, String message) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("error", message));
    }
}
