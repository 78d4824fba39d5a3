package dev.tern.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The shaded jar: merged service files, main class, plugin scripts, no stale signatures. */
class FatJarIT {

    @Test
    void mergesTheServiceFilesOfAllThreePluginsAndKeepsTheDatabaseProvider() throws IOException {
        try (JarFile jar = new JarFile(AppProcess.jar().toFile())) {
            assertThat(serviceLines(jar, "dev.tern.migration.spi.MigrationService")).containsExactlyInAnyOrder(
                    "dev.tern.examples.jobs.JobsMigrations",
                    "dev.tern.examples.outbox.OutboxMigrations",
                    "dev.tern.examples.sagas.SagasMigrations");
            assertThat(serviceLines(jar, "dev.tern.migration.api.database.DatabaseProvider"))
                    .isNotEmpty().allMatch(name -> name.startsWith("dev.tern.migration.jdbc."));
            assertThat(serviceLines(jar, "java.sql.Driver")).contains("org.h2.Driver", "org.postgresql.Driver",
                    "org.mariadb.jdbc.Driver");
        }
    }

    @Test
    void startsTheAppCarriesEveryPluginsScriptsAndNoSignaturesOrModuleDescriptors() throws IOException {
        try (JarFile jar = new JarFile(AppProcess.jar().toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(ExampleApp.class.getName());
            List<String> names = Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();
            assertThat(names).contains(
                    "db/jobs/postgresql/V1.0.0__create_job_tables.sql",
                    "db/outbox/V1.1.0__add_event_keys.sql",
                    "db/sagas/mariadb/V1.1.0__audit_saga_status_changes.sql",
                    "dev/tern/examples/sagas/h2/SagaStatusAuditTrigger.class");
            assertThat(names).noneMatch(n -> n.matches("META-INF/[^/]+\\.(SF|DSA|RSA)"))
                    .noneMatch(n -> n.endsWith("module-info.class"));
        }
    }

    private static List<String> serviceLines(JarFile jar, String service) throws IOException {
        JarEntry entry = jar.getJarEntry("META-INF/services/" + service);
        assertThat(entry).as("META-INF/services/%s in the fat jar", service).isNotNull();
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }
}
