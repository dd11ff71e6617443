package io.jreign.chat;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A process started from one of the module's launchers ({@code bin/chat}, {@code bin/chat-demo}),
 * its stdout and stderr captured line by line, its stdin open for typing. {@link #awaitLine} reads
 * forward like a person at the terminal: each expected line must come after the previous one.
 */
final class ChatProcess implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(90);

    final String name;
    private final Process process;
    private final Writer stdin;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private int cursor;

    private ChatProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = process.outputWriter(StandardCharsets.UTF_8);
        Thread.ofVirtual().name(name + "-stdout").start(() -> copy(process.getInputStream(), out));
        Thread.ofVirtual().name(name + "-stderr").start(() -> copy(process.getErrorStream(), err));
    }

    /** The module's launchers: the failsafe configuration names them, else {@code bin}. */
    static Path bin() {
        return Path.of(System.getProperty("jreign.chat.bin", "bin")).toAbsolutePath();
    }

    /** Runs {@code bin/<launcher> args...}; the caller closes it. */
    static ChatProcess start(String name, String launcher, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(bin().resolve(launcher).toString()));
        command.addAll(List.of(args));
        return new ChatProcess(name, new ProcessBuilder(command).start());
    }

    private static void copy(InputStream stream, List<String> into) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                into.add(line);
            }
        } catch (IOException e) {
            into.add("(unreadable: " + e + ")");
        }
    }

    /** Types a line, as at the terminal. */
    void type(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** Waits until {@code expected} is printed after the line the last wait matched, and moves past it. */
    void awaitLine(String expected) {
        await().alias(name + " prints \"" + expected + "\" (after line " + cursor + "); stdout " + out + ", stderr " + err)
                .atMost(WAIT)
                .until(() -> out.subList(cursor, out.size()).contains(expected));
        cursor += out.subList(cursor, out.size()).indexOf(expected) + 1;
    }

    /** Waits for the process to exit; returns its status. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not exit within " + WAIT + "; stdout " + out + ", stderr " + err);
        }
        return process.exitValue();
    }

    /** Kills the process with SIGKILL (no goodbye, no shutdown hook) and waits until it is gone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Every stdout line so far. */
    List<String> stdout() {
        return List.copyOf(out);
    }

    /** Every stderr line so far. */
    List<String> stderr() {
        return List.copyOf(err);
    }

    /** Kills it and anything it started, if still running. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** A port p on 127.0.0.1 free now, with p + 1 free too (chat nodes 1 and 2). */
    static int freePortPair() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0, 1, loopback)) {
                int port = first.getLocalPort();
                if (port < 65_535) {
                    try (ServerSocket second = new ServerSocket(port + 1, 1, loopback)) {
                        return port;
                    } catch (IOException taken) {
                        // another pair
                    }
                }
            }
        }
        throw new IOException("no two consecutive free ports on " + loopback);
    }
}
