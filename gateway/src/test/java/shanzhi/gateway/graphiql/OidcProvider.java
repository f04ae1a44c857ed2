package shanzhi.gateway.graphiql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.DelegatingFilterProxy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * A real OpenID Connect provider for the sign-in test: Spring Authorization Server on an embedded
 * Tomcat on a free port of this machine, with a public client for GraphiQL (authorization code,
 * PKCE required, no secret) and one user. Its access tokens carry the claims the gateway reads
 * (roles, region, azp, aud) and live only {@link #TOKEN_LIFETIME}, so the page's renewal happens
 * within the test.
 */
final class OidcProvider implements AutoCloseable {
    static final String CLIENT_ID = "graphiql";
    static final String USER = "partner.li";
    static final String PASSWORD = "correct horse battery staple";
    static final String ROLE = "DISTRICT_ADMIN";
    static final String REGION = "440513";
    static final Duration TOKEN_LIFETIME = Duration.ofSeconds(100);

    private final Tomcat tomcat;
    private final AnnotationConfigWebApplicationContext spring;
    private final int port;

    private OidcProvider(Tomcat tomcat, AnnotationConfigWebApplicationContext spring, int port) {
        this.tomcat = tomcat;
        this.spring = spring;
        this.port = port;
    }

    /** A provider whose client may redirect to {@code redirectUri} and be called from {@code pageOrigin}. */
    static OidcProvider start(String redirectUri, String pageOrigin) {
        int port = freePort();
        AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
        spring.getEnvironment().getPropertySources().addFirst(new MapPropertySource("provider", java.util.Map.of(
                "provider.issuer", "http://localhost:" + port, "provider.redirect-uri", redirectUri,
                "provider.page-origin", pageOrigin)));
        spring.register(Provider.class);
        Tomcat tomcat = new Tomcat();
        tomcat.setHostname("localhost");
        tomcat.setPort(port);
        try {
            tomcat.setBaseDir(Files.createTempDirectory("oidc-provider").toString());
            Context context = tomcat.addContext("", null);
            context.addServletContainerInitializer((classes, servletContext) -> {
                spring.setServletContext(servletContext);
                spring.refresh();
                servletContext.addFilter("springSecurityFilterChain", new DelegatingFilterProxy("springSecurityFilterChain", spring))
                        .addMappingForUrlPatterns(null, false, "/*");
            }, null);
            // Requests reach the filters only when a servlet is mapped; this one answers what they let through.
            Tomcat.addServlet(context, "none", new jakarta.servlet.http.HttpServlet() {
                @Override
                protected void service(jakarta.servlet.http.HttpServletRequest request,
                                       jakarta.servlet.http.HttpServletResponse response) throws IOException {
                    response.sendError(404);
                }
            });
            context.addServletMappingDecoded("/", "none");
            tomcat.getConnector();
            tomcat.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
        return new OidcProvider(tomcat, spring, port);
    }

    String issuer() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
        spring.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only in the provider's own context: the gateway's component scan of "shanzhi" sees this class too. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty("provider.issuer")
    @EnableWebSecurity
    static class Provider {

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http,
                                                @org.springframework.beans.factory.annotation.Value("${provider.page-origin}") String pageOrigin)
                throws Exception {
            CorsConfiguration cors = new CorsConfiguration();
            // GraphiQL's page reads the discovery document and calls the token endpoint from its own origin.
            cors.setAllowedOrigins(List.of(pageOrigin));
            cors.setAllowedMethods(List.of("GET", "POST"));
            cors.setAllowedHeaders(List.of("*"));
            UrlBasedCorsConfigurationSource corsSource = new UrlBasedCorsConfigurationSource();
            corsSource.registerCorsConfiguration("/**", cors);
            http.oauth2AuthorizationServer(server -> {
                        http.securityMatcher(server.getEndpointsMatcher());
                        server.oidc(Customizer.withDefaults());
                    })
                    .cors(spec -> spec.configurationSource(corsSource))
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain signIn(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername(USER).password("{noop}" + PASSWORD).roles("USER").build());
        }

        @Bean
        RegisteredClientRepository clients(@org.springframework.beans.factory.annotation.Value("${provider.redirect-uri}") String redirectUri) {
            return new InMemoryRegisteredClientRepository(RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(CLIENT_ID)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .redirectUri(redirectUri)
                    .scope(OidcScopes.OPENID)
                    .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                    .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(TOKEN_LIFETIME).build())
                    .build());
        }

        /** The claims the gateway requires (CallerClaims), as a real provider's mapper would add them. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> shanzhiClaims() {
            return context -> {
                if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                    context.getClaims()
                            .audience(List.of("shanzhi"))
                            .claim("roles", List.of(ROLE))
                            .claim("region", REGION)
                            .claim("azp", context.getRegisteredClient().getClientId());
                }
            };
        }

        @Bean
        KeyPair signingKey() throws NoSuchAlgorithmException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }

        @Bean
        JWKSource<SecurityContext> keys(KeyPair pair) {
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        /** The provider's user-info endpoint reads its own tokens. */
        @Bean
        JwtDecoder jwtDecoder(KeyPair pair) {
            return NimbusJwtDecoder.withPublicKey((RSAPublicKey) pair.getPublic()).build();
        }

        @Bean
        AuthorizationServerSettings settings(@org.springframework.beans.factory.annotation.Value("${provider.issuer}") String issuer) {
            return AuthorizationServerSettings.builder().issuer(issuer).build();
        }
    }
}
