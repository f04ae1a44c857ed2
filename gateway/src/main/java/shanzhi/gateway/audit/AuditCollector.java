package shanzhi.gateway.audit;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one request touched of personal data, filled in by AuditInstrumentation while the
 * request executes. Data fetchers complete on R2DBC threads, hence the concurrent sets. Every
 * field of every person passes here, so adding is a hash lookup; the record's sorted order is
 * made once, when it is read.
 */
public final class AuditCollector {
    private final Set<Long> personIds = ConcurrentHashMap.newKeySet();
    private final Set<String> fields = ConcurrentHashMap.newKeySet();
    private volatile String operationType = "unknown";
    private volatile String operationName;

    /** A field of a person was resolved; {@code field} is null for the id alone. */
    void person(long personId, String field) {
        personIds.add(personId);
        if (field != null) {
            fields.add(field);
        }
    }

    /** A mutation writes personal data about these persons (e.g. names them as dispute parties). */
    void written(String what, List<Long> ids) {
        if (!ids.isEmpty()) {
            personIds.addAll(ids);
            fields.add(what);
        }
    }

    void operation(String type, String name) {
        this.operationType = type;
        this.operationName = name;
    }

    /**
     * What was collected since the previous drain, removed from the collector: a subscription
     * shows its subscriber one event after the other, each audited on its own.
     */
    public AuditCollector drain() {
        AuditCollector taken = new AuditCollector();
        taken.operation(operationType, operationName);
        for (Long id : List.copyOf(personIds)) {
            personIds.remove(id);
            taken.personIds.add(id);
        }
        for (String field : List.copyOf(fields)) {
            fields.remove(field);
            taken.fields.add(field);
        }
        return taken;
    }

    public boolean sawPersonalData() {
        return !personIds.isEmpty();
    }

    public List<Long> personIds() {
        return personIds.stream().sorted().toList();
    }

    public List<String> fields() {
        return fields.stream().sorted().toList();
    }

    public String operationType() {
        return operationType;
    }

    public String operationName() {
        return operationName;
    }
}
