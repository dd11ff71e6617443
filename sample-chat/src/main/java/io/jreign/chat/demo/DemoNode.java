package io.jreign.chat.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One chat node in a JVM of its own, for the demo: what it prints is shown at once as
 * {@code   [1] line}, and the script can type into it and wait for a line.
 */
final class DemoNode implements AutoCloseable {
    /** How long the script waits for one expected line. */
    static final long WAIT_SECONDS = 60;
    private static final String END = "\0end of output";

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final PrintStream show;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Deque<String> recent = new ArrayDeque<>();

    private DemoNode(String name, Process process, PrintStream show) {
        this.name = name;
        this.process = process;
        this.show = show;
        this.stdin = process.outputWriter(StandardCharsets.UTF_8);
    }

    /** Starts {@code command} as node {@code name}; its stderr goes to this JVM's. */
    static DemoNode start(String name, List<String> command, PrintStream show) throws IOException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        DemoNode node = new DemoNode(name, process, show);
        Thread.ofVirtual().name("demo-node-" + name).start(node::copyOutput);
        return node;
    }

    private void copyOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                show.println("  [" + name + "] " + line);
                lines.add(line);
            }
        } catch (IOException e) {
            show.println("  [" + name + "] (output unreadable: " + e + ")");
        } finally {
            lines.add(END);
        }
    }

    /** Types {@code line} into the node, showing it as {@code   [1] > line}. */
    void type(String line) throws IOException {
        show.println("  [" + name + "] > " + line);
        stdin.write(line + "\n");
        stdin.flush();
    }

    /**
     * Waits for the node to print {@code expected}, skipping other lines.
     *
     * @throws DemoFailure when it exits or stays silent for {@value #WAIT_SECONDS} s first
     */
    void expect(String expected) throws InterruptedException {
        while (true) {
            String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (line == null || line.equals(END)) {
                throw new DemoFailure("node " + name + (line == null ? " printed nothing for " + WAIT_SECONDS + " s" : " exited")
                        + " while the demo waited for \"" + expected + "\"; its last lines: " + recent);
            }
            recent.addLast(line);
            if (recent.size() > 5) {
                recent.removeFirst();
            }
            if (line.equals(expected)) {
                return;
            }
        }
    }

    /** Waits for the process to exit and returns its status. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new DemoFailure("node " + name + " did not exit within " + WAIT_SECONDS + " s after /quit");
        }
        return process.exitValue();
    }

    /** Kills the process if it still runs (the demo failed or was interrupted). */
    @Override
    public void close() {
        process.destroyForcibly();
    }

    /** The demo could not go on; the message says where it stopped. */
    static final class DemoFailure extends RuntimeException {
        DemoFailure(String message) {
            super(message);
        }
    }
}
