package dev.tern.migration.core;

import dev.tern.migration.api.HistoryEntry;
import dev.tern.migration.api.database.HistoryStore;
import dev.tern.migration.api.database.MigrationLock;
import dev.tern.migration.core.internal.InProcessLock;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link HistoryStore} kept in memory, for tests: entries get increasing ids from 1 in the order
 * they are appended. It owns an in-process {@linkplain #lock() lock}, so that several orchestrators
 * sharing one store serialize their runs as nodes sharing a database would.
 *
 * <pre>{@code
 * InMemoryHistoryStore history = new InMemoryHistoryStore();
 * Orchestrator.builder().historyStore(history).discovery(false).addService(new MyPlugin()).build().runAll();
 * assertThat(history.entries()).hasSize(2);
 * }</pre>
 *
 * <p>{@link #append} works before {@link #prepare}, so a test can seed a history. The store has no
 * database: the connection given to {@code append} is ignored and every entry is kept at once.
 *
 * <p>Thread-safe.
 */
public final class InMemoryHistoryStore implements HistoryStore {
    private final List<HistoryEntry> entries = new ArrayList<>();
    private final InProcessLock lock = new InProcessLock("in-memory history store");
    private long nextId = 1;
    private boolean prepared;
    private int reads;

    /** Creates an empty store. */
    public InMemoryHistoryStore() {
    }

    /**
     * @return every entry, oldest first, with its id; an immutable snapshot
     */
    @Override
    public synchronized List<HistoryEntry> read() {
        reads++;
        return List.copyOf(entries);
    }

    /** Marks the store as prepared; there is nothing to create. */
    @Override
    public synchronized void prepare() {
        prepared = true;
    }

    /**
     * Keeps a copy of the entry with the next id.
     *
     * @param entry the entry, not null; its id is ignored
     * @param connection ignored
     */
    @Override
    public synchronized void append(HistoryEntry entry, Connection connection) {
        Objects.requireNonNull(entry, "entry");
        entries.add(entry.withId(nextId++));
    }

    /**
     * The same as {@link #read()}, without counting as a read: for assertions.
     *
     * @return every entry, oldest first; an immutable snapshot
     */
    public synchronized List<HistoryEntry> entries() {
        return List.copyOf(entries);
    }

    /** @return how many times {@link #read()} was called */
    public synchronized int readCount() {
        return reads;
    }

    /** @return true once {@link #prepare()} was called */
    public synchronized boolean isPrepared() {
        return prepared;
    }

    /**
     * The store's migration lock: an in-process, non-reentrant lock shared by every orchestrator
     * built with this store and no data source.
     *
     * @return the lock, the same instance every time
     */
    public MigrationLock lock() {
        return lock;
    }
}
