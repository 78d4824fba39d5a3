package dev.tern.migration.core.internal;

import dev.tern.migration.api.ErrorCode;
import dev.tern.migration.api.LockException;
import dev.tern.migration.api.database.MigrationLock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A migration lock that serializes runs inside one JVM only, for history stores without a database
 * (tests). Not reentrant: a thread holding it that asks again waits, as another node would.
 *
 * <p>Thread-safe; a {@link Held} may be closed from any thread, and closing it twice is harmless.
 */
public final class InProcessLock implements MigrationLock {
    // Weak keys: a lock lives as long as the store it guards.
    private static final Map<Object, InProcessLock> BY_OWNER = new WeakHashMap<>();

    private final Semaphore permit = new Semaphore(1, true);
    private final String name;

    /**
     * @param name what the lock guards, for messages
     */
    public InProcessLock(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Returns the one lock of an owner (a history store), creating it on first use, so that every
     * orchestrator sharing the owner shares the lock.
     *
     * @param owner the owner, not null
     * @return the owner's lock
     */
    public static InProcessLock forOwner(Object owner) {
        Objects.requireNonNull(owner, "owner");
        synchronized (BY_OWNER) {
            return BY_OWNER.computeIfAbsent(owner, o -> new InProcessLock(o.getClass().getName()));
        }
    }

    /**
     * @throws LockException with {@code LOCK_FAILED} if another run holds the lock for longer than
     *     {@code timeout}, or if the waiting thread is interrupted (its interrupt flag is restored)
     */
    @Override
    public Held acquire(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        try {
            if (!permit.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new LockException(ErrorCode.LOCK_FAILED, "the in-process migration lock of " + name
                        + " is held by another run and was not released within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockException(ErrorCode.LOCK_FAILED, "interrupted while waiting for the in-process migration lock of "
                    + name, e);
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                permit.release();
            }
        };
    }

    /** @return true if a run holds the lock at this moment */
    public boolean isHeld() {
        return permit.availablePermits() == 0;
    }

    @Override
    public String toString() {
        return "InProcessLock[" + name + "]";
    }
}
