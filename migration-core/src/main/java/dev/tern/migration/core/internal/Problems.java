package dev.tern.migration.core.internal;

import dev.tern.migration.api.ConfigurationException;
import dev.tern.migration.api.DependencyException;
import dev.tern.migration.api.DiscoveryException;
import dev.tern.migration.api.MigrationException;
import dev.tern.migration.api.StepDefinitionException;
import dev.tern.migration.api.ValidationException;
import java.util.List;

/**
 * Turns the problems collected by a check into one exception, so that the operator sees every
 * problem at once instead of fixing them one run at a time. Stateless.
 */
public final class Problems {
    private Problems() {
    }

    /**
     * Throws if there is any problem: the problem itself when there is one; otherwise one exception
     * of the first problem's category and code whose message lists every problem (each one also
     * attached as {@linkplain Throwable#getSuppressed() suppressed}).
     *
     * @param problems the problems, in the order found
     * @param what what was checked, for the message, e.g. {@code "the plugins' steps"}
     * @throws MigrationException if {@code problems} is not empty
     */
    public static void throwIfAny(List<? extends MigrationException> problems, String what) {
        if (problems.isEmpty()) {
            return;
        }
        MigrationException first = problems.get(0);
        if (problems.size() == 1) {
            throw first;
        }
        StringBuilder message = new StringBuilder().append(problems.size()).append(" problems found in ").append(what)
                .append("; nothing was applied:");
        for (int i = 0; i < problems.size(); i++) {
            message.append("\n  ").append(i + 1).append(". ").append(problems.get(i).getMessage());
        }
        MigrationException all;
        if (first instanceof StepDefinitionException) {
            all = new StepDefinitionException(first.code(), message.toString());
        } else if (first instanceof ConfigurationException) {
            all = new ConfigurationException(first.code(), message.toString());
        } else if (first instanceof DependencyException) {
            all = new DependencyException(first.code(), message.toString());
        } else if (first instanceof DiscoveryException) {
            all = new DiscoveryException(first.code(), message.toString());
        } else {
            all = new ValidationException(first.code(), message.toString());
        }
        problems.forEach(all::addSuppressed);
        throw all;
    }
}
