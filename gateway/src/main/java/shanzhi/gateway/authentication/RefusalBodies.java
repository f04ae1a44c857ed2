package shanzhi.gateway.authentication;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import shanzhi.gateway.transport.ErrorBody;
import shanzhi.api.ErrorCode;

/**
 * 401 and 403 with a GraphQL error body (extensions.code UNAUTHENTICATED / FORBIDDEN) that says
 * how to get a token, instead of Spring Security's empty body (GraphiQL showed "Unexpected end of
 * JSON input"). WWW-Authenticate follows RFC 6750.
 */
final class RefusalBodies {
    private final String howToGetAToken;

    /** @param howToGetAToken the sentence that tells a caller of this deployment where tokens come from */
    RefusalBodies(String howToGetAToken) {
        this.howToGetAToken = howToGetAToken;
    }

    ServerAuthenticationEntryPoint entryPoint() {
        return this::unauthenticated;
    }

    ServerAccessDeniedHandler accessDeniedHandler() {
        return this::forbidden;
    }

    private Mono<Void> unauthenticated(ServerWebExchange exchange, AuthenticationException failure) {
        boolean sent = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        // RFC 6750: no error attribute without a token; the reason stays out of the header, which
        // would otherwise repeat parts of the token (its claims, its parse error).
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                sent ? "Bearer error=\"invalid_token\"" : "Bearer");
        String message = (sent ? "The bearer token was refused (expired, not yet valid, wrong signature, issuer or "
                + "audience, or without a known role and region). " : "A bearer token is required: send "
                + "Authorization: Bearer <token>. ") + claimsRule(failure) + howToGetAToken;
        return ErrorBody.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, ErrorCode.UNAUTHENTICATED, message);
    }

    /** The gateway's own reason when its claim rules refused the token (e.g. a grid worker's scope). */
    private static String claimsRule(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JwtValidationException invalid) {
                return invalid.getErrors().stream()
                        .filter(error -> CallerClaims.CLAIMS_RULE.equals(error.getUri()))
                        .map(OAuth2Error::getDescription)
                        .map(why -> "Refused because " + why + ". ")
                        .findFirst().orElse("");
            }
        }
        return "";
    }

    private Mono<Void> forbidden(ServerWebExchange exchange, AccessDeniedException denied) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        return ErrorBody.write(exchange.getResponse(), HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN,
                "Your token does not allow this request. " + howToGetAToken);
    }
}
