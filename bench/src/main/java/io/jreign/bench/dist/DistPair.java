package io.jreign.bench.dist;

import io.jreign.bench.remote.Callers;
import io.jreign.bench.remote.Child;
import io.jreign.bench.remote.Hosting;
import io.jreign.bench.remote.OneWaySink;
import io.jreign.bench.remote.TempDir;
import io.jreign.mailbox.Address;
import io.jreign.otp.OtpNode;
import io.jreign.otp.OtpNodeConfig;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.gen.GenServer;
import io.jreign.otp.process.Proc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The Java→erl workloads' two nodes: an erl node running {@code bench_dist_server} (echo and
 * sink) and a jreign {@link OtpNode} here, over plain distribution with a private EPMD.
 * {@link #close} stops both.
 */
public final class DistPair implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    static final String COOKIE = "jreign_bench";
    private static final Atom PING = Atom.of("ping");

    private final TempDir dir = TempDir.create("dist");
    private final Beams beams;
    private final boolean hosted;
    private Epmd epmd;
    private Child erl;
    private OtpNode java;
    private String erlName;
    private Tuple echo;

    private DistPair(Beams beams, boolean hosted) {
        this.beams = beams;
        this.hosted = hosted;
    }

    /** Starts the erl node (with {@code beams}) and the Java node, and connects them. */
    public static DistPair start(Beams beams) {
        return start(beams, false);
    }

    /**
     * Starts the erl node and the Java node, with hosted processes ({@code OtpNodeConfig.withHostedProcesses})
     * when {@code hosted}, and connects them.
     */
    public static DistPair start(Beams beams, boolean hosted) {
        DistPair pair = new DistPair(beams, hosted);
        try {
            pair.open();
            return pair;
        } catch (RuntimeException | Error e) {
            pair.close();
            throw e;
        }
    }

    private void open() {
        epmd = Epmd.open();
        String suffix = Long.toString(ProcessHandle.current().pid());
        erlName = "jrbench_erl" + suffix + "@localhost";
        erl = new ErlNode(beams, epmd.port(), COOKIE, dir.path()).server(erlName, Optional.empty());
        try {
            OtpNodeConfig config = OtpNodeConfig.of("jrbench_java" + suffix + "@localhost", COOKIE)
                    .withEpmdPort(epmd.port()).withHostedProcesses(hosted);
            java = OtpNode.start(config.withDist(config.dist().withReaderBusyWait(Hosting.busyWait(hosted))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Java node", e);
        }
        if (!java.ping(erlName, WAIT)) {
            throw new IllegalStateException("the Java node cannot reach " + erlName);
        }
        echo = Tuple.of(Atom.of("echo"), Atom.of(erlName));
    }

    /** The Java node. */
    public OtpNode java() {
        return java;
    }

    /** A caller with a process of its own: {@code gen_server:call({echo, ErlNode}, ping)}. */
    public Callers.Caller caller() {
        Proc self = java.newProc();
        return new Callers.Caller() {
            @Override
            public void call() {
                Object answer = GenServer.call(self, echo, PING, CALL_TIMEOUT);
                if (!PING.equals(answer)) {
                    throw new IllegalStateException("echo answered " + answer);
                }
            }

            @Override
            public void close() {
                self.close();
            }
        };
    }

    /** The erl node's sink, sent {@code payload} from a process of this node; close when done. */
    public Sink sink(Object payload) {
        Proc self = java.newProc();
        self.send("sink", erlName, Tuple.of(DistSink.HELLO, self.self()));
        Tuple hello = self.receive(Tuple.class, t -> t.size() == 2 && DistSink.SINK.equals(t.get(0)), WAIT)
                .orElseThrow(() -> new IllegalStateException("no sink on " + erlName));
        return new Sink(self, (Address) hello.get(1), payload);
    }

    /** {@link OneWaySink} over DIST: {@code Sink ! Payload}, {@code Sink ! {batch_end, self()}}, {@code {ack, Count}} back. */
    public record Sink(Proc self, Address sink, Object payload) implements OneWaySink, AutoCloseable {
        @Override
        public void send() {
            self.send(sink, payload);
        }

        @Override
        public void endBatch() {
            self.send(sink, Tuple.of(DistSink.BATCH_END, self.self()));
        }

        @Override
        public long awaitCount(Duration timeout) {
            Tuple ack = self.receive(Tuple.class, t -> t.size() == 2 && DistSink.ACK.equals(t.get(0)), timeout)
                    .orElseThrow(() -> new IllegalStateException("no ack from the erl sink within " + timeout));
            return ((Number) ack.get(1)).longValue();
        }

        @Override
        public void close() {
            self.close();
        }
    }

    @Override
    public void close() {
        try {
            if (java != null) {
                java.close();
            }
        } finally {
            try {
                if (erl != null) {
                    erl.close();
                }
            } finally {
                try {
                    if (epmd != null) {
                        epmd.close();
                    }
                } finally {
                    dir.close();
                }
            }
        }
    }
}
