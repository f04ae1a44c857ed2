package shanzhi.gateway.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Document;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.SourceLocation;
import graphql.language.StringValue;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

import shanzhi.api.ErrorCode;

/**
 * The one check of every string a client sends: each string in the variables (at any depth of an
 * input object or list) and each string literal in the document. A string with a control
 * character other than tab, line feed and carriage return (U+0000 to U+001F, U+007F) or with
 * an unpaired surrogate is refused as BAD_USER_INPUT before the first field is fetched, so no
 * store ever sees it (PostgreSQL refuses a NUL with an error that quotes the statement).
 * It covers every String and ID argument, every input field and every transport, because it
 * looks at the values rather than at the fields. The error says where, never what (it does not
 * echo the string).
 */
@Component
public class InputText extends SimplePerformantInstrumentation {
    /** The verdict on a document's literals depends on the document alone; documents compare by identity. */
    private final Cache<Document, Optional<GraphQLError>> literals = Caffeine.newBuilder().weakKeys().maximumSize(2000).build();

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        List<GraphQLError> errors = new ArrayList<>();
        literals.get(execution.getDocument(), InputText::checkLiterals).ifPresent(errors::add);
        execution.getCoercedVariables().toMap().forEach((name, value) -> check("$" + name, value, errors));
        if (!errors.isEmpty()) {
            throw new AbortExecutionException(errors);
        }
        return SimpleInstrumentationContext.noOp();
    }

    private static Optional<GraphQLError> checkLiterals(Document document) {
        List<GraphQLError> found = new ArrayList<>();
        new NodeTraverser().depthFirst(new NodeVisitorStub() {
            @Override
            public TraversalControl visitStringValue(StringValue node, TraverserContext<graphql.language.Node> context) {
                int at = badCharacter(node.getValue());
                if (at >= 0 && found.isEmpty()) {
                    found.add(error("The string literal", node.getValue(), at, node.getSourceLocation()));
                }
                return TraversalControl.CONTINUE;
            }
        }, document);
        return found.stream().findFirst();
    }

    private static void check(String where, Object value, List<GraphQLError> errors) {
        if (value instanceof String text) {
            int at = badCharacter(text);
            if (at >= 0) {
                errors.add(error("Variable " + where, text, at, null));
            }
        } else if (value instanceof Map<?, ?> object) {
            object.forEach((key, field) -> check(where + "." + key, field, errors));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                check(where + "[" + i + "]", list.get(i), errors);
            }
        }
    }

    /** Index of the first character no text input may hold, or -1. */
    static int badCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static GraphQLError error(String what, String text, int at, SourceLocation location) {
        char c = text.charAt(at);
        String kind = Character.isSurrogate(c) ? "an unpaired surrogate" : "a control character";
        GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError()
                .errorType(ErrorType.ValidationError)
                .message(String.format("%s contains %s (U+%04X) at position %d: strings may hold printable "
                        + "characters, tab and line breaks only", what, kind, (int) c, at))
                .extensions(Map.of("code", ErrorCode.BAD_USER_INPUT.name()));
        if (location != null) {
            builder.location(location);
        }
        return builder.build();
    }
}
