package dev.tern.examples.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the fat jar as a separate JVM, as a user would, and captures what it prints. */
final class AppProcess {
    private static final long TIMEOUT_SECONDS = 180;

    private AppProcess() {
    }

    /** What one run printed and returned. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    /** @return the fat jar built by the package phase; failsafe passes its path */
    static Path jar() {
        String path = System.getProperty("tern.example.jar", "target/tern-example-app.jar");
        Path jar = Path.of(path).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("fat jar " + jar + " not found: run 'mvn verify' (the integration tests run after package)");
        }
        return jar;
    }

    /** Runs {@code java -jar tern-example-app.jar args...} in a working directory. */
    static Result runJar(Path workingDirectory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        return run(workingDirectory, command);
    }

    /** Runs the application's main class on a class path made of the fat jar and more entries. */
    static Result runWithClassPath(Path workingDirectory, List<Path> extraClassPath, String... args)
            throws IOException, InterruptedException {
        StringBuilder classPath = new StringBuilder(jar().toString());
        extraClassPath.forEach(p -> classPath.append(java.io.File.pathSeparatorChar).append(p.toAbsolutePath()));
        List<String> command = new ArrayList<>(List.of(java(), "-cp", classPath.toString(), ExampleApp.class.getName()));
        command.addAll(List.of(args));
        return run(workingDirectory, command);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Result run(Path workingDirectory, List<String> command) throws IOException, InterruptedException {
        // Output goes to files, so a chatty process never blocks on a full pipe.
        Path out = Files.createTempFile("tern-app-", ".out");
        Path err = Files.createTempFile("tern-app-", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the application did not finish within " + TIMEOUT_SECONDS + " s: " + command
                        + "\n" + Files.readString(out) + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
