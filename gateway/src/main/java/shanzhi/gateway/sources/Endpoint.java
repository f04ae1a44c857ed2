package shanzhi.gateway.sources;

import java.net.URI;

/** Where one department's database is, in the two forms the gateway needs (R2DBC and JDBC). */
public record Endpoint(String host, int port, String database, String username, String password) {

    public static Endpoint parse(String url, String username, String password) {
        String bare = url.replaceFirst("^(jdbc:|r2dbc:)", "");
        URI uri = URI.create(bare);
        if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null || uri.getPath() == null
                || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("Source url '" + url + "' is not postgresql://host[:port]/database");
        }
        return new Endpoint(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), uri.getPath().substring(1),
                username, password);
    }

    /** Never the password: endpoints end up in log lines and exception messages. */
    @Override
    public String toString() {
        return "Endpoint[" + jdbcUrl() + " as " + username + "]";
    }

    /** The same server and database, as another user. */
    public Endpoint as(String otherUsername, String otherPassword) {
        return new Endpoint(host, port, database, otherUsername, otherPassword);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
