package dev.tern.benchmarks;

/**
 * A named way to open a {@link Session}.
 *
 * @param name the name in the tables
 * @param opener opens the session
 */
public record Contender(String name, Opener opener) {

    /** Opens a session; may fail. */
    @FunctionalInterface
    public interface Opener {
        /**
         * @return a new session
         * @throws Exception if it cannot be set up
         */
        Session open() throws Exception;
    }
}
