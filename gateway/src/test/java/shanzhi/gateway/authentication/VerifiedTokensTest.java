package shanzhi.gateway.authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import shanzhi.api.Role;

class VerifiedTokensTest {
    private final DemoTokenIssuer issuer = newIssuer();
    private final MovableClock clock = new MovableClock();
    private final JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ZERO);
    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final VerifiedTokens tokens;

    VerifiedTokensTest() {
        expiry.setClock(clock);
        NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withPublicKey(issuer.publicKey()).build();
        nimbus.setJwtValidator(expiry);
        ReactiveJwtDecoder counting = token -> {
            signatureChecks.incrementAndGet();
            return nimbus.decode(token);
        };
        tokens = new VerifiedTokens(counting, expiry, 100, Duration.ofMinutes(10));
    }

    @Test
    void theSameTokenIsVerifiedOnceAndAnsweredFromMemoryAfterwards() {
        String token = token(Duration.ofMinutes(5));
        assertThat(tokens.decode(token).block().getSubject()).isEqualTo("worker");
        assertThat(tokens.decode(token).block().getSubject()).isEqualTo("worker");
        assertThat(tokens.decode(token).block().getSubject()).isEqualTo("worker");
        assertThat(signatureChecks).hasValue(1);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() {
        String token = token(Duration.ofMinutes(1));
        tokens.decode(token).block();
        clock.advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> tokens.decode(token).block()).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> tokens.decode(token).block()).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void aTokenWithAForeignSignatureIsRefusedEveryTimeAndNeverRemembered() {
        String forged = newIssuer().issue("worker", List.of(Role.GRID_WORKER), "44051300100101", 7L, "app",
                Duration.ofMinutes(5));
        assertThatThrownBy(() -> tokens.decode(forged).block()).isNotNull();
        assertThatThrownBy(() -> tokens.decode(forged).block()).isNotNull();
        assertThat(signatureChecks).hasValue(2);
    }

    private String token(Duration validity) {
        return issuer.issue("worker", List.of(Role.GRID_WORKER), "44051300100101", 7L, "app", validity);
    }

    private static DemoTokenIssuer newIssuer() {
        try {
            return new DemoTokenIssuer();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
