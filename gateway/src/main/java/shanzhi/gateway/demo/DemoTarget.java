package shanzhi.gateway.demo;

/** Where one department's database lives; the loader opens a plain JDBC connection to it. */
public record DemoTarget(String jdbcUrl, String user, String password) {
}
