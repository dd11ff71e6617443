package io.jreign.bench.cluster;

import io.jreign.bench.cluster.ClusterMessages.BatchEnd;
import io.jreign.bench.cluster.ClusterMessages.Call;
import io.jreign.bench.cluster.ClusterMessages.Count;
import io.jreign.bench.cluster.ClusterMessages.Reply;
import io.jreign.bench.remote.Callers;
import io.jreign.bench.remote.Child;
import io.jreign.bench.remote.Hosting;
import io.jreign.bench.remote.OneWaySink;
import io.jreign.bench.remote.Pki;
import io.jreign.bench.remote.Ports;
import io.jreign.bench.remote.RemoteJvm;
import io.jreign.bench.remote.TempDir;
import io.jreign.cluster.ClusterNode;
import io.jreign.cluster.ClusterSpec;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.Mark;
import io.jreign.mailbox.NodeEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two jreign cluster nodes on loopback, over TLS: node {@code b} in a peer JVM
 * ({@link ClusterPeerMain}) with the echo and sink processes, node {@code a} here. Certificates
 * come from certtool's library ({@link Pki}) in a temporary directory; {@link #close} stops both
 * nodes and deletes it.
 */
public final class ClusterPair implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private final TempDir dir;
    private final boolean hosted;
    private Child peer;
    private ClusterNode node;
    private Address echo;
    private Address sink;

    private ClusterPair(TempDir dir, boolean hosted) {
        this.dir = dir;
        this.hosted = hosted;
    }

    /** Starts both nodes and returns once they are connected. */
    public static ClusterPair start() {
        return start(false);
    }

    /**
     * Starts both nodes, with hosted processes ({@code ClusterNode.Builder.hostedProcesses}) when
     * {@code hosted}, and returns once they are connected.
     */
    public static ClusterPair start(boolean hosted) {
        ClusterPair pair = new ClusterPair(TempDir.create("cluster"), hosted);
        try {
            pair.open();
            return pair;
        } catch (RuntimeException | Error e) {
            pair.close();
            throw e;
        }
    }

    private void open() {
        int[] ports = Ports.free(2);
        Map<String, Integer> members = new LinkedHashMap<>();
        members.put("a", ports[0]);
        members.put("b", ports[1]);
        Pki pki = Pki.write(dir.path(), "jreign-bench", members);
        ClusterSpec spec = ClusterSpec.load(pki.specFile());
        peer = Child.start("cluster peer b", RemoteJvm.command(ClusterPeerMain.class,
                List.of(pki.specFile().toString(), "b", hosted ? "hosted" : "pooled")), Map.of(), dir.resolve("peer-b.stderr"));
        node = ClusterNode.builder(spec, "a").register(ClusterMessages.ALL).hostedProcesses(hosted)
                .busyWait(Hosting.busyWait(hosted)).start();
        String[] ready = peer.awaitLine("READY ", WAIT).split(" ");
        echo = node.node().bind(Address.parse(ready[0]));
        sink = node.node().bind(Address.parse(ready[1]));
        awaitConnected();
    }

    private void awaitConnected() {
        try (Mailbox events = node.node().newMailbox()) {
            node.node().monitorNodes(events.address());
            if (node.connected("b").isEmpty()) {
                events.receive(NodeEvent.Up.class, up -> up.node().name().equals("b"), WAIT)
                        .orElseThrow(() -> new IllegalStateException("node b did not connect within " + WAIT));
            }
            node.node().demonitorNodes(events.address());
        }
    }

    /** The local node, {@code a}. */
    public ClusterNode node() {
        return node;
    }

    /** A caller with a mailbox of its own; call from one thread at a time. */
    public Callers.Caller caller() {
        Mailbox me = node.node().newMailbox();
        return new Callers.Caller() {
            private long tag;

            @Override
            public void call() {
                long sent = ++tag;
                Mark mark = me.mark();
                echo.send(new Call(me.address(), sent));
                me.receive(mark, Reply.class, reply -> reply.tag() == sent, REPLY_TIMEOUT)
                        .orElseThrow(() -> new IllegalStateException("no reply from the echo on b within " + REPLY_TIMEOUT));
            }

            @Override
            public void close() {
                me.close();
            }
        };
    }

    /** The sink on {@code b}, sent {@code payload}; close the returned mailbox holder when done. */
    public Sink sink(Object payload) {
        return new Sink(sink, payload, node.node().newMailbox());
    }

    /** {@link OneWaySink} over the cluster; counts come back to a mailbox of this node. */
    public record Sink(Address sink, Object payload, Mailbox counts) implements OneWaySink, AutoCloseable {
        @Override
        public void send() {
            sink.send(payload);
        }

        @Override
        public void endBatch() {
            sink.send(new BatchEnd(counts.address()));
        }

        @Override
        public long awaitCount(Duration timeout) {
            return counts.receive(Count.class, timeout)
                    .orElseThrow(() -> new IllegalStateException("no count from the sink on b within " + timeout))
                    .received();
        }

        @Override
        public void close() {
            counts.close();
        }
    }

    @Override
    public void close() {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            try {
                if (peer != null) {
                    peer.close();
                }
            } finally {
                dir.close();
            }
        }
    }
}
