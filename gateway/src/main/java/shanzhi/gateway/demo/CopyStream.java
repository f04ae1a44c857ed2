package shanzhi.gateway.demo;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * One table's rows streamed into {@code COPY ... FROM STDIN} in text format. FREEZE is allowed
 * because every load truncates its tables in the same transaction, and it spares the first reader
 * from setting hint bits on a million rows.
 */
final class CopyStream implements AutoCloseable {
    private final Writer out;
    private final StringBuilder row = new StringBuilder(256);
    private boolean firstField = true;
    private long rows;
    private boolean closed;

    private CopyStream(Writer out) {
        this.out = out;
    }

    static CopyStream open(Connection connection, String table, String columns) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        String sql = "COPY " + table + " (" + columns + ") FROM STDIN WITH (FORMAT text, FREEZE)";
        PGCopyOutputStream stream = new PGCopyOutputStream(pg, sql, 1 << 16);
        return new CopyStream(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
    }

    CopyStream text(String value) {
        separate();
        if (value == null) {
            row.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(c);
            }
        }
        return this;
    }

    CopyStream number(long value) {
        separate();
        row.append(value);
        return this;
    }

    CopyStream bool(boolean value) {
        separate();
        row.append(value ? 't' : 'f');
        return this;
    }

    /** A value already in PostgreSQL's text form (dates, timestamps, arrays) with no special characters. */
    CopyStream raw(CharSequence value) {
        separate();
        row.append(value == null ? "\\N" : value);
        return this;
    }

    void endRow() {
        row.append('\n');
        try {
            out.append(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        row.setLength(0);
        firstField = true;
        rows++;
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void separate() {
        if (!firstField) {
            row.append('\t');
        }
        firstField = false;
    }
}
