package shanzhi.gateway.sources;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL of the embedded default: binaries come from a Maven artifact, so a machine
 * with only a JDK and Maven can run the gateway. Started only when a department has no url.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private final EmbeddedPostgres server;

    private EmbeddedPostgresServer(EmbeddedPostgres server) {
        this.server = server;
    }

    public static EmbeddedPostgresServer start(int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres server = builder.start();
            log.info("Embedded PostgreSQL listening on 127.0.0.1:{}", server.getPort());
            return new EmbeddedPostgresServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    public Endpoint endpoint(String database) {
        return new Endpoint("127.0.0.1", server.getPort(), database, "postgres", "");
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
