package dev.tern.examples.jobs;

import dev.tern.migration.spi.JavaStep;
import dev.tern.migration.spi.StepContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Step 1.2.0 of the {@code jobs} plugin: seeds one {@code provider_configs} row per notification
 * provider the job server ships with (disabled until an operator enables it), leaving providers
 * that are already configured alone; its down action deletes the rows of those providers.
 * Stateless; thread-safe.
 */
public final class ProviderDefaults {
    /** The provider name and its default settings, as JSON text. */
    static final Map<String, String> DEFAULTS = defaults();

    private ProviderDefaults() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("smtp", "{\"host\":\"localhost\",\"port\":25,\"tls\":false,\"from\":\"jobs@localhost\"}");
        d.put("webhook", "{\"timeoutSeconds\":10,\"retries\":3}");
        d.put("slack", "{\"channel\":\"#jobs\",\"mentionOnFailure\":true}");
        return Collections.unmodifiableMap(d);
    }

    /**
     * Builds the step. Its actions use only the connection and dialect of the {@link StepContext}
     * and bind every value as a parameter.
     *
     * @return the Java step 1.2.0 with its down action
     */
    public static JavaStep step() {
        return JavaStep.of("1.2.0", "seed default provider configs", ProviderDefaults::seed)
                .withDown(ProviderDefaults::unseed);
    }

    private static void seed(StepContext context) throws SQLException {
        Connection connection = context.connection();
        // The settings column is JSONB on PostgreSQL and JSON on H2: text must be converted
        // explicitly there, while MariaDB's JSON column takes text as it is.
        String json = switch (context.dialect().id()) {
            case "postgresql" -> "CAST(? AS JSONB)";
            case "h2" -> "? FORMAT JSON";
            default -> "?";
        };
        Set<String> configured = new HashSet<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT provider FROM provider_configs");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                configured.add(rs.getString(1));
            }
        }
        int pending = 0;
        try (PreparedStatement st = connection.prepareStatement(
                "INSERT INTO provider_configs (provider, enabled, settings) VALUES (?, ?, " + json + ")")) {
            for (Map.Entry<String, String> provider : DEFAULTS.entrySet()) {
                if (!configured.contains(provider.getKey())) {
                    st.setString(1, provider.getKey());
                    st.setBoolean(2, false);
                    st.setString(3, provider.getValue());
                    st.addBatch();
                    pending++;
                }
            }
            if (pending > 0) {
                st.executeBatch();
            }
        }
    }

    private static void unseed(StepContext context) throws SQLException {
        try (PreparedStatement st = context.connection().prepareStatement(
                "DELETE FROM provider_configs WHERE provider = ?")) {
            for (String provider : DEFAULTS.keySet()) {
                st.setString(1, provider);
                st.addBatch();
            }
            st.executeBatch();
        }
    }
}
