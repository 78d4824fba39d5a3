package dev.tern.migration.core.internal;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.ValidationException;
import dev.tern.migration.api.Version;

/**
 * The refusals to move a plugin down by running forward: an older build of the application against
 * a newer schema, or a run asked to reach a version below the installed one. Stateless.
 */
final class Downgrade {
    private Downgrade() {
    }

    /**
     * @param pluginId the plugin
     * @param installed its installed version
     * @param highest the highest step the code knows, or null if it has none
     * @return a {@code DOWNGRADE_REFUSED} problem
     */
    static ValidationException refused(String pluginId, Version installed, Version highest) {
        return new ValidationException(ErrorCode.DOWNGRADE_REFUSED, "is installed at " + installed
                + " but this application only knows steps up to " + (highest == null ? "none" : highest)
                + "; refusing to run an older build against a newer schema. Deploy the build that installed "
                + installed + " (or a newer one), or roll the plugin back with that build first",
                pluginId, null, null, 0, null);
    }

    /**
     * @param pluginId the plugin
     * @param installed its installed version
     * @param requested the version the run was asked to reach, below {@code installed}
     * @return a {@code DOWNGRADE_REFUSED} problem
     */
    static ValidationException belowInstalled(String pluginId, Version installed, Version requested) {
        return new ValidationException(ErrorCode.DOWNGRADE_REFUSED, "is installed at " + installed
                + ", above the requested " + requested + "; migrate only moves a plugin up: use a"
                + " rollback to bring it down", pluginId, null, null, 0, null);
    }
}
