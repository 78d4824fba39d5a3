package dev.tern.migration.spi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.StepDefinitionException;
import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.api.database.SqlStatement;
import dev.tern.migration.spi.SqlStep;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptScannerTest {
    @TempDir
    Path dir;

    @Test
    void readsScriptsFromADirectoryOrderedByVersionWithDownScriptsAndVariants() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("db/p/V1_10__later.sql", "SELECT 110;");
        files.put("db/p/V1__create_jobs.sql", "CREATE TABLE jobs (id INT);");
        files.put("db/p/U1__create_jobs.sql", "DROP TABLE jobs;");
        files.put("db/p/V1.2__add_index.sql", "CREATE INDEX i ON jobs (id);");
        files.put("db/p/postgresql/V1.2__add_index.sql", "CREATE INDEX CONCURRENTLY i ON jobs (id);");
        files.put("db/p/README.md", "not a script");
        List<SqlStep> steps = ScriptScanner.scan("p", directoryLoader(files), "db/p");

        assertThat(steps).extracting(s -> s.version().toString()).containsExactly("1.0.0", "1.2.0", "1.10.0");
        assertThat(steps.get(0).description()).isEqualTo("create jobs");
        assertThat(steps.get(0).reversible()).isTrue();
        assertThat(steps.get(1).reversible()).isFalse();
        assertThat(steps.get(1).upFor(dialect("postgresql")).orElseThrow().source())
                .isEqualTo("db/p/postgresql/V1.2__add_index.sql");
        assertThat(steps.get(1).upFor(dialect("mariadb", "mysql")).orElseThrow().source()).isEqualTo("db/p/V1.2__add_index.sql");
    }

    /** A class with no dependencies, copied into a jar to stand for a plugin class. */
    static final class Anchor {
    }

    @Test
    void aJarWithoutDirectoryEntriesIsReadThroughThePluginClassItself() throws Exception {
        Path jar = dir.resolve("bare.jar");
        String anchorFile = Anchor.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "db/bare/V1__one.sql", "SELECT 1;");
            out.putNextEntry(new JarEntry(anchorFile));
            try (var in = Anchor.class.getClassLoader().getResourceAsStream(anchorFile)) {
                in.transferTo(out);
            }
            out.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            // What trips up class-loader-only scanners: the folder has no entry of its own.
            assertThat(loader.getResources("db/bare").hasMoreElements()).isFalse();
            assertThatThrownBy(() -> ScriptScanner.scan("p", loader, "db/bare")).hasMessageContaining("no scripts found");

            Class<?> plugin = loader.loadClass(Anchor.class.getName());
            assertThat(ScriptScanner.scan("p", plugin, "db/bare")).extracting(s -> s.version().toString())
                    .containsExactly("1.0.0");
        }
    }

    @Test
    void listsAFolderInsideAJar() throws IOException {
        Path jar = dir.resolve("plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("db/"));
            out.putNextEntry(new JarEntry("db/jar/"));
            put(out, "db/jar/V1__one.sql", "SELECT 1;");
            put(out, "db/jar/mariadb/V2__two.sql", "SELECT 2;");
            put(out, "db/jar/mysql/V2__two.sql", "SELECT 'mysql';");
            put(out, "db/jar/V2__two.sql", "SELECT 22;");
            put(out, "db/other/V9__not_mine.sql", "SELECT 9;");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<SqlStep> steps = ScriptScanner.scan("p", loader, "/db/jar/");
            assertThat(steps).extracting(s -> s.version().toString()).containsExactly("1.0.0", "2.0.0");
            assertThat(steps.get(1).upFor(dialect("mariadb", "mysql")).orElseThrow().content()).isEqualTo("SELECT 2;");
            assertThat(steps.get(1).upFor(dialect("mysql")).orElseThrow().content()).isEqualTo("SELECT 'mysql';");
            assertThat(steps.get(1).upFor(dialect("h2")).orElseThrow().content()).isEqualTo("SELECT 22;");
        }
    }

    @Test
    void aFirstLineDirectiveMakesAScriptNonTransactional() throws IOException {
        List<SqlStep> steps = ScriptScanner.scan("p", directoryLoader(Map.of(
                "db/p/V1__a.sql", "-- tern:transactional=false\r\nCREATE INDEX CONCURRENTLY i ON t (c);",
                "db/p/V2__b.sql", "CREATE TABLE t2 (id INT);")), "db/p");
        assertThat(steps).extracting(SqlStep::transactional).containsExactly(false, true);
    }

    @Test
    void aBreakingDirectiveMarksTheStepBreakingBesideTheTransactionalOne() throws IOException {
        List<SqlStep> steps = ScriptScanner.scan("p", directoryLoader(Map.of(
                "db/p/V1__a.sql", "-- tern:breaking=true\nALTER TABLE t DROP COLUMN c;",
                "db/p/V2__b.sql", "-- tern:transactional=false\n-- TERN:BREAKING=TRUE\nCREATE INDEX CONCURRENTLY i ON t (c);",
                "db/p/V3__c.sql", "CREATE TABLE t3 (id INT);\n-- tern:breaking=true",
                "db/p/V4__d.sql", "-- a comment first\n-- tern:breaking=true\nSELECT 1;")), "db/p");

        assertThat(steps).extracting(SqlStep::breaking).containsExactly(true, true, false, false);
        assertThat(steps).extracting(SqlStep::transactional).containsExactly(true, false, true, true);
    }

    @Test
    void directivesAreReadFromTheLeadingLinesWhateverTheLineEndings() throws IOException {
        List<SqlStep> steps = ScriptScanner.scan("p", directoryLoader(Map.of(
                "db/p/V1__a.sql", "\uFEFF  -- tern:breaking=true \r-- tern:transactional=false\rSELECT 1;",
                "db/p/V2__b.sql", "-- tern:breaking=true",
                "db/p/V3__c.sql", "-- tern:transactional=false\r\n\r\n-- tern:breaking=true\nSELECT 1;",
                "db/p/V4__d.sql", "SELECT 1;\n-- tern:transactional=false")), "db/p");

        assertThat(steps).extracting(SqlStep::breaking).containsExactly(true, true, false, false);
        assertThat(steps).extracting(SqlStep::transactional).containsExactly(false, true, false, true);
    }

    @Test
    void aSymbolicLinkToAScriptIsReadAndOneToAFolderIsNotFollowed() throws IOException {
        Path root = Files.createTempDirectory(dir, "cp");
        Path folder = Files.createDirectories(root.resolve("db/p"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("V2__linked.sql"), "SELECT 2;");
        Files.writeString(folder.resolve("V1__a.sql"), "SELECT 1;");
        Files.createSymbolicLink(folder.resolve("V2__linked.sql"), elsewhere.resolve("V2__linked.sql"));
        Files.createSymbolicLink(folder.resolve("h2"), elsewhere);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            assertThat(ScriptScanner.scan("p", loader, "db/p")).extracting(s -> s.version() + " " + s.description())
                    .containsExactly("1.0.0 a", "2.0.0 linked");
        }
    }

    @Test
    void malformedNamesVersionsAndFoldersAreRefusedNamingTheFile() {
        assertRefused(Map.of("db/p/V1_create.sql", "SELECT 1;"), ErrorCode.INVALID_SCRIPT_NAME, "db/p/V1_create.sql");
        assertRefused(Map.of("db/p/X1__create.sql", "SELECT 1;"), ErrorCode.INVALID_SCRIPT_NAME, "db/p/X1__create.sql");
        assertRefused(Map.of("db/p/V1.2.3.4__x.sql", "SELECT 1;"), ErrorCode.INVALID_VERSION, "db/p/V1.2.3.4__x.sql");
        assertRefused(Map.of("db/p/V1..2__x.sql", "SELECT 1;"), ErrorCode.INVALID_VERSION, "db/p/V1..2__x.sql");
        assertRefused(Map.of("db/p/oracle/V1__x.sql", "SELECT 1;"), ErrorCode.UNKNOWN_DATABASE_VARIANT, "db/p/oracle/V1__x.sql");
        assertRefused(Map.of("db/p/h2/deep/V1__x.sql", "SELECT 1;"), ErrorCode.INVALID_SCRIPT_NAME, "db/p/h2/deep/V1__x.sql");
        assertRefused(Map.of("db/p/V1__a.sql", "SELECT 1;", "db/p/V1.0.0__b.sql", "SELECT 2;"),
                ErrorCode.DUPLICATE_VERSION, "have the same version");
        assertRefused(Map.of("db/p/U3__undo.sql", "SELECT 1;", "db/p/V1__a.sql", "SELECT 1;"),
                ErrorCode.INVALID_STEP, "db/p/U3__undo.sql");
        assertRefused(Map.of("db/p/V1__a.sql", " \r\n\t"), ErrorCode.EMPTY_SCRIPT, "db/p/V1__a.sql");
        assertRefused(Map.of("db/elsewhere/V1__a.sql", "SELECT 1;"), ErrorCode.SCRIPT_READ_FAILED, "no scripts found");
    }

    @Test
    void aMalformedVersionIsReportedAsSuchAndNoScriptIsSkippedOrNamelessSilently() {
        assertRefused(Map.of("db/p/V1.2.3+build__x.sql", "SELECT 1;"), ErrorCode.INVALID_VERSION, "'1.2.3+build'");
        assertRefused(Map.of("db/p/Vx__x.sql", "SELECT 1;"), ErrorCode.INVALID_VERSION, "'x'");
        assertRefused(Map.of("db/p/V1__a.sql", "SELECT 1;", "db/p/V2__b.SQL", "SELECT 2;"),
                ErrorCode.INVALID_SCRIPT_NAME, "db/p/V2__b.SQL");
        assertRefused(Map.of("db/p/V1___.sql", "SELECT 1;"), ErrorCode.INVALID_SCRIPT_NAME, "no description");
        assertRefused(Map.of("db/p/V1__.sql", "SELECT 1;"), ErrorCode.INVALID_SCRIPT_NAME, "does not follow");
        assertRefused(Map.of("db/p/V1 __x.sql", "SELECT 1;"), ErrorCode.INVALID_SCRIPT_NAME, "does not follow");
        assertRefused(Map.of("db/p/V__x.sql", "SELECT 1;"), ErrorCode.INVALID_SCRIPT_NAME, "does not follow");
        assertRefused(Map.of("db/p/V___x.sql", "SELECT 1;"), ErrorCode.INVALID_VERSION, "'_'");
        assertThat(ScriptScanner.scan("p", directoryLoader(Map.of("db/p/V1_2__a__b.sql", "SELECT 1;")), "db/p"))
                .extracting(s -> s.version() + " " + s.description()).containsExactly("1.2.0 a  b");
        assertThat(ScriptScanner.scan("p", directoryLoader(Map.of("db/p/V3____x y .sql", "SELECT 1;")), "db/p"))
                .extracting(s -> s.version() + " " + s.description()).containsExactly("3.0.0 x y");
    }

    private void assertRefused(Map<String, String> files, ErrorCode code, String messagePart) {
        assertThatThrownBy(() -> ScriptScanner.scan("plug", directoryLoader(files), "db/p"))
                .isInstanceOf(StepDefinitionException.class)
                .hasMessageContaining("plugin 'plug'")
                .hasMessageContaining(messagePart)
                .extracting(e -> ((MigrationException) e).code()).isEqualTo(code);
    }

    private ClassLoader directoryLoader(Map<String, String> files) {
        try {
            Path root = Files.createTempDirectory(dir, "cp");
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = root.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
            return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void put(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream o = out;
        o.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private static Dialect dialect(String... variants) {
        return new Dialect() {
            @Override
            public String id() {
                return variants[0];
            }

            @Override
            public List<String> variants() {
                return List.of(variants);
            }

            @Override
            public boolean supportsTransactionalDdl() {
                return true;
            }

            @Override
            public List<SqlStatement> split(String source, String script) {
                return List.of(new SqlStatement(script, 1));
            }

            @Override
            public boolean isTransient(SQLException error) {
                return false;
            }
        };
    }
}
