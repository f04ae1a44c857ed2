package shanzhi.gateway.audit;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one request revealed about persons and what was refused to it, filled in while the
 * request executes (AuditInstrumentation, AuditRefusals). Data fetchers complete on R2DBC
 * threads, hence the concurrent sets; the record's sorted order is made once, when it is read.
 */
public final class AuditCollector {
    private final Set<Long> personIds = ConcurrentHashMap.newKeySet();
    private final Set<String> fields = ConcurrentHashMap.newKeySet();
    private final Set<String> refusals = ConcurrentHashMap.newKeySet();
    private final Set<String> connections = ConcurrentHashMap.newKeySet();
    private volatile String operationType = "unknown";
    private volatile String operationName;
    private volatile AccessPurpose purpose;

    /** These persons are in the response, with these of their fields (beyond the id). */
    void persons(Collection<Long> ids, Collection<String> read) {
        personIds.addAll(ids);
        fields.addAll(read);
    }

    /** A mutation writes personal data about these persons (e.g. names them as dispute parties). */
    void written(String what, List<Long> ids) {
        if (!ids.isEmpty()) {
            personIds.addAll(ids);
            fields.add(what);
        }
    }

    /** A rule refused part of the request: "rule coordinate [key=keyed hash]". */
    void refused(String refusal) {
        refusals.add(refusal);
    }

    /** A list of persons was read (its page, or only its count under a filter): "coordinate ...". */
    void connection(String connection) {
        connections.add(connection);
    }

    /** The request read a field under this purpose of access (the same for every field of a request). */
    public void purpose(AccessPurpose purpose) {
        this.purpose = purpose;
    }

    public AccessPurpose purpose() {
        return purpose;
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
        taken.purpose(purpose);
        move(personIds, taken.personIds);
        move(fields, taken.fields);
        move(refusals, taken.refusals);
        move(connections, taken.connections);
        return taken;
    }

    private static <T> void move(Set<T> from, Set<T> to) {
        for (T item : List.copyOf(from)) {
            from.remove(item);
            to.add(item);
        }
    }

    /** Something the trail must hold: a person revealed, a list of persons read, a refusal. */
    public boolean sawEvidence() {
        return !personIds.isEmpty() || !refusals.isEmpty() || !connections.isEmpty();
    }

    public List<Long> personIds() {
        return personIds.stream().sorted().toList();
    }

    public List<String> fields() {
        return fields.stream().sorted().toList();
    }

    public List<String> refusals() {
        return refusals.stream().sorted().toList();
    }

    public List<String> connections() {
        return connections.stream().sorted().toList();
    }

    public String operationType() {
        return operationType;
    }

    public String operationName() {
        return operationName;
    }
}
