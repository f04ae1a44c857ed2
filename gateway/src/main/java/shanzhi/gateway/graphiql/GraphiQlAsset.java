package shanzhi.gateway.graphiql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;

/**
 * One file the page loads, at a versioned URL under /graphiql/, read once from the jar. Its
 * Subresource Integrity hash is computed from those very bytes, so the page's integrity
 * attributes cannot drift from the files when a library is upgraded.
 */
record GraphiQlAsset(String url, MediaType type, byte[] content, String integrity) {

    static GraphiQlAsset of(String url, String classpathLocation, MediaType type) {
        byte[] content = read(classpathLocation);
        return new GraphiQlAsset(url, type, content, "sha384-" + Base64.getEncoder().encodeToString(sha384(content)));
    }

    boolean isScript() {
        return type.isCompatibleWith(MediaType.valueOf("text/javascript"));
    }

    private static byte[] read(String location) {
        try (InputStream in = new ClassPathResource(location).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("GraphiQL asset missing from the jar: " + location, e);
        }
    }

    private static byte[] sha384(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-384").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
