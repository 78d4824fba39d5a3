package dev.tern.migration.spi;

import dev.tern.migration.api.Checksums;
import java.util.Objects;

/**
 * The text of one SQL script and where it came from.
 *
 * @param source where the script came from, for messages, e.g. {@code db/jobs/postgresql/V1__init.sql}
 * @param content the script text as read (UTF-8), not null
 */
public record SqlScript(String source, String content) {
    /** Checks that no component is null. */
    public SqlScript {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(content, "content");
    }

    /** @return the {@linkplain Checksums#of checksum} of the normalised content */
    public String checksum() {
        return Checksums.of(content);
    }
}
