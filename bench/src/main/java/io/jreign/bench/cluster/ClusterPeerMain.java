package io.jreign.bench.cluster;

import io.jreign.bench.cluster.ClusterMessages.BatchEnd;
import io.jreign.bench.cluster.ClusterMessages.Call;
import io.jreign.bench.cluster.ClusterMessages.Count;
import io.jreign.bench.cluster.ClusterMessages.Reply;
import io.jreign.bench.remote.Hosting;
import io.jreign.bench.remote.Lifeline;
import io.jreign.cluster.ClusterNode;
import io.jreign.cluster.ClusterSpec;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mailbox;
import java.nio.file.Path;
import java.util.List;

/**
 * The far node of the cluster benchmarks, in a JVM of its own: {@code ClusterPeerMain SPEC NAME
 * hosted|pooled} starts member NAME of the spec file (with hosted processes or not), spawns the echo and sink processes (see
 * {@link ClusterMessages}), prints {@code READY <echo> <sink>} and runs until its standard input ends.
 */
public final class ClusterPeerMain {
    private ClusterPeerMain() {}

    public static void main(String[] args) {
        if (args.length != 3 || !List.of("hosted", "pooled").contains(args[2])) {
            System.err.println("usage: ClusterPeerMain SPEC_FILE NODE_NAME hosted|pooled");
            System.exit(2);
        }
        ClusterSpec spec = ClusterSpec.load(Path.of(args[0]));
        boolean hosted = args[2].equals("hosted");
        try (ClusterNode node = ClusterNode.builder(spec, args[1]).register(ClusterMessages.ALL).hostedProcesses(hosted)
                .busyWait(Hosting.busyWait(hosted)).start()) {
            Address echo = node.node().spawn("echo", ClusterPeerMain::echo);
            Address sink = node.node().spawn("sink", ClusterPeerMain::sink);
            System.out.println("READY " + echo + " " + sink);
            System.out.flush();
            Lifeline.awaitEnd();
        }
    }

    private static void echo(Mailbox self) {
        while (true) {
            if (self.receive() instanceof Call(Address from, long tag)) {
                from.send(new Reply(tag));
            }
        }
    }

    private static void sink(Mailbox self) {
        long received = 0;
        while (true) {
            Object message = self.receive();
            received++;
            if (message instanceof BatchEnd(Address from)) {
                from.send(new Count(received));
            }
        }
    }
}
