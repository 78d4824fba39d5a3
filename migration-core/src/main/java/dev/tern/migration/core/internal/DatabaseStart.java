package dev.tern.migration.core.internal;

import dev.tern.migration.api.HistoryEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database side of a start, begun before the plugins' steps are loaded and done on a thread of
 * its own meanwhile: open the start's connection, recognise the database through it, read the
 * history through it. Loading the steps reads every script (CPU and files) while this waits on the
 * network, so on a start that finds nothing to do the connection set-up and the history query
 * cost no time of their own. Without a data source (a history store alone) the work is done on the
 * calling thread.
 *
 * <p>Errors keep their order: a connection or recognition failure is thrown by {@link #target()},
 * a history read failure by {@link #history()}, each on the calling thread. The connection stays
 * owned by this instance until {@link #handOver()}; {@link #close()} waits for the work to end and
 * closes a connection not handed over, so none is left open whatever failed.
 *
 * <p>Not thread-safe: one instance per start, used by the thread that began it.
 */
public final class DatabaseStart implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseStart.class);

    /** What the work found; {@code readFailure} set instead of {@code history} if the read failed. */
    private record Outcome(Target target, Connection connection, List<HistoryEntry> history,
                           RuntimeException readFailure) {
    }

    private final CompletableFuture<Outcome> work;
    private boolean handedOver;

    private DatabaseStart(CompletableFuture<Outcome> work) {
        this.work = work;
    }

    /**
     * Begins the work.
     *
     * @param dataSource the database's data source, or null when there is none
     * @param targetFor recognises the database through the given connection (null without data
     *     source) and returns the run's target; called on the worker thread
     * @return the started work
     */
    public static DatabaseStart begin(DataSource dataSource, Function<Connection, Target> targetFor) {
        Objects.requireNonNull(targetFor, "targetFor");
        CompletableFuture<Outcome> work = new CompletableFuture<>();
        Runnable task = () -> {
            Connection connection = null;
            try {
                connection = dataSource == null ? null : DatabaseResolver.connect(dataSource);
                Target target = targetFor.apply(connection);
                List<HistoryEntry> history = null;
                RuntimeException readFailure = null;
                try {
                    history = target.store().read(connection);
                } catch (RuntimeException e) {
                    readFailure = e;
                }
                work.complete(new Outcome(target, connection, history, readFailure));
            } catch (Throwable e) {
                closeQuietly(connection);
                work.completeExceptionally(e);
            }
        };
        if (dataSource == null) {
            task.run();
        } else {
            Thread worker = new Thread(task, "tern-start");
            worker.setDaemon(true);
            worker.start();
        }
        return new DatabaseStart(work);
    }

    /**
     * Waits for the database to be recognised.
     *
     * @return the run's target
     * @throws dev.tern.migration.api.ConfigurationException ({@code CONNECTION_FAILED},
     *     {@code UNSUPPORTED_DATABASE}) and whatever else recognising the database threw
     */
    public Target target() {
        return outcome().target();
    }

    /**
     * Waits for the history read through the start's connection.
     *
     * @return the whole history, oldest first
     * @throws dev.tern.migration.api.HistoryStoreException if it could not be read; and what
     *     {@link #target()} throws
     */
    public List<HistoryEntry> history() {
        Outcome outcome = outcome();
        if (outcome.readFailure() != null) {
            throw outcome.readFailure();
        }
        return outcome.history();
    }

    /**
     * @return the start's connection, still owned by this instance; null without data source
     * @throws RuntimeException what {@link #target()} throws
     */
    public Connection connection() {
        return outcome().connection();
    }

    /**
     * Hands the start's connection over to the caller, who closes it from then on.
     *
     * @return the connection; null without data source
     * @throws RuntimeException what {@link #target()} throws
     */
    public Connection handOver() {
        Connection connection = connection();
        handedOver = true;
        return connection;
    }

    /** Waits for the work to end and closes the start's connection unless it was handed over. */
    @Override
    public void close() {
        Outcome outcome;
        try {
            outcome = work.join();
        } catch (CompletionException e) {
            return; // the worker closed its connection when it failed
        }
        if (!handedOver) {
            closeQuietly(outcome.connection());
        }
    }

    private Outcome outcome() {
        try {
            return work.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing was written through it; what it read is already used.
            LOG.debug("Tern: could not close the start connection: {}", e.getMessage());
        }
    }
}
