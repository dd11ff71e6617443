package io.jreign.chat.demo;

import io.jreign.chat.ChatMain;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code sample-chat/bin/chat-demo}: starts chat nodes 1 and 2 in two JVMs at the same time on a
 * fresh cluster directory (the first run's setup, raced by both), waits until each sees the other
 * join, has them exchange lines, asks {@code /who}, lets node 2 quit (node 1 sees it leave), then
 * quits node 1. Everything each node prints is shown as it comes, prefixed {@code [1]} or
 * {@code [2]}; what the script types is shown as {@code [1] > text}. Exit status 0 when every step
 * happened, 1 with the step that did not.
 */
public final class ChatDemo {
    private final PrintStream out;

    private ChatDemo(PrintStream out) {
        this.out = out;
    }

    /** Runs the demo. */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.exit(new ChatDemo(out).run());
    }

    private int run() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("jreign-chat-demo-");
        int basePort = freePortPair();
        List<DemoNode> nodes = new ArrayList<>();
        Thread cleanup = new Thread(() -> nodes.forEach(DemoNode::close), "chat-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            out.println("chat-demo: two chat nodes, each a JVM of its own, on a cluster made for this demo in " + dir);
            out.println("chat-demo: starting node 1 and node 2 at once (sample-chat/bin/chat N --dir " + dir
                    + " --base-port " + basePort + "); one makes the CA and certificates, the other waits for them");
            DemoNode one = start("1", dir, basePort, nodes);
            DemoNode two = start("2", dir, basePort, nodes);
            one.expect("*** 2 joined");
            two.expect("*** 1 joined");

            one.type("hello from node 1");
            two.expect("<1> hello from node 1");
            two.type("hi 1! this line went over mutual TLS as a Kryo-encoded record");
            one.expect("<2> hi 1! this line went over mutual TLS as a Kryo-encoded record");
            one.type("/who");
            one.expect("*** online: 1 (you), 2");

            two.type("/quit");
            one.expect("*** 2 left");
            int twoExit = two.awaitExit();
            one.type("/quit");
            int oneExit = one.awaitExit();
            deleteTree(dir); // it holds a CA key; a real chat keeps its cluster in ~/.jreign-chat
            out.println("chat-demo: done; both nodes exited (status " + oneExit + " and " + twoExit
                    + ") and the demo's cluster directory is removed.");
            out.println("chat-demo: now in two terminals: sample-chat/bin/chat 1   and   sample-chat/bin/chat 2");
            return oneExit == 0 && twoExit == 0 ? 0 : 1;
        } catch (DemoNode.DemoFailure failure) {
            out.println("chat-demo: FAILED: " + failure.getMessage());
            out.println("chat-demo: the nodes' logs are in " + dir.resolve("logs") + " (kept)");
            return 1;
        } finally {
            nodes.forEach(DemoNode::close);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private DemoNode start(String name, Path dir, int basePort, List<DemoNode> nodes) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), ChatMain.class.getName(),
                name, "--dir", dir.toString(), "--base-port", Integer.toString(basePort));
        DemoNode node = DemoNode.start(name, command, out);
        nodes.add(node);
        return node;
    }

    /** A port p on 127.0.0.1 free now, with p + 1 free too (nodes 1 and 2). */
    private static int freePortPair() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0, 1, loopback)) {
                int port = first.getLocalPort();
                if (port < 65_535) {
                    try (ServerSocket second = new ServerSocket(port + 1, 1, loopback)) {
                        return port;
                    } catch (IOException taken) {
                        // try another pair
                    }
                }
            }
        }
        throw new IOException("found no two consecutive free ports on " + loopback);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
