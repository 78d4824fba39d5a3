package dev.tern.migration.core;

import dev.tern.migration.api.database.MigrationLock;
import dev.tern.migration.core.internal.InProcessLock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A test lock per database URL that counts how often it was taken. */
public final class CountingLock implements MigrationLock {
    private static final Map<String, CountingLock> BY_URL = new ConcurrentHashMap<>();

    private final InProcessLock lock = new InProcessLock("test database");
    private final AtomicInteger acquisitions = new AtomicInteger();

    static CountingLock forUrl(String url) {
        return BY_URL.computeIfAbsent(url, u -> new CountingLock());
    }

    @Override
    public Held acquire(Duration timeout) {
        acquisitions.incrementAndGet();
        return lock.acquire(timeout);
    }

    int acquisitions() {
        return acquisitions.get();
    }
}
