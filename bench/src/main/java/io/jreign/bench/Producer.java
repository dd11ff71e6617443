package io.jreign.bench;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.MailboxClosedException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One producer thread's side of {@link OneWaySend}: it sends batches and keeps at most two of them
 * in flight (it sends batch k, then waits for the consumer's ack of batch k-1), so memory stays
 * bounded while the consumer never runs dry waiting for the producer to wake.
 */
@State(Scope.Thread)
public class Producer {
    private Mailbox acks;
    private DrainingConsumer.BatchEnd end;
    private boolean previousInFlight;

    @Setup(Level.Trial)
    public void open(DrainingConsumer consumer) {
        acks = consumer.node.newMailbox();
        end = new DrainingConsumer.BatchEnd(acks.address());
    }

    /** Sends {@code size} messages (the last one a batch end) and waits for the previous batch's ack. */
    public void sendBatch(Address consumer, int size) {
        for (int i = 1; i < size; i++) {
            consumer.send(Signal.MSG);
        }
        consumer.send(end);
        if (previousInFlight) {
            acks.receive();
        }
        previousInFlight = true;
    }

    /**
     * Waits for the last batch, so nothing is in flight between iterations. After the last
     * iteration JMH may close the shared node (the consumer's trial teardown, run by whichever
     * thread ends first) while another producer is still here: then there is nothing to settle.
     */
    @TearDown(Level.Iteration)
    public void settle() {
        if (previousInFlight) {
            previousInFlight = false;
            try {
                acks.receive();
            } catch (MailboxClosedException nodeClosed) {
                // the trial is over
            }
        }
    }
}
