package shanzhi.gateway.http;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import reactor.core.publisher.Mono;
import shanzhi.gateway.trusted.Refusal;
import shanzhi.api.ErrorCode;

/**
 * A GET runs queries only: a mutation or subscription is refused before anything runs, and
 * GetQueryHandler answers 405 with {@code Allow: POST}, as the GraphQL-over-HTTP spec says. Runs
 * after PersistedQueryInterceptor, so a document named by its hash is checked too. A document that
 * does not parse, or names no operation it has, passes: the engine reports it as for a POST.
 */
@Component
public class QueriesOnlyOverGet implements WebGraphQlInterceptor, Ordered {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        GetRequest get = GetRequest.of(request);
        if (get == null) {
            return chain.next(request);
        }
        OperationDefinition.Operation operation = operation(request.toExecutionInput().getQuery(), request.getOperationName());
        if (operation == null || operation == OperationDefinition.Operation.QUERY) {
            return chain.next(request);
        }
        get.refuseMethod();
        return new Refusal(ErrorCode.METHOD_NOT_ALLOWED, org.springframework.graphql.execution.ErrorType.BAD_REQUEST,
                "A " + operation.name().toLowerCase() + " cannot be sent with GET: use POST").respond(request);
    }

    private static OperationDefinition.Operation operation(String document, String operationName) {
        if (document == null) {
            return null;
        }
        Document parsed;
        try {
            parsed = Parser.parse(document);
        } catch (InvalidSyntaxException e) {
            return null;
        }
        List<OperationDefinition> operations = parsed.getDefinitionsOfType(OperationDefinition.class);
        if (operationName == null) {
            return operations.size() == 1 ? operations.get(0).getOperation() : null;
        }
        return operations.stream().filter(definition -> operationName.equals(definition.getName()))
                .map(OperationDefinition::getOperation).findFirst().orElse(null);
    }

    /** After PersistedQueryInterceptor (which may put the stored document in), before anything reads data. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }
}
