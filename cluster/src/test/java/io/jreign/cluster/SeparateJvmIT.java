package io.jreign.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.cluster.Messages.Forward;
import io.jreign.cluster.Messages.Ping;
import io.jreign.cluster.Messages.Pong;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.CloseNotification;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.NodeEvent;
import io.jreign.mailbox.Reason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node b in a JVM of its own: killed with SIGKILL (no Leave, the kernel resets the connection) and
 * frozen with SIGSTOP (the connection stays open but silent: only the heartbeat timeout can tell).
 * Its echo process is registered as "echo", a cluster-wide name.
 */
class SeparateJvmIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    TestCluster cluster;
    ClusterNode a;
    final List<Process> children = new ArrayList<>();

    /** A child JVM running {@link RemoteNodeMain} as {@code name}; returns it with its echo's address. */
    private record Child(Process process, Address echo) {}

    @BeforeEach
    void setUp() {
        cluster = new TestCluster(dir, "a", "b");
        cluster.timeouts("""
                {"heartbeatInterval": "200ms", "heartbeatTimeout": "2s", "connectTimeout": "3s",
                 "reconnectMin": "50ms", "reconnectMax": "500ms"}""");
        a = cluster.start("a");
    }

    @AfterEach
    void tearDown() {
        for (Process child : children) {
            signal(child, "CONT");
            child.destroyForcibly();
        }
        cluster.close();
    }

    private Child startChild(String name) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-cp", classPath));
        String logging = System.getProperty("java.util.logging.config.file");
        if (logging != null) {
            command.add("-Djava.util.logging.config.file=" + logging);
        }
        command.addAll(List.of(RemoteNodeMain.class.getName(), dir.resolve("cluster.json").toString(), name));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        children.add(process);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                String read;
                while ((read = out.readLine()) != null) {
                    if (read.startsWith("READY ")) {
                        return read.substring("READY ".length());
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(line != null, "the child node started");
        return new Child(process, a.node().bind(Address.parse(line)));
    }

    private static void signal(Process process, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void pingPong(Address echo) {
        try (Mailbox me = a.node().newMailbox()) {
            echo.send(new Ping(me.address(), 1));
            assertEquals(echo, me.receive(Pong.class, WAIT).orElseThrow().from());
        }
    }

    @Test
    void aKilledJvmIsSeenDownAtOnceAndItsNextRunIsReconnected() throws Exception {
        try (Mailbox events = a.node().newMailbox(); Mailbox watcher = a.node().newMailbox()) {
            a.node().monitorNodes(events.address());
            Child b = startChild("b");
            assertEquals(new NodeEvent.Up(b.echo().node()), events.receive(NodeEvent.class, WAIT).orElseThrow());
            pingPong(b.echo());
            b.echo().onCloseNotify(watcher.address());
            await().atMost(WAIT).until(() -> a.stats().messagesReceived() >= 1);

            b.process().destroyForcibly(); // SIGKILL
            assertEquals(new CloseNotification(b.echo(), Reason.NO_CONNECTION),
                    watcher.receive(CloseNotification.class, WAIT).orElseThrow());
            assertEquals(new NodeEvent.Down(b.echo().node(), Reason.NO_CONNECTION), events.receive(NodeEvent.class, WAIT).orElseThrow());
            assertEquals(Optional.empty(), a.node().names().lookup("echo"), "the killed node's name went with it");

            Child again = startChild("b");
            assertNotEquals(b.echo().node(), again.echo().node(), "a new incarnation");
            assertEquals(new NodeEvent.Up(again.echo().node()), events.receive(NodeEvent.class, WAIT).orElseThrow());
            await().atMost(WAIT).until(() -> a.node().names().lookup("echo").equals(Optional.of(again.echo())));
            long stale = a.stats().droppedStale();
            b.echo().send(new Ping(watcher.address(), 2));
            assertEquals(stale + 1, a.stats().droppedStale(), "the dead run's address is dropped and counted");
            pingPong(again.echo());
        }
    }

    @Test
    void aNameRegisteredInAnotherJvmIsSeenAndSentToByName() throws Exception {
        try (Mailbox me = a.node().newMailbox()) {
            Mailbox mine = a.node().newMailbox();
            a.node().names().register("on-a", mine.address());
            Child b = startChild("b");
            await().atMost(WAIT).until(() -> a.node().names().lookup("echo").equals(Optional.of(b.echo())));
            assertEquals(List.of(b.echo()), a.node().names().lookupAll("echo"));
            a.node().send("echo", new Ping(me.address(), 7));
            assertEquals(new Pong(b.echo(), 7), me.receive(Pong.class, WAIT).orElseThrow());
            // and the child sees ours
            a.node().send("echo", new Forward(new ArrayList<>(List.of(me.address())), "whereis:on-a"));
            assertEquals(new Forward(List.of(mine.address()), "on-a"), me.receive(Forward.class, WAIT).orElseThrow());
            mine.close(); // the release goes out before the next message to b
            a.node().send("echo", new Forward(new ArrayList<>(List.of(me.address())), "whereis:on-a"));
            assertEquals(new Forward(List.of(), "on-a"), me.receive(Forward.class, WAIT).orElseThrow());
        }
    }

    @Test
    void aFrozenJvmIsDeclaredDownByTheHeartbeatTimeoutAndReconnectedWhenItThaws() throws Exception {
        try (Mailbox events = a.node().newMailbox(); LogCapture log = LogCapture.of("io.jreign.cluster")) {
            a.node().monitorNodes(events.address());
            Child b = startChild("b");
            assertEquals(new NodeEvent.Up(b.echo().node()), events.receive(NodeEvent.class, WAIT).orElseThrow());
            pingPong(b.echo());

            signal(b.process(), "STOP");
            long stoppedAt = System.nanoTime();
            assertEquals(new NodeEvent.Down(b.echo().node(), Reason.NO_CONNECTION), events.receive(NodeEvent.class, WAIT).orElseThrow());
            long silentMillis = (System.nanoTime() - stoppedAt) / 1_000_000;
            assertTrue(silentMillis >= 1_500, "down only after the heartbeat timeout, not at once: " + silentMillis + " ms");
            assertTrue(log.has("heartbeat timeout"), log.lines().toString());

            signal(b.process(), "CONT");
            assertEquals(new NodeEvent.Up(b.echo().node()), events.receive(NodeEvent.class, WAIT).orElseThrow());
            pingPong(b.echo()); // the same run: its mailboxes are still there
        }
    }
}
