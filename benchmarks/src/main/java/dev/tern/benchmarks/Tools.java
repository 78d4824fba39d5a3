package dev.tern.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/** The tools under test, by the short id used on command lines. */
final class Tools {
    private Tools() {
    }

    /** @return every tool by id, Tern first, raw JDBC last */
    static Map<String, Tool> all() {
        Map<String, Tool> tools = new LinkedHashMap<>();
        tools.put("tern", new TernTool());
        tools.put("flyway", new FlywayTool());
        tools.put("liquibase", new LiquibaseTool());
        tools.put("raw", new RawJdbcTool());
        return tools;
    }

    static Tool byId(String id) {
        Tool tool = all().get(id);
        if (tool == null) {
            throw new IllegalArgumentException("unknown tool '" + id + "' (known: " + all().keySet() + ")");
        }
        return tool;
    }
}
