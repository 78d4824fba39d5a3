package dev.tern.migration.core;

import dev.tern.migration.api.event.MigrationEvent;
import dev.tern.migration.api.event.MigrationListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event it receives; also discovered through ServiceLoader in the discovery tests. */
public final class RecordingListener implements MigrationListener {
    /** Events received by instances created by ServiceLoader. */
    static final List<MigrationEvent> DISCOVERED = new CopyOnWriteArrayList<>();

    private final List<MigrationEvent> events;

    /** Created by ServiceLoader: records into {@link #DISCOVERED}. */
    public RecordingListener() {
        this.events = DISCOVERED;
    }

    RecordingListener(List<MigrationEvent> into) {
        this.events = into;
    }

    static RecordingListener recording() {
        return new RecordingListener(new CopyOnWriteArrayList<>());
    }

    @Override
    public void onEvent(MigrationEvent event) {
        events.add(event);
    }

    List<MigrationEvent> events() {
        return List.copyOf(events);
    }

    /** @return "name plugin" of each event, e.g. {@code migration.started jobs} */
    List<String> names() {
        return events.stream().map(e -> e.name() + " " + e.pluginId()).toList();
    }
}
