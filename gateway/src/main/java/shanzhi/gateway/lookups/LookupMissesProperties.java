package shanzhi.gateway.lookups;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** shanzhi.lookups.*: the miss budget of confirming lookups (@confirms), see README "Who may see what". */
@ConfigurationProperties("shanzhi.lookups")
public class LookupMissesProperties {
    /** Lookups that find nobody, per subject, lookup field and district day, for callers who see the key masked. */
    private int missBudgetPerDay = 20;
    /** Longer than this and the replica counts on its own until Redis answers again. */
    private Duration redisTimeout = Duration.ofMillis(250);

    public int getMissBudgetPerDay() { return missBudgetPerDay; }
    public void setMissBudgetPerDay(int missBudgetPerDay) {
        if (missBudgetPerDay < 0) {
            throw new IllegalArgumentException("shanzhi.lookups.miss-budget-per-day must be 0 or more");
        }
        this.missBudgetPerDay = missBudgetPerDay;
    }
    public Duration getRedisTimeout() { return redisTimeout; }
    public void setRedisTimeout(Duration redisTimeout) { this.redisTimeout = redisTimeout; }
}
