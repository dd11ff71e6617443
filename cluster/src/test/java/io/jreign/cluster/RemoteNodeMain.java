package io.jreign.cluster;

import io.jreign.mailbox.Address;
import java.nio.file.Path;

/**
 * A cluster node in a JVM of its own, for the separate-JVM tests: starts member {@code args[1]}
 * of the spec file {@code args[0]}, spawns an echo process, prints {@code READY <echo address>},
 * and runs until killed or until its standard input ends (so it never outlives the test JVM).
 */
public final class RemoteNodeMain {
    private RemoteNodeMain() {}

    public static void main(String[] args) throws Exception {
        ClusterNode node = ClusterNode.start(ClusterSpec.load(Path.of(args[0])), args[1]);
        Address echo = node.node().spawn("echo", self -> {
            while (true) {
                if (self.receive() instanceof Messages.Ping(Address from, int n)) {
                    from.send(new Messages.Pong(self.address(), n));
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
