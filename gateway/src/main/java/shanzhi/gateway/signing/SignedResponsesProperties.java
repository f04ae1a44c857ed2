package shanzhi.gateway.signing;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code clients}: the client ids (a token's azp or client_id) that are sent a signature over each
 * HTTP response (partner departments that need evidence of what they were told). Empty: none.
 */
@ConfigurationProperties("shanzhi.evidence.signed-responses")
public record SignedResponsesProperties(List<String> clients) {
    public SignedResponsesProperties {
        clients = clients == null ? List.of() : clients.stream().map(String::strip).filter(id -> !id.isEmpty()).toList();
    }
}
