package io.jreign.cluster;

import io.jreign.mailbox.Address;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster node in a JVM of its own, for the separate-JVM tests: starts member {@code args[1]}
 * of the spec file {@code args[0]}, spawns an echo process registered as {@code "echo"}, prints
 * {@code READY <echo address>}, and runs until killed or until its standard input ends (so it
 * never outlives the test JVM). The echo answers a {@link Messages.Ping} with a
 * {@link Messages.Pong}, and {@code Forward([replyTo], "whereis:NAME")} with
 * {@code Forward(<every claimant of NAME it sees>, NAME)} sent to {@code replyTo}.
 */
public final class RemoteNodeMain {
    private RemoteNodeMain() {}

    public static void main(String[] args) throws Exception {
        ClusterNode node = ClusterNode.start(ClusterSpec.load(Path.of(args[0])), args[1]);
        Address echo = node.node().spawn("echo", self -> {
            while (true) {
                switch (self.receive()) {
                    case Messages.Ping(Address from, int n) -> from.send(new Messages.Pong(self.address(), n));
                    case Messages.Forward(List<Address> route, String text) when text.startsWith("whereis:") -> {
                        String name = text.substring("whereis:".length());
                        route.getFirst().send(new Messages.Forward(new ArrayList<>(node.node().names().lookupAll(name)), name));
                    }
                    default -> { }
                }
            }
        });
        System.out.println("READY " + echo);
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the test closes our standard input or its JVM dies
        }
        node.close();
    }
}
