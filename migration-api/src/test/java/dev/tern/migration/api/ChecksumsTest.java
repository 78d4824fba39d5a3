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

    @Test
    void isTheSha256OfTheNormalisedUtf8TextInLowerCaseHex() {
        assertThat(Checksums.of("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Checksums.of("\uFEFFa\r\nb\rc")).isEqualTo(Checksums.of("a\nb\nc"));
        assertThat(Checksums.of("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
