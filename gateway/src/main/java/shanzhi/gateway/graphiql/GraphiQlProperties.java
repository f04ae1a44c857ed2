package shanzhi.gateway.graphiql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * shanzhi.graphiql.*: the GraphiQL page at /graphiql. Without an OpenID Connect issuer the page
 * offers the demo sign-in panel (demo profile) or no sign-in at all.
 *
 * @param enabled serve the page and its assets
 * @param oidc    the provider partners sign in with (authorization code with PKCE, a public client)
 */
@ConfigurationProperties("shanzhi.graphiql")
public record GraphiQlProperties(@DefaultValue("true") boolean enabled, Oidc oidc) {

    /**
     * @param issuer   the provider's issuer URL; its /.well-known/openid-configuration names the endpoints
     * @param clientId the public client registered for GraphiQL (redirect URI: the page's own URL)
     * @param scope    scopes asked for
     */
    public record Oidc(String issuer, String clientId, @DefaultValue("openid") String scope) {
        boolean configured() {
            return issuer != null && !issuer.isBlank() && clientId != null && !clientId.isBlank();
        }
    }

    /** The configured provider, or null. */
    Oidc provider() {
        return oidc != null && oidc.configured() ? oidc : null;
    }
}
