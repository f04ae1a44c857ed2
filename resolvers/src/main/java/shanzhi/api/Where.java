package shanzhi.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * The optional conditions of one statement and their bind values, so filters become
 * parameterised SQL (never concatenated input) and only the conditions in use are sent.
 */
public final class Where {
    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> binds = new LinkedHashMap<>();

    /** Adds {@code clause} (which names {@code :param}) when value is not null. */
    public Where and(String clause, String param, Object value) {
        if (value != null) {
            clauses.add(clause);
            binds.put(param, value);
        }
        return this;
    }

    public Where and(String clause) {
        clauses.add(clause);
        return this;
    }

    public Where bind(String param, Object value) {
        binds.put(param, value);
        return this;
    }

    /** " AND c1 AND c2", or "" with no conditions. */
    public String sql() {
        return clauses.isEmpty() ? "" : " AND " + String.join(" AND ", clauses);
    }

    public GenericExecuteSpec applyTo(GenericExecuteSpec spec) {
        GenericExecuteSpec bound = spec;
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            bound = bound.bind(bind.getKey(), bind.getValue());
        }
        return bound;
    }

    /** Escapes LIKE wildcards so user text matches literally. */
    public static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
