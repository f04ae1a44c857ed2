package shanzhi.api;

import java.util.List;

/**
 * Who files a record (an event, a dispute), as the token says: stored beside it, and the owner
 * of its idempotency key (a key is unique per client and subject, not globally).
 */
public record Filer(String subject, List<String> roles, String client) {

    public static Filer of(Caller caller) {
        return new Filer(caller.subject(), caller.roles().stream().map(Role::name).sorted().toList(), caller.client());
    }

    public String[] rolesArray() {
        return roles.toArray(String[]::new);
    }
}
