package shanzhi.gateway.sources;


import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * shanzhi.sources.&lt;department&gt;.*: where each department's database is. A department
 * without a url is served by the embedded PostgreSQL (the demo default).
 */
@ConfigurationProperties("shanzhi.sources")
public class SourcesProperties {
    private Source people = new Source();
    private Source grid = new Source();
    private Source legal = new Source();
    private Source security = new Source();

    public Source of(Department department) {
        return switch (department) {
            case PEOPLE -> people;
            case GRID -> grid;
            case LEGAL -> legal;
            case SECURITY -> security;
        };
    }

    public static class Source {
        /** postgresql://host:port/database (a jdbc: or r2dbc: prefix is accepted too). */
        private String url;
        private String username = "postgres";
        private String password = "";
        private Pool pool = new Pool();

        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public Pool getPool() { return pool; }
        public void setPool(Pool pool) { this.pool = pool; }
    }

    public static class Pool {
        private int initialSize = 2;
        private int maxSize = 10;
        private java.time.Duration maxIdleTime = java.time.Duration.ofMinutes(10);
        private java.time.Duration acquireTimeout = java.time.Duration.ofSeconds(5);

        public int getInitialSize() { return initialSize; }
        public void setInitialSize(int initialSize) { this.initialSize = initialSize; }
        public int getMaxSize() { return maxSize; }
        public void setMaxSize(int maxSize) { this.maxSize = maxSize; }
        public java.time.Duration getMaxIdleTime() { return maxIdleTime; }
        public void setMaxIdleTime(java.time.Duration maxIdleTime) { this.maxIdleTime = maxIdleTime; }
        public java.time.Duration getAcquireTimeout() { return acquireTimeout; }
        public void setAcquireTimeout(java.time.Duration acquireTimeout) { this.acquireTimeout = acquireTimeout; }
    }

    public Source getPeople() { return people; }
    public void setPeople(Source people) { this.people = people; }
    public Source getGrid() { return grid; }
    public void setGrid(Source grid) { this.grid = grid; }
    public Source getLegal() { return legal; }
    public void setLegal(Source legal) { this.legal = legal; }
    public Source getSecurity() { return security; }
    public void setSecurity(Source security) { this.security = security; }
}
