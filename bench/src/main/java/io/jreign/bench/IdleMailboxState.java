package io.jreign.bench;

import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.Node;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;

/** {@link IdleMailboxes}'s state: a fresh node each iteration and an array, allocated up front, that holds the mailboxes. */
@State(Scope.Thread)
public class IdleMailboxState {
    @Param("1000000")
    public int count;

    private Mailbox[] mailboxes;
    private Node node;
    private long heapBefore;

    @Setup(Level.Trial)
    public void allocate() {
        mailboxes = new Mailbox[count];
    }

    @Setup(Level.Iteration)
    public void startNode() {
        node = Node.start("bench-idle");
        heapBefore = HeapMeter.usedAfterFullGc();
    }

    /** Creates {@link #count} mailboxes. */
    public void createAll() {
        for (int i = 0; i < count; i++) {
            mailboxes[i] = node.newMailbox();
        }
    }

    @TearDown(Level.Iteration)
    public void measureAndClose(Footprint footprint, IterationParams iteration) {
        footprint.record(heapDelta(), count, iteration);
        closeAll();
    }

    /** Heap used now minus before the mailboxes were created, both after full GC. */
    long heapDelta() {
        return HeapMeter.usedAfterFullGc() - heapBefore;
    }

    /** Closes the node, and with it every mailbox. */
    void closeAll() {
        node.close();
        Arrays.fill(mailboxes, null);
    }
}
