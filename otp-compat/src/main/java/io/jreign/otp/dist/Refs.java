package io.jreign.otp.dist;

import io.jreign.mailbox.NodeId;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Ref;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes this node's references ({@code make_ref()}): three ID words from a counter and a random
 * start, with the node's name and creation, so they are unique for the run and never equal to
 * another node's. Thread-safe.
 */
public final class Refs {
    private final Atom node;
    private final long creation;
    private final AtomicLong counter;
    private final int salt;

    /** References of {@code node}, starting from {@code seed}. */
    public Refs(NodeId node, long seed) {
        this.node = Atom.of(node.name());
        this.creation = node.incarnation();
        this.counter = new AtomicLong(seed & 0x0000_FFFF_FFFF_FFFFL);
        this.salt = (int) (seed >>> 48);
    }

    /** A new reference. */
    public Ref next() {
        long n = counter.incrementAndGet();
        return new Ref(node, creation, new int[] {(int) n & 0x3FFFF, (int) (n >>> 18), salt});
    }

    /** Whether {@code ref} was made by this node run. */
    public boolean isLocal(Ref ref) {
        return ref.node().equals(node) && ref.creation() == creation;
    }
}
