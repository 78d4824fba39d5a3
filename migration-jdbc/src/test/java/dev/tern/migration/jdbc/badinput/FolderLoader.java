package dev.tern.migration.jdbc.badinput;

import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.MigrationService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * A class loader over a temporary directory that defines its own copy of {@link FolderPlugin}, so
 * that the plugin's scripts are looked up in that directory (the scanner searches the plugin
 * class's loader) and can be written, edited or removed by a test between runs. Everything else is
 * delegated to the test's class loader.
 */
final class FolderLoader extends URLClassLoader {
    private static final String PLUGIN = FolderPlugin.class.getName();

    private FolderLoader(URL root) {
        super(new URL[] {root}, FolderLoader.class.getClassLoader());
    }

    /**
     * @param root the directory playing the part of the plugin jar
     * @param pluginId the plugin id
     * @param location the scripts' folder under {@code root}
     * @param javaSteps Java steps beside the scripts
     * @return a fresh plugin instance, which scans its scripts on first use
     */
    static MigrationService plugin(Path root, String pluginId, String location, List<JavaStep> javaSteps) {
        try {
            FolderLoader loader = new FolderLoader(root.toUri().toURL());
            return (MigrationService) loader.loadClass(PLUGIN).getConstructor(String.class, String.class, List.class)
                    .newInstance(pluginId, location, javaSteps);
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + PLUGIN + " over " + root, e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.equals(PLUGIN)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] bytes;
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    bytes = in.readAllBytes();
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
                c = defineClass(name, bytes, 0, bytes.length);
            }
            return c;
        }
    }
}
