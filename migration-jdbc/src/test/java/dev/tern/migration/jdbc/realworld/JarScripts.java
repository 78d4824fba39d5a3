package dev.tern.migration.jdbc.realworld;

import dev.tern.migration.spi.SqlScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the SQL scripts that third-party jars (Quartz, Spring Batch, Conductor) ship on the test
 * class path, and this package's own test resources. Stateless and thread-safe.
 */
final class JarScripts {
    private JarScripts() {
    }

    /**
     * Reads one class-path resource as a script.
     *
     * @param path the resource path without leading slash, e.g. {@code org/quartz/impl/jdbcjobstore/tables_h2.sql}
     * @return the script, whose source is {@code path}
     * @throws IllegalStateException if the resource is not on the class path (the jar is missing
     *     or changed its layout)
     * @throws UncheckedIOException if it cannot be read
     */
    static SqlScript read(String path) {
        try (InputStream in = JarScripts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("resource not on the test class path: " + path);
            }
            return new SqlScript(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Tells whether a class-path resource exists.
     *
     * @param path the resource path without leading slash
     * @return true if the class path holds it
     */
    static boolean exists(String path) {
        return JarScripts.class.getClassLoader().getResource(path) != null;
    }
}
