package shanzhi.gateway.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of the test's own (the embedded binaries) on a fixed port and data
 * directory, so it can be stopped and started again with its data, like a store restarted by
 * its department.
 */
final class RestartableStore implements AutoCloseable {
    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    private RestartableStore(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    static RestartableStore start() {
        try {
            RestartableStore store = new RestartableStore(Files.createTempDirectory("shanzhi-store-"), freePort());
            store.startServer();
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    void stop() {
        try {
            server.close();
            server = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void startServer() {
        try {
            server = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    // Keep the data across stop and start: the restart must find its databases.
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
        try (var files = Files.walk(dataDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
