package io.jreign.bench.dist;

import io.jreign.mailbox.Address;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.process.Proc;

/**
 * The sink of the one-way workloads on a Java node, the same as {@code bench_dist_server.erl}'s:
 * <pre>
 *   {hello, From}      -> From ! {sink, self()}
 *   {batch_end, From}  -> From ! {ack, Count}   Count: messages received so far, this one included
 *   anything else      -> counted
 * </pre>
 */
final class DistSink {
    static final Atom HELLO = Atom.of("hello");
    static final Atom SINK = Atom.of("sink");
    static final Atom BATCH_END = Atom.of("batch_end");
    static final Atom ACK = Atom.of("ack");
    /** The small one-way message, as bench_dist.erl sends it. */
    static final Atom MSG = Atom.of("msg");

    private DistSink() {}

    static void run(Proc self) {
        long received = 0;
        while (true) {
            Object message = self.receive();
            if (message instanceof Tuple t && t.size() == 2 && t.get(1) instanceof Address from) {
                if (HELLO.equals(t.get(0))) {
                    self.send(from, Tuple.of(SINK, self.self()));
                    continue;
                }
                if (BATCH_END.equals(t.get(0))) {
                    self.send(from, Tuple.of(ACK, ++received));
                    continue;
                }
            }
            received++;
        }
    }
}
