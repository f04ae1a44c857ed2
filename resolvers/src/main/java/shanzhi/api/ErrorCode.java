package shanzhi.api;

/**
 * Every {@code extensions.code} the gateway answers with, in one place: a client can branch on
 * these, and the README's table of error codes lists exactly these (ErrorCodesTest).
 */
public enum ErrorCode {
    /** The request cannot be run as sent: no or unreadable body, no query, the wrong transport for the operation. */
    BAD_REQUEST,
    /** An argument or variable is refused (malformed id, region code, ID number, filter, text); the message says which and why. */
    BAD_USER_INPUT,
    /** No token, or a token that is not valid for this gateway (HTTP 401). */
    UNAUTHENTICATED,
    /** The caller's roles, scope or declared purpose do not allow this field or operation. */
    FORBIDDEN,
    /** The caller's rate limit is spent; {@code retryAfterSeconds} says when to try again (HTTP 429). */
    RATE_LIMITED,
    /** This replica is answering as many requests as it may; try again after Retry-After (HTTP 503). */
    OVERLOADED,
    /** The request body is larger than the gateway reads (HTTP 413). */
    REQUEST_TOO_LARGE,
    /** The document is longer than shanzhi.limits.max-document-bytes. */
    DOCUMENT_TOO_LARGE,
    /** The operation nests deeper than shanzhi.limits.max-depth. */
    QUERY_TOO_DEEP,
    /** The operation has more aliases than shanzhi.limits.max-aliases. */
    TOO_MANY_ALIASES,
    /** The operation has more root fields than shanzhi.limits.max-root-fields. */
    TOO_MANY_ROOT_FIELDS,
    /** The operation's estimated cost is above shanzhi.limits.max-cost. */
    QUERY_TOO_COMPLEX,
    /** The request took longer than shanzhi.limits.request-timeout; what was fetched by then is answered. */
    REQUEST_TIMEOUT,
    /** A mutation or subscription sent with GET (HTTP 405, Allow: POST). */
    METHOD_NOT_ALLOWED,
    /** A persisted-query hash the gateway does not know; send the document with it. */
    PERSISTED_QUERY_NOT_FOUND,
    /** This caller may only run documents an operator registered. */
    TRUSTED_DOCUMENT_REQUIRED,
    /** The registered documents cannot be read just now; nothing ran. */
    PERSISTED_DOCUMENTS_UNAVAILABLE,
    /** A department's store did not answer; its fields are null and {@code extensions.source} names it. */
    SOURCE_UNAVAILABLE,
    /** The read of personal data could not be recorded in the audit trail, so it is not shown. */
    AUDIT_UNAVAILABLE,
    /** The caller's token expired while the subscription was open. */
    TOKEN_EXPIRED,
    /** The subscriber did not take the events as fast as they came and its buffer overflowed. */
    SUBSCRIBER_TOO_SLOW,
    /** The caller already has as many open subscriptions on this replica as allowed. */
    TOO_MANY_SUBSCRIPTIONS,
    /** This replica has no live events to serve. */
    SUBSCRIPTIONS_UNAVAILABLE,
    /** A field still pending when its request was cancelled (the client left, or the request's time ran out). */
    CANCELLED,
    /** An error the gateway did not foresee; quote {@code extensions.requestId} to the operators. */
    INTERNAL
}
