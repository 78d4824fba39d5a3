package dev.tern.migration.jdbc.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link NodeMain} running in its own JVM, on this test's class path. Its standard output is
 * read line by line in a daemon thread; its standard error goes to a file named after the node,
 * quoted in failure messages.
 */
final class NodeProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private NodeProcess(String name, Process process, Path stderr) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output lost: " + e + ")");
            }
        }, "node-output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a node JVM.
     *
     * @param mode {@code race} or {@code crash}
     * @param db the shared database
     * @param start the start-barrier file
     * @param name the node's name
     * @param lockTimeout the node's lock timeout
     * @param dir where the node's standard error goes
     */
    static NodeProcess start(String mode, SharedDatabase db, Path start, String name, Duration lockTimeout, Path dir)
            throws IOException {
        Path stderr = dir.resolve(name + ".err");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Start-up dominates these JVMs' lives: no tiered C2, a small serial heap.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx96m", "-Xss512k",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"),
                NodeMain.class.getName(),
                mode, db.url, db.user, db.password, start.toString(), name, Long.toString(lockTimeout.toMillis()));
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        return new NodeProcess(name, process, stderr);
    }

    /**
     * Waits for a line starting with {@code prefix}.
     *
     * @return the line
     * @throws AssertionError if the process ends or the wait exceeds {@code timeout} first
     */
    String await(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            if (line != null) {
                seen.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
                continue;
            }
            if (left <= 0 || (!process.isAlive() && lines.isEmpty())) {
                throw new AssertionError("node " + name + " printed no '" + prefix + "' within " + timeout.toMillis()
                        + " ms (alive: " + process.isAlive() + "); output: " + seen + "; stderr: " + stderr());
            }
        }
    }

    /** Kills the JVM as a crash would (SIGKILL) and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("node " + name + " did not die");
        }
    }

    String stderr() {
        try {
            String text = Files.readString(stderr, StandardCharsets.UTF_8);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
