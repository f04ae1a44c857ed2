package shanzhi.gateway.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import tools.jackson.databind.json.JsonMapper;

/**
 * Random valid queries over the whole schema, from a seed: every query root field, nested objects
 * and lists down to a few levels, aliases (the same field twice with other arguments too),
 * inline and named fragments, {@code @skip}/{@code @include} on variables, arguments inline or as
 * variables, taken from the district's real ids and from values a store or a rule refuses
 * (unknown ids, codes of the wrong level, pages too large or negative, years out of range, cursors
 * that were never issued). Federation's and introspection's fields are left out (the planner
 * declines them; they have tests of their own), and so are the audit trail's own fields.
 */
final class OperationGenerator {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_DEPTH = 5;
    /**
     * Root fields whose answer changes with every request (each request adds to the audit trail):
     * two engines asked one after the other cannot agree on them. Their own tests cover them.
     */
    private static final java.util.Set<String> CHANGING = java.util.Set.of("auditChain", "personAccessHistory");

    /** A generated operation: the document and its variables. */
    record Operation(String document, Map<String, Object> variables) {
    }

    private final GraphQLSchema schema;
    private final Values values;
    private final Random random;

    OperationGenerator(GraphQLSchema schema, Values values, long seed) {
        this.schema = schema;
        this.values = values;
        this.random = new Random(seed);
    }

    /** Real values of the district, by what they are. */
    record Values(List<String> regionCodes, Map<String, List<String>> idsByType, List<String> idNumbers) {
    }

    private final class Build {
        final StringBuilder fragments = new StringBuilder();
        final Map<String, String> variableTypes = new LinkedHashMap<>();
        final Map<String, Object> variables = new LinkedHashMap<>();
        int aliases;
        int fragmentCount;

        String variable(String type, Object value) {
            String name = "v" + variables.size();
            variableTypes.put(name, type);
            variables.put(name, value);
            return "$" + name;
        }
    }

