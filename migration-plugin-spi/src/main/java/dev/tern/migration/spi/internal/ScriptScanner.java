package dev.tern.migration.spi.internal;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.StepDefinitionException;
import dev.tern.migration.api.Version;
import dev.tern.migration.api.database.Dialect;
import dev.tern.migration.spi.SqlScript;
import dev.tern.migration.spi.SqlStep;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Reads a plugin's script folder from the class path (directories and jars) into {@link SqlStep}s,
 * following the naming rules documented on {@code ScriptMigrationService}. Stateless.
 */
public final class ScriptScanner {
    private static final String SQL = ".sql";
    private static final String DIRECTIVE = "-- tern:";
    private static final String NON_TRANSACTIONAL = "-- tern:transactional=false";
    private static final String BREAKING = "-- tern:breaking=true";

    private ScriptScanner() {
    }

    /**
     * Reads every script of a folder, looking in the class loader's resources and in the jar or
     * directory the anchor class was loaded from. The anchor matters for jars written without
     * directory entries, whose folders {@link ClassLoader#getResources} cannot see.
     *
     * @param pluginId the plugin, for messages
     * @param anchor the plugin's class: its class loader and code source are searched
     * @param location the folder, leading and trailing slashes ignored
     * @return one step per version, ordered by version
     * @throws StepDefinitionException as {@link #scan(String, ClassLoader, String)}
     */
    public static List<SqlStep> scan(String pluginId, Class<?> anchor, String location) {
        java.security.CodeSource codeSource = anchor.getProtectionDomain().getCodeSource();
        URL origin = codeSource == null ? null : codeSource.getLocation();
        return scan(pluginId, anchor.getClassLoader(), location, origin);
    }

    /**
     * Reads every script of a folder from a class loader's resources.
     *
     * @param pluginId the plugin, for messages
     * @param loader where to look
     * @param location the folder, leading and trailing slashes ignored
     * @return one step per version, ordered by version
     * @throws StepDefinitionException if the folder is missing or unreadable, a name or a version is
     *     malformed, a variant folder is unknown, two scripts share a version, a down script has no up
     *     script, or a script is blank
     */
    public static List<SqlStep> scan(String pluginId, ClassLoader loader, String location) {
        return scan(pluginId, loader, location, null);
    }

