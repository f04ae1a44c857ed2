package shanzhi.gateway.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import shanzhi.gateway.sources.SourcesProperties;

/**
 * shanzhi.audit.*: the audit store, a fifth database beside the departments'. Without a url it
 * lives on the embedded PostgreSQL. The pool connects as {@code username}, which must be a member
 * of shanzhi_audit_writer (SELECT and INSERT) and neither a superuser nor the tables' owner (the
 * gateway refuses to start otherwise); migrations run as {@code migration-username}, the owner,
 * when one is given, and are left to the DBA otherwise.
 */
@ConfigurationProperties("shanzhi.audit")
public class AuditProperties {
    /** postgresql://host:port/database (a jdbc: or r2dbc: prefix is accepted too). */
    private String url;
    private String username = AuditStore.EMBEDDED_WRITER;
    private String password = "";
    /** Owner that runs the migrations at start; unset means the gateway does not migrate. */
    private String migrationUsername;
    private String migrationPassword;
    private SourcesProperties.Pool pool = new SourcesProperties.Pool();
    /** An append slower than this fails the request closed. */
    private Duration writeTimeout = Duration.ofSeconds(5);
    /** Verify the whole chain, print the result, exit 0 (valid) or 1 (broken). */
    private boolean verifyOnly;
    /** Export a segment of the trail for offline verification, then exit. */
    private Export export = new Export();

    /** shanzhi.audit.export.*: with a directory set, the gateway writes the segment there and exits. */
    public static class Export {
        private java.nio.file.Path directory;
        /** First record of the segment. */
        private long from = 1;
        /** Last record; unset: the chain head. */
        private Long to;

        public java.nio.file.Path getDirectory() { return directory; }
        public void setDirectory(java.nio.file.Path directory) { this.directory = directory; }
        public long getFrom() { return from; }
        public void setFrom(long from) { this.from = from; }
        public Long getTo() { return to; }
        public void setTo(Long to) { this.to = to; }
    }

    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getMigrationUsername() { return migrationUsername; }
    public void setMigrationUsername(String migrationUsername) { this.migrationUsername = migrationUsername; }
    public String getMigrationPassword() { return migrationPassword; }
    public void setMigrationPassword(String migrationPassword) { this.migrationPassword = migrationPassword; }
    public SourcesProperties.Pool getPool() { return pool; }
    public void setPool(SourcesProperties.Pool pool) { this.pool = pool; }
    public Duration getWriteTimeout() { return writeTimeout; }
    public void setWriteTimeout(Duration writeTimeout) { this.writeTimeout = writeTimeout; }
    public Export getExport() { return export; }
    public void setExport(Export export) { this.export = export; }
    public boolean isVerifyOnly() { return verifyOnly; }
    public void setVerifyOnly(boolean verifyOnly) { this.verifyOnly = verifyOnly; }
}
