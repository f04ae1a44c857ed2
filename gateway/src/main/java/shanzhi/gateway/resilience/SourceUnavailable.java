package shanzhi.gateway.resilience;

import shanzhi.gateway.sources.Department;

/**
 * A department's store could not answer: it failed, timed out, its breaker is open or its
 * concurrency limit is reached. Becomes a SOURCE_UNAVAILABLE error at each field that needed it.
 */
public class SourceUnavailable extends RuntimeException {
    private final transient Department department;

    public SourceUnavailable(Department department, String reason, Throwable cause) {
        super("The " + department.key() + " store is unavailable: " + reason, cause);
        this.department = department;
    }

    public Department department() {
        return department;
    }
}
