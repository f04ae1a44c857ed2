package shanzhi.gateway.purpose;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import shanzhi.api.BadUserInput;
import shanzhi.api.Caller;
import shanzhi.api.Forbidden;
import shanzhi.api.Role;
import shanzhi.gateway.audit.AccessPurpose;

/**
 * The one place that reads a declared purpose (header, extensions, connection_init) and decides
 * whether it suffices for a field with @purpose. Codes and case numbers are short and of a plain
 * charset, so a hostile value is refused before it reaches a message or the audit trail.
 */
@Component
public class Purposes {
    public static final String HEADER = "Shanzhi-Purpose";
    static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
    static final Pattern CASE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./:-]{0,63}");
    private static final int MAX_HEADER = 160;

    private final PurposeProperties properties;

    public Purposes(PurposeProperties properties) {
        this.properties = properties;
        properties.getCodes().keySet().forEach(code -> {
            if (!CODE.matcher(code).matches()) {
                throw new IllegalStateException("shanzhi.purposes.codes: " + code + " is not a purpose code ("
                        + CODE.pattern() + ")");
            }
        });
    }

    /** "CODE" or "CODE; case=NUMBER", as sent in the Shanzhi-Purpose header. */
    public static DeclaredPurpose parseHeader(String header) {
        if (header == null || header.isBlank()) {
            return DeclaredPurpose.NONE;
        }
        if (header.length() > MAX_HEADER) {
            return DeclaredPurpose.malformed("the " + HEADER + " header is longer than " + MAX_HEADER + " characters");
        }
        String[] parts = header.split(";", -1);
        String caseNumber = null;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].strip();
            if (!part.startsWith("case=") || caseNumber != null) {
                return DeclaredPurpose.malformed("the " + HEADER + " header is CODE or CODE; case=NUMBER");
            }
            caseNumber = part.substring("case=".length());
        }
        return checked(parts[0].strip(), caseNumber);
    }

    /** {"code": "...", "case": "..."}, as sent in the request's extensions or in connection_init. */
    public static DeclaredPurpose parseObject(Object purpose) {
        if (purpose == null) {
            return DeclaredPurpose.NONE;
        }
        if (!(purpose instanceof Map<?, ?> map) || !(map.get("code") instanceof String code)
                || map.get("case") != null && !(map.get("case") instanceof String)
                || !Set.of("code", "case").containsAll(map.keySet())) {
            return DeclaredPurpose.malformed("purpose is an object {\"code\": String, \"case\": String}");
        }
        return checked(code, (String) map.get("case"));
    }

    private static DeclaredPurpose checked(String code, String caseNumber) {
        if (!CODE.matcher(code).matches()) {
            return DeclaredPurpose.malformed("a purpose code is 1 to 40 of A-Z, 0-9 and _, starting with a letter");
        }
        if (caseNumber != null && !CASE.matcher(caseNumber).matches()) {
            return DeclaredPurpose.malformed("a case number is 1 to 64 of letters, digits and _ . / : -, "
                    + "starting with a letter or digit");
        }
        return new DeclaredPurpose(code, caseNumber, null);
    }

    /**
     * The purpose under which {@code caller} may read {@code field}; FORBIDDEN naming what is
     * required when the declaration does not do, BAD_USER_INPUT when it could not be read.
     *
     * @param accepted the field's @purpose(codes:), empty for any configured purpose
     */
    public AccessPurpose require(DeclaredPurpose declared, Caller caller, String field, Collection<String> accepted,
                                 Instant at) {
        if (declared.malformed() != null) {
            throw new BadUserInput("Purpose of access: " + declared.malformed());
        }
        List<String> usable = properties.getCodes().entrySet().stream()
                .filter(entry -> accepted.isEmpty() || accepted.contains(entry.getKey()))
                .filter(entry -> caller.hasAnyRole(entry.getValue().getRoles()))
                .map(Map.Entry::getKey).toList();
        // AuditRefusals adds the field's coordinate
        String rule = "@purpose";
        if (!declared.present()) {
            throw new Forbidden(field + " needs a declared purpose of access (header " + HEADER
                    + ": CODE[; case=NUMBER]); your roles may declare " + usable, rule);
        }
        PurposeProperties.Definition definition = properties.getCodes().get(declared.code());
        if (definition == null || !usable.contains(declared.code())) {
            throw new Forbidden(field + " cannot be read for purpose " + declared.code() + "; your roles may declare "
                    + usable, rule);
        }
        if (definition.isCaseRequired() && declared.caseNumber() == null) {
            throw new Forbidden("Purpose " + declared.code() + " needs a case number (" + HEADER + ": "
                    + declared.code() + "; case=NUMBER)", rule);
        }
        Instant disclosed = definition.getDisclosureDelay() == null || !caller.has(Role.POLICE) ? null
                : at.plus(definition.getDisclosureDelay());
        return new AccessPurpose(declared.code(), declared.caseNumber(), disclosed);
    }
}
