package shanzhi.gateway.trusted;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import shanzhi.api.Role;

/**
 * shanzhi.trusted-documents.*: who may send only operator-registered documents, and how long an
 * APQ registration lives.
 *
 * @param requiredForRoles   callers holding any of these roles may run only registered documents
 * @param requiredForClients callers of these client ids (token azp/client_id) likewise
 * @param apqTtl             an APQ entry expires this long after its registration; clients re-register
 *                           transparently on PERSISTED_QUERY_NOT_FOUND
 * @param redisTimeout       a lookup of a document in Redis that takes longer fails (and counts for its breaker)
 */
@ConfigurationProperties("shanzhi.trusted-documents")
public record TrustedDocumentsProperties(
        @DefaultValue Set<Role> requiredForRoles,
        @DefaultValue Set<String> requiredForClients,
        @DefaultValue("7d") Duration apqTtl,
        @DefaultValue("250ms") Duration redisTimeout) {
}
