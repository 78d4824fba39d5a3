package dev.tern.migration.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checksums of step content. The content is normalised first, so that a script checked out with
 * other line endings or saved with a byte-order mark keeps its checksum: a leading BOM is removed
 * and {@code \r\n} and lone {@code \r} become {@code \n}. The digest is SHA-256, written as 64
 * lower-case hex characters.
 *
 * <p>Thread-safe; stateless.
 */
public final class Checksums {
    // Never used to digest: only cloned, so sharing it between threads is safe.
    private static final MessageDigest SHA_256 = newSha256();
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private Checksums() {
    }

    /**
     * Returns the normalised form of step content: BOM removed, line endings unified to {@code \n}.
     *
     * @param content the content, not null
     * @return the normalised content
     */
    public static String normalize(String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /**
     * Returns the checksum of content after {@linkplain #normalize normalisation}.
     *
     * @param content the content, not null
     * @return 64 lower-case hex characters
     */
    public static String of(String content) {
        return hex(sha256().digest(normalize(content).getBytes(StandardCharsets.UTF_8)));
    }

    /** A new digest, cloned from a prototype: a provider look-up per script cost a fifth of a checksum. */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Lower-case hex by table: {@code HexFormat} appends char by char, a tenth of a checksum's time. */
    private static String hex(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xF];
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }
}
