package dev.tern.migration.api.database;

import java.time.Duration;

/**
 * The lock that keeps two nodes from running migrations at once. Implementations prefer locks the
 * database releases when the holding session dies (PostgreSQL advisory locks, MariaDB
 * {@code GET_LOCK}), so a crashed node never leaves a stuck lock.
 *
 * <p>Implementations are thread-safe; a {@link Held} handle belongs to the thread that took it.
 */
public interface MigrationLock {

    /**
     * Takes the lock, waiting at most {@code timeout}.
     *
     * @param timeout the longest wait, positive
     * @return the held lock; closing it releases the lock
     * @throws dev.tern.migration.api.LockException if the lock was not obtained within the timeout
     *     or the database failed
     */
    Held acquire(Duration timeout);

    /** A held lock. */
    interface Held extends AutoCloseable {
        /**
         * Releases the lock. Idempotent.
         *
         * @throws dev.tern.migration.api.LockException if the database fails to release it (it is
         *     released anyway when the session ends)
         */
        @Override
        void close();
    }
}
