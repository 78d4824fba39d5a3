package dev.tern.migration.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChecksumsTest {

    @Test
    void lineEndingsAndByteOrderMarkDoNotChangeTheChecksum() {
        String lf = "CREATE TABLE t (id INT);\nINSERT INTO t VALUES (1);\n";
        assertThat(Checksums.of("\uFEFF" + lf.replace("\n", "\r\n"))).isEqualTo(Checksums.of(lf));
        assertThat(Checksums.of(lf.replace("\n", "\r"))).isEqualTo(Checksums.of(lf));
    }

    @Test
    void anyOtherEditChangesTheChecksum() {
        assertThat(Checksums.of("SELECT 1;")).isNotEqualTo(Checksums.of("SELECT 2;")).hasSize(64).matches("[0-9a-f]{64}");
    }
}
