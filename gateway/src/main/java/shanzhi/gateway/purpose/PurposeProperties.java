package shanzhi.gateway.purpose;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

import shanzhi.api.Role;

/**
 * shanzhi.purposes.codes.&lt;CODE&gt;.*: the purposes of access a caller may declare for a bulk read
 * of personal data (fields with @purpose). A code is upper case letters, digits and _.
 */
@ConfigurationProperties("shanzhi.purposes")
public class PurposeProperties {
    private Map<String, Definition> codes = new TreeMap<>();

    public Map<String, Definition> getCodes() { return codes; }
    public void setCodes(Map<String, Definition> codes) { this.codes = new TreeMap<>(codes); }

    /** One purpose: what it is, who may declare it, whether it needs a case number, its disclosure delay. */
    public static class Definition {
        private String description = "";
        /** Roles that may declare it. */
        private Set<Role> roles = EnumSet.noneOf(Role.class);
        private boolean caseRequired;
        /**
         * An investigation purpose: reads under it by POLICE are withheld from a resident's access
         * history until recorded time + this delay. Unset: not an investigation purpose.
         */
        private Duration disclosureDelay;

        public String getDescription() { return description; }
        public void setDescription(String description) { this.description = description; }
        public Set<Role> getRoles() { return roles; }
        public void setRoles(Set<Role> roles) { this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles); }
        public boolean isCaseRequired() { return caseRequired; }
        public void setCaseRequired(boolean caseRequired) { this.caseRequired = caseRequired; }
        public Duration getDisclosureDelay() { return disclosureDelay; }
        public void setDisclosureDelay(Duration disclosureDelay) { this.disclosureDelay = disclosureDelay; }
    }
}
