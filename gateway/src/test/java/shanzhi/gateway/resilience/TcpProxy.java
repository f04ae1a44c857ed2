package shanzhi.gateway.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder in front of one department's PostgreSQL, which a test can cut (every open
 * connection is closed and new ones are closed on arrival, as when the server stops), slow down
 * (every chunk from the server waits before it is passed on) or restore. It counts connection
 * attempts, so a test can tell whether the store was touched at all.
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean cut;
    private volatile long delayMillis;

    private TcpProxy(ServerSocket server, String targetHost, int targetPort) {
        this.server = server;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    static TcpProxy start(String targetHost, int targetPort) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            TcpProxy proxy = new TcpProxy(server, targetHost, targetPort);
            Thread acceptor = new Thread(proxy::acceptLoop, "tcp-proxy-accept-" + server.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections clients opened (or tried to open, while cut). */
    long connections() {
        return connections.get();
    }

    /** The store "stops": open connections break, new ones are dropped at once. */
    void cut() {
        cut = true;
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    /** The store answers again, without delay. */
    void restore() {
        delayMillis = 0;
        cut = false;
    }

    /** Every chunk the store sends arrives this much later. */
    void delay(Duration delay) {
        delayMillis = delay.toMillis();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                forward(client);
            } catch (IOException e) {
                // Closed while accepting: close() was called.
            }
        }
    }

    private void forward(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(new InetSocketAddress(targetHost, targetPort), 2000);
        } catch (IOException e) {
            // The server behind is down: the client sees its connection closed, as with a stopped server.
            closeQuietly(upstream);
            closeQuietly(client);
            return;
        }
        sockets.add(client);
        sockets.add(upstream);
        if (cut) {
            // cut() ran while this connection was being set up, after it had emptied the set.
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        pump(client, upstream, false);
        pump(upstream, client, true);
    }

    private void pump(Socket from, Socket to, boolean fromServer) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (fromServer && delayMillis > 0) {
                        Thread.sleep(delayMillis);
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // One side went away: close both below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        cut();
        try {
            server.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
