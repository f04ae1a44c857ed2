package shanzhi.gateway.sources;

/** The four departments; each has its own database, pool, migrations and DatabaseClient bean. */
public enum Department {
    PEOPLE, GRID, LEGAL, SECURITY;

    /** Name used in configuration keys, database names, migration folders and bean names. */
    public String key() {
        return name().toLowerCase();
    }

    /** The department a configuration key names; a clear error for any other. */
    public static Department ofKey(String key) {
        for (Department department : values()) {
            if (department.key().equals(key == null ? null : key.trim().toLowerCase())) {
                return department;
            }
        }
        throw new IllegalArgumentException("No department '" + key + "': expected one of people, grid, legal, security");
    }

    public String databaseBean() {
        return key() + "Database";
    }
}
