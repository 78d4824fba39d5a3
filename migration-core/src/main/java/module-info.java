module dev.tern.migration.core { requires transitive dev.tern.migration.spi; requires org.slf4j; exports dev.tern.migration.core; }
