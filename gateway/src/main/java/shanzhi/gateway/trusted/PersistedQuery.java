package shanzhi.gateway.trusted;

import java.util.Locale;
import java.util.Map;

/**
 * The request's extensions.persistedQuery ({version: 1, sha256Hash}), as Apollo clients send it.
 *
 * @param hash the lowercase hex SHA-256 the client named
 */
public record PersistedQuery(String hash) {
    static final String EXTENSION = "persistedQuery";

    /** The extension of a request, or null when it has none. */
    public static PersistedQuery of(Map<String, Object> extensions) {
        Object value = extensions == null ? null : extensions.get(EXTENSION);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> extension)) {
            throw new MalformedPersistedQuery("extensions.persistedQuery must be an object");
        }
        if (!"1".equals(String.valueOf(extension.get("version")))) {
            throw new MalformedPersistedQuery("Unsupported persisted query version: only version 1 is supported");
        }
        Object hash = extension.get("sha256Hash");
        String normalized = hash == null ? null : hash.toString().toLowerCase(Locale.ROOT);
        if (!DocumentHash.isWellFormed(normalized)) {
            throw new MalformedPersistedQuery("extensions.persistedQuery.sha256Hash must be 64 hexadecimal digits");
        }
        return new PersistedQuery(normalized);
    }

    /** The extension is present but unusable: the request is refused before anything runs. */
    public static final class MalformedPersistedQuery extends RuntimeException {
        MalformedPersistedQuery(String message) {
            super(message);
        }
    }
}
