package dev.tern.migration.jdbc.badinput;

import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.ScriptMigrationService;
import java.util.List;

/**
 * A script plugin as a plugin author writes it: scripts in a class-path folder, optionally Java
 * steps beside them. {@link FolderLoader} defines this class afresh over a temporary directory so
 * that the scanner finds that directory's scripts, exactly as it finds a plugin jar's. Public
 * because a class defined by another loader is in another runtime package.
 */
public class FolderPlugin extends ScriptMigrationService {
    private final List<JavaStep> javaSteps;

    /**
     * @param pluginId the plugin id, as given (possibly malformed: the test is about bad input)
     * @param location the class-path folder of the scripts
     * @param javaSteps Java steps beside the scripts
     */
    public FolderPlugin(String pluginId, String location, List<JavaStep> javaSteps) {
        super(pluginId, location);
        this.javaSteps = List.copyOf(javaSteps);
    }

    @Override
    protected List<JavaStep> javaSteps() {
        return javaSteps;
    }
}
