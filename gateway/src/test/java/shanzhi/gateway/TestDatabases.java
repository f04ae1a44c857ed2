package shanzhi.gateway;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import shanzhi.gateway.audit.AuditWriterLogin;
import shanzhi.gateway.sources.Department;
import shanzhi.gateway.sources.EmbeddedPostgresServer;
import shanzhi.gateway.sources.Endpoint;

/**
 * The real PostgreSQL the tests run against, chosen once per test JVM: the local server on
 * 127.0.0.1:5432 when it answers, else a Testcontainers container when Docker is there, else
 * the embedded server. Each run gets its own databases (the four departments', the audit
 * store's and any a test creates with {@link #url(String)}), all dropped when the JVM exits.
 */
public final class TestDatabases {
    private static final String AUDIT_WRITER = "shanzhi_test_audit_writer";
    private static final String AUDIT_WRITER_PASSWORD = "test-audit-writer";
    private static TestDatabases instance;
    private boolean auditWriterReady;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String prefix = "shanzhi_t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    private TestDatabases(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    public static synchronized TestDatabases get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::dropAll));
        }
        return instance;
    }

    private static TestDatabases start() {
        if (answers("127.0.0.1", 5432)) {
            return new TestDatabases("127.0.0.1", 5432, "postgres", "");
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:15");
            container.start();
            return new TestDatabases(container.getHost(), container.getMappedPort(5432), container.getUsername(),
                    container.getPassword());
        }
        Endpoint embedded = EmbeddedPostgresServer.start(0).endpoint("postgres");
        return new TestDatabases(embedded.host(), embedded.port(), embedded.username(), embedded.password());
    }

    public String url(Department department) {
        return url(department.key());
    }

    public String database(Department department) {
        return database(department.key());
    }

    /** Any other database of this run (the audit store's, a test's own): dropped at the end too. */
    public String url(String key) {
        return "postgresql://" + host + ":" + port + "/" + database(key);
    }

    public String database(String key) {
        return prefix + "_" + key;
    }

    public String jdbcUrl(String key) {
        return "jdbc:" + url(key);
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The audit writer login of the test runs (created once per JVM; roles are cluster-wide). */
    public synchronized String auditWriter() {
        if (!auditWriterReady) {
            AuditWriterLogin.ensure(new Endpoint(host, port, "postgres", user, password), AUDIT_WRITER, AUDIT_WRITER_PASSWORD);
            auditWriterReady = true;
        }
        return AUDIT_WRITER;
    }

    public String auditWriterPassword() {
        return AUDIT_WRITER_PASSWORD;
    }

    public String jdbcUrl(Department department) {
        return "jdbc:" + url(department);
    }

    private void dropAll() {
        try (var connection = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
                user, password); var statement = connection.createStatement()) {
            List<String> databases = new ArrayList<>();
            try (var names = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + prefix + "\\_%'")) {
                while (names.next()) {
                    databases.add(names.getString(1));
                }
            }
            for (String database : databases) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        } catch (Exception e) {
            System.err.println("Could not drop test databases " + prefix + "_*: " + e.getMessage());
        }
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
