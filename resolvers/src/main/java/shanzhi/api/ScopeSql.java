package shanzhi.api;

/**
 * The scope conditions repositories append to their SQL. `covers` is for records (they must lie
 * under the scope); `sees` for reference data (under the scope or above it).
 */
public final class ScopeSql {
    private ScopeSql() {
    }

    /** " AND column under :scope" with binds :scope and :scopeEnd. */
    public static String covers(String column) {
        return " AND " + column + " >= :scope AND " + column + " < :scopeEnd";
    }

    /** " AND (column under :scope OR column is an ancestor of :scope)". */
    public static String sees(String column) {
        return " AND ((" + column + " >= :scope AND " + column + " < :scopeEnd) OR starts_with(:scope, " + column + "))";
    }

    public static org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec bind(
            org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec spec, Scope scope) {
        return spec.bind("scope", scope.region()).bind("scopeEnd", scope.upperBound());
    }
}
