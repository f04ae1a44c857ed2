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
        private Resilience resilience = new Resilience();

        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public Pool getPool() { return pool; }
        public void setPool(Pool pool) { this.pool = pool; }
        public Resilience getResilience() { return resilience; }
        public void setResilience(Resilience resilience) { this.resilience = resilience; }
    }

    /** How the gateway protects itself from this store when it is slow or down. */
    public static class Resilience {
        /** A statement that produces nothing (no row, no completion) for this long fails. */
        private java.time.Duration timeout = java.time.Duration.ofSeconds(5);
        /** Percentage of failed statements in the sliding window that opens the breaker. */
        private float failureRateThreshold = 50;
        /** Number of recent statements the failure rate is computed over (also the minimum). */
        private int slidingWindow = 20;
        /** How long an open breaker refuses statements before letting a few through to probe. */
        private java.time.Duration waitInOpenState = java.time.Duration.ofSeconds(10);
        /** Probe statements let through while half open. */
        private int permittedCallsInHalfOpenState = 3;
        /** Statements in flight at once; more fail at once instead of queueing for a connection. */
        private int maxConcurrentCalls = 50;

        public java.time.Duration getTimeout() { return timeout; }
        public void setTimeout(java.time.Duration timeout) { this.timeout = timeout; }
        public float getFailureRateThreshold() { return failureRateThreshold; }
        public void setFailureRateThreshold(float failureRateThreshold) { this.failureRateThreshold = failureRateThreshold; }
        public int getSlidingWindow() { return slidingWindow; }
        public void setSlidingWindow(int slidingWindow) { this.slidingWindow = slidingWindow; }
        public java.time.Duration getWaitInOpenState() { return waitInOpenState; }
        public void setWaitInOpenState(java.time.Duration waitInOpenState) { this.waitInOpenState = waitInOpenState; }
        public int getPermittedCallsInHalfOpenState() { return permittedCallsInHalfOpenState; }
        public void setPermittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) { this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState; }
        public int getMaxConcurrentCalls() { return maxConcurrentCalls; }
        public void setMaxConcurrentCalls(int maxConcurrentCalls) { this.maxConcurrentCalls = maxConcurrentCalls; }
    }

    public static class Pool {
        private int initialSize = 2;
        private int maxSize = 10;
        private java.time.Duration maxIdleTime = java.time.Duration.ofMinutes(10);
        private java.time.Duration acquireTimeout = java.time.Duration.ofSeconds(5);
        /** Opening a TCP connection to the store fails after this (a dead host must not hang). */
        private java.time.Duration connectTimeout = java.time.Duration.ofSeconds(3);
        /** Idle connections are checked this often and closed when broken or expired. */
        private java.time.Duration evictionInterval = java.time.Duration.ofSeconds(30);

        public int getInitialSize() { return initialSize; }
        public void setInitialSize(int initialSize) { this.initialSize = initialSize; }
        public int getMaxSize() { return maxSize; }
        public void setMaxSize(int maxSize) { this.maxSize = maxSize; }
        public java.time.Duration getMaxIdleTime() { return maxIdleTime; }
        public void setMaxIdleTime(java.time.Duration maxIdleTime) { this.maxIdleTime = maxIdleTime; }
        public java.time.Duration getAcquireTimeout() { return acquireTimeout; }
        public void setAcquireTimeout(java.time.Duration acquireTimeout) { this.acquireTimeout = acquireTimeout; }
        public java.time.Duration getConnectTimeout() { return connectTimeout; }
        public void setConnectTimeout(java.time.Duration connectTimeout) { this.connectTimeout = connectTimeout; }
        public java.time.Duration getEvictionInterval() { return evictionInterval; }
        public void setEvictionInterval(java.time.Duration evictionInterval) { this.evictionInterval = evictionInterval; }
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
