package shanzhi.gateway.trusted;

import java.util.Set;

import shanzhi.api.Caller;
import shanzhi.api.Role;

/** Which callers may run only operator-registered documents (shanzhi.trusted-documents.required-for-*). */
public record TrustedDocumentPolicy(Set<Role> roles, Set<String> clients) {

    public static TrustedDocumentPolicy of(TrustedDocumentsProperties properties) {
        return new TrustedDocumentPolicy(Set.copyOf(properties.requiredForRoles()), Set.copyOf(properties.requiredForClients()));
    }

    public boolean requiresRegistered(Caller caller) {
        return caller.hasAnyRole(roles) || clients.contains(caller.client());
    }
}
