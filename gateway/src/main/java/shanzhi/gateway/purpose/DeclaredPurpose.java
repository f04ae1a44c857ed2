package shanzhi.gateway.purpose;

/**
 * What a request declared as its purpose of access, as the client sent it, checked for form only
 * (Purposes.parse): whether the code is configured and allowed is decided where a field needs it.
 * {@code malformed} holds why the declaration was refused when it could not be read.
 */
public record DeclaredPurpose(String code, String caseNumber, String malformed) {
    /** No purpose was sent. */
    public static final DeclaredPurpose NONE = new DeclaredPurpose(null, null, null);

    public static DeclaredPurpose malformed(String why) {
        return new DeclaredPurpose(null, null, why);
    }

    public boolean present() {
        return code != null;
    }
}
