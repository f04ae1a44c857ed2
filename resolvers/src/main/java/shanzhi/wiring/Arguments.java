package shanzhi.wiring;

import java.util.Map;

import com.netflix.graphql.dgs.internal.DefaultInputObjectMapper;

import graphql.schema.DataFetchingEnvironment;

/** A field's arguments as the department's types, converted as DGS converts @InputArgument. */
public final class Arguments {
    private static final DefaultInputObjectMapper INPUTS = new DefaultInputObjectMapper();

    private Arguments() {
    }

    /** An input object argument as {@code type}; null when absent. */
    public static <T> T input(DataFetchingEnvironment env, String name, Class<T> type) {
        Object value = env.getArgument(name);
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) value;
        return INPUTS.mapToJavaObject(fields, type);
    }

    /** An enum argument as {@code type}; null when absent. */
    public static <E extends Enum<E>> E enumeration(DataFetchingEnvironment env, String name, Class<E> type) {
        Object value = env.getArgument(name);
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        return Enum.valueOf(type, value.toString());
    }
}
