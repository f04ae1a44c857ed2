package shanzhi.gateway.authentication;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * shanzhi.security.jwt.*: which tokens the gateway accepts. In production set issuer-uri (OIDC
 * discovery) or jwk-set-uri; the demo profile runs its own issuer instead.
 */
@ConfigurationProperties("shanzhi.security.jwt")
public class JwtProperties {
    /** OIDC issuer; its discovery document names the signing keys. */
    private String issuerUri;
    /** JWKS URL, when the issuer has no discovery document. */
    private String jwkSetUri;
    /** Expected "iss" with jwk-set-uri (issuer-uri checks it by itself). */
    private String issuer;
    /** Expected member of "aud". */
    private String audience = "shanzhi";

    public String getIssuerUri() { return issuerUri; }
    public void setIssuerUri(String issuerUri) { this.issuerUri = issuerUri; }
    public String getJwkSetUri() { return jwkSetUri; }
    public void setJwkSetUri(String jwkSetUri) { this.jwkSetUri = jwkSetUri; }
    public String getIssuer() { return issuer; }
    public void setIssuer(String issuer) { this.issuer = issuer; }
    public String getAudience() { return audience; }
    public void setAudience(String audience) { this.audience = audience; }
}