    private static List<SqlStep> scan(String pluginId, ClassLoader loader, String location, URL origin) {
        String folder = trimSlashes(location);
        Map<String, String> files = list(pluginId, loader, folder, origin);
        if (files.isEmpty()) {
            throw new StepDefinitionException(ErrorCode.SCRIPT_READ_FAILED, "no scripts found in class-path folder '"
                    + folder + "'", pluginId, null, folder, 0, null);
        }
        Map<Version, Builder> steps = new TreeMap<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String relative = file.getKey();
            String source = folder + "/" + relative;
            int slash = relative.indexOf('/');
            String variant = slash < 0 ? SqlStep.UNIVERSAL : relative.substring(0, slash);
            String name = relative.substring(slash + 1);
            if (name.contains("/")) {
                throw new StepDefinitionException(ErrorCode.INVALID_SCRIPT_NAME, "scripts may sit in the folder or in one"
                        + " database variant sub-folder, not deeper", pluginId, null, source, 0, null);
            }
            if (!variant.isEmpty() && !Dialect.KNOWN_VARIANTS.contains(variant)) {
                throw new StepDefinitionException(ErrorCode.UNKNOWN_DATABASE_VARIANT, "unknown database variant folder '"
                        + variant + "' (known: " + new TreeSet<>(Dialect.KNOWN_VARIANTS) + ")", pluginId, null, source, 0, null);
            }
            int separator = separator(name);
            if (separator < 0) {
                throw new StepDefinitionException(ErrorCode.INVALID_SCRIPT_NAME, "script name '" + name
                        + "' does not follow V<version>__<description>.sql or U<version>__<description>.sql",
                        pluginId, null, source, 0, null);
            }
            boolean up = name.charAt(0) == 'V';
            Version version = parseVersion(pluginId, source, name.substring(1, separator));
            String description = name.substring(separator + 2, name.length() - SQL.length()).replace('_', ' ').trim();
            if (description.isEmpty()) {
                throw new StepDefinitionException(ErrorCode.INVALID_SCRIPT_NAME, "script name '" + name
                        + "' has no description after '__'", pluginId, null, source, 0, null);
            }
            String content = file.getValue();
            if (content.isBlank()) {
                throw new StepDefinitionException(ErrorCode.EMPTY_SCRIPT, "script is empty", pluginId,
                        version.toString(), source, 0, null);
            }
            Builder step = steps.computeIfAbsent(version, v -> new Builder());
            Map<String, SqlScript> target = up ? step.up : step.down;
            SqlScript previous = target.putIfAbsent(variant, new SqlScript(source, content));
            if (previous != null) {
                throw new StepDefinitionException(ErrorCode.DUPLICATE_VERSION, "scripts '" + previous.source()
                        + "' and '" + source + "' have the same version", pluginId, version.toString(), source, 0, null);
            }
            if (up) {
                if (step.description == null || variant.isEmpty()) {
                    step.description = description;
                }
                for (String directive : directives(content)) {
                    if (directive.equalsIgnoreCase(NON_TRANSACTIONAL)) {
                        step.transactional = false;
                    } else if (directive.equalsIgnoreCase(BREAKING)) {
                        step.breaking = true;
                    }
                }
            }
        }
        List<SqlStep> result = new ArrayList<>();
        for (Map.Entry<Version, Builder> e : steps.entrySet()) {
            Builder b = e.getValue();
            if (b.up.isEmpty()) {
                String source = b.down.values().iterator().next().source();
                throw new StepDefinitionException(ErrorCode.INVALID_STEP, "down script has no matching up script (V"
                        + e.getKey() + "__...)", pluginId, e.getKey().toString(), source, 0, null);
            }
            result.add(new SqlStep(e.getKey(), b.description, b.up, b.down, b.transactional, b.breaking));
        }
        return Collections.unmodifiableList(result);
    }

    /**
     * Finds where the version of a script name ends, by the rule {@code [VU]<version>__<description>.sql}:
     * the version is whatever stands between the prefix and the first {@code __} that leaves a
     * description, so that a malformed version ({@code V1.2.3+build__}, {@code Vx__}) is reported as
     * a bad version rather than as a bad name. The version holds no whitespace and the description
     * no line break; {@code .sql} is in lower case.
     *
     * @param name a file name without folder
     * @return the index of the {@code __} after the version, or -1 if the name does not follow the rule
     */
    private static int separator(String name) {
        if (name.isEmpty() || name.charAt(0) != 'V' && name.charAt(0) != 'U' || !name.endsWith(SQL)) {
            return -1;
        }
        int descriptionEnd = name.length() - SQL.length();
        for (int i = 1; i < descriptionEnd; i++) {
            char c = name.charAt(i);
            if (isWhitespace(c)) {
                return -1; // the version ends before it, with no "__" yet
            }
            if (i >= 2 && c == '_' && name.charAt(i + 1) == '_' && i + 2 < descriptionEnd
                    && noLineBreak(name, i + 2, descriptionEnd)) {
                return i;
            }
        }
        return -1;
    }

    /** Whitespace as regular expressions' {@code \\s}. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Whether no character of the range ends a line, as regular expressions' {@code .} does not match those. */
    private static boolean noLineBreak(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    private static Version parseVersion(String pluginId, String source, String text) {
        try {
            return Version.parse(text.replace('_', '.'));
        } catch (StepDefinitionException e) {
            throw new StepDefinitionException(ErrorCode.INVALID_VERSION, "'" + text
                    + "' in the script name is not a version (e.g. 1, 1.2, 1.2.0, 1_2_0, 2.0.0-rc.1)",
                    pluginId, null, source, 0, e);
        }
    }

    private static String trimSlashes(String location) {
        String s = location;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** Lists {@code .sql} files under the folder: relative path to content, sorted by path. */
    private static Map<String, String> list(String pluginId, ClassLoader loader, String folder, URL origin) {
        Map<String, String> files = new TreeMap<>();
        try {
            if (origin != null && origin.getProtocol().equals("file")) {
                Path root = Path.of(origin.toURI());
                if (Files.isDirectory(root.resolve(folder))) {
                    listDirectory(root.resolve(folder), files);
                } else if (Files.isRegularFile(root)) {
                    try (JarFile jar = new JarFile(root.toFile())) {
                        listJar(jar, folder, files);
                    }
                }
            }
            for (URL url : Collections.list(loader.getResources(folder))) {
                switch (url.getProtocol()) {
                    case "file" -> listDirectory(Path.of(url.toURI()), files);
                    case "jar" -> listJar(url, folder, files);
                    default -> throw new StepDefinitionException(ErrorCode.SCRIPT_READ_FAILED, "cannot list scripts at "
                            + url + " (protocol '" + url.getProtocol() + "' is not a directory or a jar)",
                            pluginId, null, folder, 0, null);
                }
            }
        } catch (IOException | UncheckedIOException | URISyntaxException e) {
            throw new StepDefinitionException(ErrorCode.SCRIPT_READ_FAILED, "cannot read scripts: " + e.getMessage(),
                    pluginId, null, folder, 0, e);
        }
        return files;
    }

    private static void listDirectory(Path root, Map<String, String> files) throws IOException {
        // The walk reads each file's attributes anyway; asking again would cost a second stat per file.
        // Its paths are the root's text followed by a separator and the relative path, which is cut
        // out of the text instead of computed by Path.relativize (a tenth of a start's time).
        String rootText = root.toString();
        int prefix = rootText.length() + (rootText.endsWith(root.getFileSystem().getSeparator()) ? 0 : 1);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path p, BasicFileAttributes attributes) throws IOException {
                // A symbolic link is followed to see whether it names a file, as when links were not walked.
                boolean file = attributes.isRegularFile() || attributes.isSymbolicLink() && Files.isRegularFile(p);
                String text = p.toString();
                if (!file || text.length() <= prefix) {
                    return FileVisitResult.CONTINUE; // not a file, or the root itself (a file, not a folder)
                }
                String relative = text.substring(prefix).replace('\\', '/');
                if (isSqlFile(relative)) {
                    files.putIfAbsent(relative, Files.readString(p, StandardCharsets.UTF_8));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void listJar(URL url, String folder, Map<String, String> files) throws IOException {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            listJar(jar, folder, files);
        }
    }

    private static void listJar(JarFile jar, String folder, Map<String, String> files) throws IOException {
        String prefix = folder + "/";
        for (JarEntry entry : Collections.list(jar.entries())) {
            String name = entry.getName();
            if (!entry.isDirectory() && name.startsWith(prefix) && isSqlFile(name)) {
                try (InputStream in = jar.getInputStream(entry)) {
                    files.putIfAbsent(name.substring(prefix.length()), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }

    /**
     * Whether a file is a script: any case of {@code .sql}, so that {@code V1__x.SQL} is refused by
     * the name check instead of being skipped silently (a skipped step would never run).
     */
    private static boolean isSqlFile(String name) {
        return name.regionMatches(true, name.length() - 4, ".sql", 0, 4);
    }

    private static final class Builder {
        final Map<String, SqlScript> up = new LinkedHashMap<>();
        final Map<String, SqlScript> down = new LinkedHashMap<>();
        String description;
        boolean transactional = true;
        boolean breaking;
    }

    /**
     * The directive lines at the top of a script: the leading lines starting with {@code -- tern:},
     * trimmed, so that {@code -- tern:transactional=false} and {@code -- tern:breaking=true} may
     * both be given, in either order.
     */
    private static List<String> directives(String content) {
        // Only the leading lines are read: scripts run to thousands of lines and rarely have a directive.
        int pos = content.startsWith("\uFEFF") ? 1 : 0;
        List<String> found = new ArrayList<>();
        while (pos <= content.length()) {
            int end = pos;
            while (end < content.length() && content.charAt(end) != '\n' && content.charAt(end) != '\r') {
                end++;
            }
            String trimmed = content.substring(pos, end).trim();
            if (!trimmed.regionMatches(true, 0, DIRECTIVE, 0, DIRECTIVE.length())) {
                break;
            }
            found.add(trimmed);
            pos = end + (content.startsWith("\r\n", end) ? 2 : 1);
        }
        return found;
    }
}
