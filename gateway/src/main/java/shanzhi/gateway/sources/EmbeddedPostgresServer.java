package shanzhi.gateway.sources;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL of the embedded default: binaries come from a Maven artifact, so a machine
 * with only a JDK and Maven can run the gateway. Started only when a department has no url.
 *
 * <p>Its superuser has a password generated for this start (initdb's --pwfile), and every
 * connection, over TCP and over the Unix socket, must present it (scram-sha-256 in pg_hba.conf
 * instead of the library's "trust"): otherwise any local user would be superuser of all five
 * databases while the gateway runs.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    static final String SUPERUSER = "postgres";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String HBA = """
            # Written by the gateway: every connection authenticates with the generated password.
            local all all scram-sha-256
            host  all all 127.0.0.1/32 scram-sha-256
            host  all all ::1/128 scram-sha-256
            """;
    private final EmbeddedPostgres server;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres server, String password) {
        this.server = server;
        this.password = password;
    }

    public static EmbeddedPostgresServer start(int port) {
        String password = GeneratedPassword.next();
        Path passwordFile = null;
        try {
            passwordFile = Files.createTempFile("shanzhi-pg", ".pw",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(passwordFile, password + "\n");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    // Passed to initdb after the library's own "-A trust", so these win.
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setLocaleConfig("auth-host", "scram-sha-256")
                    .setLocaleConfig("auth-local", "scram-sha-256")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // The library's own readiness check connects with these.
                    .setConnectConfig("password", password)
                    .setDataDirectoryCustomizer(EmbeddedPostgresServer::requirePasswords);
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres server = builder.start();
            log.info("Embedded PostgreSQL listening on 127.0.0.1:{} (password generated for this start)", server.getPort());
            return new EmbeddedPostgresServer(server, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        } finally {
            if (passwordFile != null) {
                passwordFile.toFile().delete();
            }
        }
    }

    /** Whatever initdb wrote, the server starts with password authentication only. */
    private static void requirePasswords(File dataDirectory) {
        try {
            Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), HBA);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write pg_hba.conf of the embedded PostgreSQL", e);
        }
    }

    /** A database on this server, as its superuser. */
    public Endpoint endpoint(String database) {
        return new Endpoint("127.0.0.1", server.getPort(), database, SUPERUSER, password);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
