/** JDBC support: history store, dialects, locks, script splitting. */
module dev.tern.migration.jdbc {
    requires transitive dev.tern.migration.core;
    requires org.slf4j;

    // split branch placeholder: dev.tern.migration.jdbc has no classes here yet; the jdbc branch exports it.
}
