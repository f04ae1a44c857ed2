package shanzhi.gateway.sources;

/** The four departments; each has its own database, pool, migrations and DatabaseClient bean. */
public enum Department {
    PEOPLE, GRID, LEGAL, SECURITY;

    /** Name used in configuration keys, database names, migration folders and bean names. */
    public String key() {
        return name().toLowerCase();
    }

    public String databaseBean() {
        return key() + "Database";
    }
}
