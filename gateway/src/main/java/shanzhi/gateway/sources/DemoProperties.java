package shanzhi.gateway.sources;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * shanzhi.demo.*: the generated demo district. Loaded by default into the embedded databases;
 * against configured databases only when enabled explicitly.
 */
@ConfigurationProperties("shanzhi.demo")
public class DemoProperties {
    /** Load the demo district; unset means "only into the embedded default". */
    private Boolean enabled;
    /** 1.0 is the whole district (about 1.7 million residents). */
    private double scale = 0.05;
    /** Load (or verify) the demo district, then exit without serving. */
    private boolean loadOnly;
    /** Port of the embedded PostgreSQL; 0 picks a free one. */
    private int embeddedPort;
    /**
     * Let the demo profile (and its token issuer, which mints a token for any local caller) run
     * against configured servers; checked by {@link DemoOnlyOnEmbeddedServers}. Never in production.
     */
    private boolean allowDemoTokensOnRealServers;

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public double getScale() { return scale; }
    public void setScale(double scale) { this.scale = scale; }
    public boolean isLoadOnly() { return loadOnly; }
    public void setLoadOnly(boolean loadOnly) { this.loadOnly = loadOnly; }
    public int getEmbeddedPort() { return embeddedPort; }
    public void setEmbeddedPort(int embeddedPort) { this.embeddedPort = embeddedPort; }
    public boolean isAllowDemoTokensOnRealServers() { return allowDemoTokensOnRealServers; }
    public void setAllowDemoTokensOnRealServers(boolean allow) { this.allowDemoTokensOnRealServers = allow; }
}
