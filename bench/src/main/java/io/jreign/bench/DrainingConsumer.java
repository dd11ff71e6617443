package io.jreign.bench;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.Node;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One consumer process, shared by all producer threads, that receives everything and answers each
 * {@link BatchEnd} with {@link Signal#ACK} to the producer that sent it.
 */
@State(Scope.Benchmark)
public class DrainingConsumer {
    /** The last message of a producer's batch: as sends from one sender keep their order, all of that batch is in. */
    record BatchEnd(Address producer) {}

    Node node;
    Address consumer;

    @Setup(Level.Trial)
    public void start() {
        node = Node.start("bench-oneway");
        consumer = node.spawn(DrainingConsumer::drain);
    }

    @TearDown(Level.Trial)
    public void stop() {
        node.close();
    }

    private static void drain(Mailbox self) {
        while (true) {
            if (self.receive() instanceof BatchEnd(Address producer)) {
                producer.send(Signal.ACK);
            }
        }
    }
}
