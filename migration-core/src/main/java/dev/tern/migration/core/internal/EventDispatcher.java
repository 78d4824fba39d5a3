package dev.tern.migration.core.internal;

import dev.tern.migration.api.event.MigrationEvent;
import dev.tern.migration.api.event.MigrationListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events to the listeners: synchronously, on the calling (migrating) thread, in listener
 * order. A listener that throws is logged at warn with the event name and the run goes on, because
 * monitoring must never break a migration. Immutable; thread-safe when the listeners are.
 */
public final class EventDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    /** A dispatcher without listeners. */
    public static final EventDispatcher NONE = new EventDispatcher(List.of());

    private final List<MigrationListener> listeners;

    /**
     * @param listeners the listeners, in the order they receive each event
     */
    public EventDispatcher(List<MigrationListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Sends one event to every listener.
     *
     * @param event the event, not null
     */
    public void dispatch(MigrationEvent event) {
        for (MigrationListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("{}: listener {} failed on event {}; the run goes on", event.pluginId(),
                        listener.getClass().getName(), event.name(), e);
            }
        }
    }
}
