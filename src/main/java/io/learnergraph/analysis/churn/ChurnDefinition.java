package io.learnergraph.analysis.churn;

/**
 * What "active" and "churned" mean. A user is active at T with any activity (a learning or social
 * event other than a follow) in {@code (T - activeDays, T]}; an active user churns at horizon H
 * with no activity in {@code (T, T + H]}.
 */
public record ChurnDefinition(int activeDays, int horizonDays) {

    public static final int ACTIVE_DAYS_DEFAULT = 30;
    public static final int HORIZON_DAYS_DEFAULT = 30;
    public static final int MAX_DAYS = 3650;
    static final int MINUTES_PER_DAY = 1440;

    public ChurnDefinition {
        if (activeDays < 1 || activeDays > MAX_DAYS) {
            throw new IllegalArgumentException("activeDays must be in 1.." + MAX_DAYS + ", was " + activeDays);
        }
        if (horizonDays < 1 || horizonDays > MAX_DAYS) {
            throw new IllegalArgumentException("horizonDays must be in 1.." + MAX_DAYS + ", was " + horizonDays);
        }
    }

    public static ChurnDefinition defaults() {
        return new ChurnDefinition(ACTIVE_DAYS_DEFAULT, HORIZON_DAYS_DEFAULT);
    }

    public int activeMinutes() {
        return activeDays * MINUTES_PER_DAY;
    }

    public int horizonMinutes() {
        return horizonDays * MINUTES_PER_DAY;
    }
}