    Operation next() {
        Build build = new Build();
        GraphQLObjectType query = schema.getQueryType();
        List<GraphQLFieldDefinition> roots = query.getFieldDefinitions().stream()
                .filter(field -> !field.getName().startsWith("_") && !CHANGING.contains(field.getName())).toList();
        StringBuilder selection = new StringBuilder();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            selection.append(field(build, query, roots.get(random.nextInt(roots.size())), 1)).append(' ');
        }
        StringBuilder document = new StringBuilder("query Generated");
        if (!build.variableTypes.isEmpty()) {
            document.append('(');
            build.variableTypes.forEach((name, type) -> document.append('$').append(name).append(": ").append(type).append(' '));
            document.append(')');
        }
        document.append(" { ").append(selection).append("}").append(build.fragments);
        return new Operation(document.toString(), build.variables);
    }

    private String field(Build build, GraphQLObjectType parent, GraphQLFieldDefinition field, int depth) {
        StringBuilder out = new StringBuilder();
        if (random.nextInt(5) == 0) {
            out.append('a').append(build.aliases++).append(": ");
        }
        out.append(field.getName());
        List<String> arguments = new ArrayList<>();
        for (GraphQLArgument argument : field.getArguments()) {
            boolean required = argument.getType() instanceof GraphQLNonNull;
            if (!required && random.nextInt(2) == 0) {
                continue;
            }
            Object value = argumentValue(field, argument.getName(), argument.getType());
            String literal = random.nextInt(3) == 0
                    ? build.variable(GraphQLTypeUtil.simplePrint(argument.getType()), value)
                    : literal(value, argument.getType());
            arguments.add(argument.getName() + ": " + literal);
        }
        if (!arguments.isEmpty()) {
            out.append('(').append(String.join(", ", arguments)).append(')');
        }
        if (random.nextInt(10) == 0) {
            boolean include = random.nextBoolean();
            out.append(random.nextBoolean() ? " @include(if: " : " @skip(if: ")
                    .append(build.variable("Boolean!", include)).append(')');
        }
        GraphQLType leaf = GraphQLTypeUtil.unwrapAll(field.getType());
        if (leaf instanceof GraphQLObjectType object) {
            out.append(' ').append(selection(build, object, depth + 1));
        }
        return out.toString();
    }

    private String selection(Build build, GraphQLObjectType type, int depth) {
        List<GraphQLFieldDefinition> fields = type.getFieldDefinitions();
        List<GraphQLFieldDefinition> leaves = fields.stream().filter(field -> isLeaf(field.getType())).toList();
        List<GraphQLFieldDefinition> objects = fields.stream().filter(field -> !isLeaf(field.getType())).toList();
        StringBuilder inner = new StringBuilder();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            boolean deeper = !objects.isEmpty() && depth < MAX_DEPTH && (leaves.isEmpty() || random.nextInt(depth + 1) == 0);
            GraphQLFieldDefinition field = deeper ? objects.get(random.nextInt(objects.size()))
                    : leaves.isEmpty() ? null : leaves.get(random.nextInt(leaves.size()));
            if (field == null) {
                inner.append("__typename ");
                continue;
            }
            inner.append(field(build, type, field, depth)).append(' ');
        }
        if (random.nextInt(8) == 0) {
            inner.append("__typename ");
        }
        int form = random.nextInt(10);
        if (form == 0) {
            return "{ ... on " + type.getName() + " { " + inner + "} }";
        }
        if (form == 1) {
            String name = "F" + build.fragmentCount++;
            build.fragments.append(" fragment ").append(name).append(" on ").append(type.getName()).append(" { ")
                    .append(inner).append('}');
            return "{ ..." + name + (random.nextBoolean() ? " id: __typename" : "") + " }";
        }
        return "{ " + inner + "}";
    }

    private static boolean isLeaf(GraphQLOutputType type) {
        return GraphQLTypeUtil.isLeaf(GraphQLTypeUtil.unwrapAll(type));
    }

    private Object argumentValue(GraphQLFieldDefinition field, String name, GraphQLInputType type) {
        GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
        if (unwrapped instanceof GraphQLList list) {
            List<Object> items = new ArrayList<>();
            int count = random.nextInt(3);
            for (int i = 0; i < count; i++) {
                items.add(argumentValue(field, name, (GraphQLInputType) list.getWrappedType()));
            }
            return items;
        }
        if (unwrapped instanceof GraphQLInputObjectType input) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (GraphQLInputObjectField member : input.getFieldDefinitions()) {
                if (member.getType() instanceof GraphQLNonNull || random.nextInt(3) == 0) {
                    object.put(member.getName(), argumentValue(field, member.getName(), member.getType()));
                }
            }
            return object;
        }
        if (unwrapped instanceof GraphQLEnumType enumType) {
            return enumType.getValues().get(random.nextInt(enumType.getValues().size())).getName();
        }
        GraphQLScalarType scalar = (GraphQLScalarType) unwrapped;
        return switch (scalar.getName()) {
            case "Int" -> switch (name) {
                case "first" -> pick(1, 2, 5, 20, 100, 0, -1, 1000);
                case "year" -> pick(2021, 2020, 2019, 1948, 2101);
                default -> pick(1, 10, 0, -5);
            };
            case "Boolean" -> random.nextBoolean();
            case "Date" -> pick("2021-01-01", "2021-06-30", "2020-12-31", "2019-03-01");
            case "DateTime" -> pick("2021-01-01T00:00:00Z", "2021-06-30T12:00:00+08:00");
            case "ID" -> id(field, name);
            default -> switch (name) {
                case "idNumber" -> random.nextInt(5) == 0 ? "440513199001011234" : pick(values.idNumbers());
                case "after" -> pick("bm90IGEgY3Vyc29y", "", "x");
                default -> pick("张", "李", "", "陈伟", "a\"b");
            };
        };
    }

    private Object id(GraphQLFieldDefinition field, String name) {
        if (random.nextInt(8) == 0) {
            return pick("0", "999999999", "not-an-id", "440513999", "44051300100199");
        }
        if (name.equals("code") || name.equals("under") || name.endsWith("Code")) {
            return pick(values.regionCodes());
        }
        String type = name.equals("personId") || name.equals("personIds") ? "Person"
                : ((graphql.schema.GraphQLNamedType) GraphQLTypeUtil.unwrapAll(field.getType())).getName();
        List<String> ids = values.idsByType().get(type);
        if (ids == null || ids.isEmpty()) {
            ids = values.idsByType().get("Person");
        }
        return pick(ids);
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** A value as a GraphQL literal of {@code type}. */
    private static String literal(Object value, GraphQLInputType type) {
        GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
        if (value == null) {
            return "null";
        }
        if (unwrapped instanceof GraphQLList list) {
            List<String> items = new ArrayList<>();
            for (Object item : (List<?>) value) {
                items.add(literal(item, (GraphQLInputType) list.getWrappedType()));
            }
            return "[" + String.join(", ", items) + "]";
        }
        if (unwrapped instanceof GraphQLInputObjectType input) {
            List<String> members = new ArrayList<>();
            ((Map<?, ?>) value).forEach((name, member) -> members.add(name + ": "
                    + literal(member, input.getFieldDefinition((String) name).getType())));
            return "{" + String.join(", ", members) + "}";
        }
        if (unwrapped instanceof GraphQLEnumType) {
            return value.toString();
        }
        if (value instanceof String text) {
            return JSON.writeValueAsString(text);
        }
        return value.toString();
    }
}
