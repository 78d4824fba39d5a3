/** JDBC support: history store, dialects, locks, script splitting. */
module dev.tern.migration.jdbc {
    requires transitive dev.tern.migration.core;
    requires org.slf4j;

    exports dev.tern.migration.jdbc;
}
