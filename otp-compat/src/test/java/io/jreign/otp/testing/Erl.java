package io.jreign.otp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the installed Erlang/OTP (erl, erlc, epmd) as subprocesses for interoperability tests. */
public final class Erl {
    private static volatile Boolean available;

    private Erl() {
    }

    /** Whether erl and erlc are installed and run. */
    public static boolean available() {
        Boolean known = available;
        if (known == null) {
            known = onPath("erlc") && runs(List.of("erl", "-noshell", "-noinput", "-eval", "halt()."));
            available = known;
        }
        return known;
    }

    /** Whether the epmd binary is installed. */
    public static boolean epmdAvailable() {
        return onPath("epmd");
    }

    private static boolean onPath(String program) {
        return runs(List.of("sh", "-c", "command -v " + program));
    }

    private static boolean runs(List<String> command) {
        Process p = null;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (p != null) {
                kill(p);
            }
        }
    }

    /** Compiles the test resource {@code erlang/<module>.erl} into {@code outDir}. */
    public static void compile(String module, Path outDir) throws IOException, InterruptedException {
        Path source = outDir.resolve(module + ".erl");
        try (InputStream in = Erl.class.getResourceAsStream("/erlang/" + module + ".erl")) {
            if (in == null) {
                throw new IOException("no test resource erlang/" + module + ".erl");
            }
            Files.copy(in, source);
        }
        Process erlc = new ProcessBuilder("erlc", "-o", outDir.toString(), source.toString())
                .redirectErrorStream(true).start();
        try {
            String output = new String(erlc.getInputStream().readAllBytes());
            if (!erlc.waitFor(60, TimeUnit.SECONDS) || erlc.exitValue() != 0) {
                throw new IOException("erlc " + module + " failed: " + output);
            }
        } finally {
            kill(erlc);
        }
    }

    /** Starts {@code command} with extra environment, stderr to {@code stderr}; stdout is a pipe. */
    public static Process start(List<String> command, Map<String, String> env, Path stderr) throws IOException {
        return start(command, env, stderr, null);
    }

    /** Starts {@code command} with extra environment, stderr to {@code stderr}, stdout to {@code stdout} (or a pipe if null). */
    public static Process start(List<String> command, Map<String, String> env, Path stderr, Path stdout)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
        builder.environment().putAll(env);
        builder.redirectError(stderr.toFile());
        if (stdout != null) {
            builder.redirectOutput(stdout.toFile());
        }
        return builder.start();
    }

    /** Deletes {@code dir} and everything in it, if it exists. */
    public static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Kills {@code process} and everything it started, and waits for it. */
    public static void kill(Process process) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A TCP port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of a file, or a note that it cannot be read. */
    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
