package shanzhi.gateway.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.embedded.RedisServer;
import shanzhi.gateway.sources.GeneratedPassword;

/**
 * The Redis of the embedded default: the binary comes from a Maven artifact, so a machine with
 * only a JDK and Maven runs the gateway. Listens on 127.0.0.1 only and keeps nothing on disk.
 * It requires a password generated for this start (requirepass): otherwise any local user could
 * register trusted documents or poison the reference cache it holds.
 */
public final class EmbeddedRedisServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);
    private final RedisServer server;
    private final int port;
    private final String password;

    private EmbeddedRedisServer(RedisServer server, int port, String password) {
        this.server = server;
        this.port = port;
        this.password = password;
    }

    public static EmbeddedRedisServer start(int port) {
        return start(port > 0 ? port : freePort(), GeneratedPassword.next());
    }

    /** A new server on the same port with the same password, as a restarted Redis (tests of outages). */
    public EmbeddedRedisServer startAgain() {
        return start(port, password);
    }

    private static EmbeddedRedisServer start(int chosen, String password) {
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(chosen)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("requirepass " + password)
                    .onShutdownForceStop(true)
                    .build();
            server.start();
            log.info("Embedded Redis listening on 127.0.0.1:{} (password generated for this start)", chosen);
            return new EmbeddedRedisServer(server, chosen, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded Redis", e);
        }
    }

    /** Carries the password: never log it. */
    public String url() {
        return "redis://:" + password + "@127.0.0.1:" + port;
    }

    // embedded-redis needs a concrete port; the window between closing this socket and Redis
    // binding it is the same one EmbeddedPostgres accepts.
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the embedded Redis", e);
        }
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }
}
