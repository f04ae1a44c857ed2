package shanzhi.gateway.authentication;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

import shanzhi.api.Role;

/**
 * The demo's own token issuer, so a new user can try every role and region: a fresh RSA key
 * each start, tokens from GET /demo/token. It exists only in the demo profile; production
 * verifies tokens of the configured issuer and has no way to mint one.
 */
@Component
@Profile("demo")
public class DemoTokenIssuer {
    public static final String ISSUER = "https://shanzhi.demo/issuer";
    private static final Logger log = LoggerFactory.getLogger(DemoTokenIssuer.class);
    private final RSAPublicKey publicKey;
    private final NimbusJwtEncoder encoder;

    public DemoTokenIssuer() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        this.publicKey = (RSAPublicKey) pair.getPublic();
        this.encoder = NimbusJwtEncoder.withKeyPair(publicKey, (RSAPrivateKey) pair.getPrivate()).build();
        log.warn("Demo token issuer active (profile 'demo'): anyone can mint tokens at /demo/token. Never use it with real data.");
    }

    RSAPublicKey publicKey() {
        return publicKey;
    }

    /** A token for a role in a region, valid for the given time. */
    public String issue(String subject, List<Role> roles, String region, Long workerId, String client, Duration validity) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .audience(List.of("shanzhi"))
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(validity))
                .id(UUID.randomUUID().toString())
                .claim(CallerClaims.ROLES, roles.stream().map(Role::name).toList())
                .claim(CallerClaims.REGION, region)
                .claim(CallerClaims.CLIENT, client);
        if (workerId != null) {
            claims.claim(CallerClaims.WORKER_ID, workerId);
        }
        return issue(claims.build().getClaims());
    }

    /** A token with exactly these claims (tests use it for wrong issuers, audiences, expiry). */
    public String issue(Map<String, Object> claims) {
        JwtClaimsSet.Builder set = JwtClaimsSet.builder();
        claims.forEach(set::claim);
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), set.build()))
                .getTokenValue();
    }
}
