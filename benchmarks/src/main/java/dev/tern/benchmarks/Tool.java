package dev.tern.benchmarks;

import java.nio.file.Path;

/** A migration tool under test. Implementations are stateless. */
public interface Tool {

    /** @return the name in the tables */
    String name();

    /**
     * @param workload the steps
     * @param root where {@link Workload#write} wrote the files
     * @return the tool, ready to start against any database
     */
    Migrator prepare(Workload workload, Path root);

    /**
     * @param rows the number of rows the step rewrites
     * @return the tool with one Java step that runs {@link DataRewrite#rewrite}
     */
    Migrator dataStep(int rows);

    /** @return whether nodes of this tool may start together on one database */
    default boolean racingSafe() {
        return true;
    }
}
