package io.jreign.bench.remote;

import io.jreign.mailbox.spi.Clock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A process a benchmark started: a peer JVM, or an erl node. Its standard output is read line by
 * line ({@link #awaitLine}), its standard error goes to a file, and its standard input stays open
 * as a lifeline: every peer this package starts exits when its input ends, so it dies with its
 * parent even when the parent is killed. {@link #close} ends the input, gives the process a moment
 * to leave, then kills it and everything it started, and waits.
 */
public final class Child implements AutoCloseable {
    private static final Clock CLOCK = Clock.system();
    private static final String END = "\0end";
    private static final int KEPT_LINES = 40;
    private static final Duration LEAVE = Duration.ofSeconds(5);

    private final String name;
    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final ArrayDeque<String> seen = new ArrayDeque<>();

    private Child(String name, Process process, Path stderr) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
        Thread.ofVirtual().name("child-out-" + name).start(this::readOutput);
    }

    /**
     * Starts {@code command} with {@code environment} added to this process's.
     *
     * @param name   for messages
     * @param stderr where its standard error goes
     */
    public static Child start(String name, List<String> command, Map<String, String> environment, Path stderr) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.redirectError(stderr.toFile());
        try {
            return new Child(name, builder.start(), stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process is gone; END below says so
        }
        lines.add(END);
    }

    /**
     * Waits for a line starting with {@code prefix}, skipping others.
     *
     * @return the rest of that line
     * @throws IllegalStateException if the process ends first or {@code timeout} passes, with
     *                               its last output and standard error
     */
    public String awaitLine(String prefix, Duration timeout) {
        long deadline = CLOCK.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                String line = lines.poll(Math.max(0, deadline - CLOCK.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.equals(END)) {
                    if (line != null) {
                        lines.add(END);
                    }
                    throw new IllegalStateException(name + (line == null ? " printed no " + prefix.strip() + " within "
                            + timeout : " ended before printing " + prefix.strip()) + report());
                }
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length());
                }
                remember(line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + name, e);
        }
    }

    /**
     * Waits for the process to exit by itself.
     *
     * @return every line of standard output not taken by {@link #awaitLine}
     * @throws IllegalStateException if it does not exit within {@code timeout} or exits with a
     *                               non-zero status
     */
    public List<String> awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " did not finish within " + timeout + report());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + name, e);
        }
        List<String> rest = new ArrayList<>();
        try {
            for (String line = lines.poll(LEAVE.toMillis(), TimeUnit.MILLISECONDS); line != null && !line.equals(END);
                    line = lines.poll(LEAVE.toMillis(), TimeUnit.MILLISECONDS)) {
                rest.add(line);
                remember(line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(name + " exited with status " + process.exitValue() + report());
        }
        return rest;
    }

    private synchronized void remember(String line) {
        if (seen.size() == KEPT_LINES) {
            seen.removeFirst();
        }
        seen.addLast(line);
    }

    private synchronized String report() {
        String errors;
        try {
            errors = Files.readString(stderr);
        } catch (IOException e) {
            errors = "(cannot read " + stderr + ")";
        }
        if (errors.length() > 4000) {
            errors = "..." + errors.substring(errors.length() - 4000);
        }
        return "\n  last output: " + String.join("\n    ", seen) + "\n  standard error (" + stderr + "):\n" + errors;
    }

    /** The process id, for messages. */
    public long pid() {
        return process.pid();
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Ends the lifeline, waits a moment, then kills the process and its descendants. Idempotent. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed: the process is going anyway
        }
        try {
            process.waitFor(LEAVE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
