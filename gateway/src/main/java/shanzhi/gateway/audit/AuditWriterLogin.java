package shanzhi.gateway.audit;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Pattern;

import shanzhi.gateway.sources.Endpoint;

/**
 * The login the gateway's audit pool connects as, and the proof that it is no more than a
 * writer: a member of shanzhi_audit_writer (SELECT and INSERT, see db/audit/V1), neither a
 * superuser nor the owner of the audit tables. Only the owner (the migrations) can change what
 * the append-only triggers enforce; a gateway that connected as it would let a compromised
 * replica switch them off.
 */
public final class AuditWriterLogin {
    public static final String WRITER_ROLE = "shanzhi_audit_writer";
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private AuditWriterLogin() {
    }

    /**
     * Creates (or re-keys) {@code login} as a member of the writer role, as {@code admin} (a role
     * with CREATEROLE). For servers the gateway runs itself (the embedded PostgreSQL) and for
     * tests; in production a DBA creates the login. Roles are cluster-wide and several processes
     * may do this at once, hence the retries.
     */
    public static void ensure(Endpoint admin, String login, String password) {
        if (!NAME.matcher(login).matches() || password.contains("'")) {
            throw new IllegalArgumentException("Audit writer login must be a plain lower-case name, without quotes in its password");
        }
        String sql = "DO $$ BEGIN "
                + "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + WRITER_ROLE + "') THEN CREATE ROLE " + WRITER_ROLE + " NOLOGIN; END IF; "
                + "IF EXISTS (SELECT FROM pg_roles WHERE rolname = '" + login + "') THEN "
                + "ALTER ROLE " + login + " LOGIN NOSUPERUSER NOCREATEROLE PASSWORD '" + password + "'; "
                + "ELSE CREATE ROLE " + login + " LOGIN PASSWORD '" + password + "'; END IF; "
                + "GRANT " + WRITER_ROLE + " TO " + login + "; END $$";
        SQLException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try (var connection = DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
                 var statement = connection.createStatement()) {
                statement.execute(sql);
                return;
            } catch (SQLException e) {
                last = e; // a concurrent creation of the same role: try again, it exists now
            }
        }
        throw new IllegalStateException("Could not create the audit writer login " + login, last);
    }

    /** Refuses to start when the pool's login could do more than append to the audit trail. */
    static void requireWriterOnly(Endpoint writer) {
        String sql = "SELECT r.rolsuper, pg_has_role(current_user, c.relowner, 'USAGE') AS owner, "
                + "has_table_privilege(current_user, c.oid, 'INSERT') AS can_insert "
                + "FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = to_regclass('public.audit_record')";
        try (var connection = DriverManager.getConnection(writer.jdbcUrl(), writer.username(), writer.password());
             var statement = connection.createStatement();
             var result = statement.executeQuery(sql)) {
            if (!result.next()) {
                throw new IllegalStateException("The audit store " + writer.jdbcUrl() + " has no audit_record table: "
                        + "run its migrations with the owner's credentials (shanzhi.audit.migration-username and "
                        + "shanzhi.audit.migration-password)");
            }
            if (result.getBoolean("rolsuper") || result.getBoolean("owner")) {
                throw new IllegalStateException("shanzhi.audit.username '" + writer.username() + "' is "
                        + (result.getBoolean("rolsuper") ? "a superuser" : "the owner of the audit tables")
                        + ": the gateway appends to the audit trail only as a member of " + WRITER_ROLE
                        + " (GRANT " + WRITER_ROLE + " TO <login>), and runs the migrations as "
                        + "shanzhi.audit.migration-username");
            }
            if (!result.getBoolean("can_insert")) {
                throw new IllegalStateException("shanzhi.audit.username '" + writer.username()
                        + "' may not insert into audit_record: GRANT " + WRITER_ROLE + " TO " + writer.username());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the audit writer login " + writer.username()
                    + " at " + writer.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }
}
