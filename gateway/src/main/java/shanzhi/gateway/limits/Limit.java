package shanzhi.gateway.limits;

import shanzhi.api.ErrorCode;

/** The limits a request is held to: the property that sets each and the code a client sees. */
public enum Limit {
    DEPTH("max-depth", ErrorCode.QUERY_TOO_DEEP, "Query depth", ""),
    ALIASES("max-aliases", ErrorCode.TOO_MANY_ALIASES, "Number of aliases", ""),
    ROOT_FIELDS("max-root-fields", ErrorCode.TOO_MANY_ROOT_FIELDS, "Number of root fields", ""),
    COST("max-cost", ErrorCode.QUERY_TOO_COMPLEX, "Estimated cost", ""),
    DOCUMENT_SIZE("max-document-bytes", ErrorCode.DOCUMENT_TOO_LARGE, "Document size", " bytes"),
    REQUEST_TIME("request-timeout", ErrorCode.REQUEST_TIMEOUT, "Request time", " ms");

    private final String property;
    private final ErrorCode code;
    private final String measure;
    private final String unit;

    Limit(String property, ErrorCode code, String measure, String unit) {
        this.property = property;
        this.code = code;
        this.measure = measure;
        this.unit = unit;
    }

    /** The full configuration property, e.g. shanzhi.limits.max-depth. */
    public String property() {
        return "shanzhi.limits." + property;
    }

    /** extensions.code of the error. */
    public String code() {
        return code.name();
    }

    String measure() {
        return measure;
    }

    String unit() {
        return unit;
    }
}
