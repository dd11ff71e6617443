package io.jreign.bench.cluster;

import io.jreign.mailbox.Address;

/**
 * What the two cluster nodes of the benchmarks send each other, registered with Kryo in
 * {@link #ALL}'s order on both nodes.
 *
 * <pre>
 *  echo:  Call(from, tag)      -> from ! Reply(tag)
 *  sink:  BatchEnd(from)       -> from ! Count(received so far, this one included)
 *         Small.MSG, Kilobyte  -> counted
 * </pre>
 */
public final class ClusterMessages {
    private ClusterMessages() {}

    /** A call to the echo process; the gen_server:call analogue (the caller receives after a mark). */
    public record Call(Address from, long tag) {}

    /** The echo process's answer. */
    public record Reply(long tag) {}

    /** The small one-way message (Erlang: the atom {@code msg}). */
    public enum Small {
        MSG
    }

    /** The 1 KB one-way message (Erlang: a 1,024-byte binary). */
    public record Kilobyte(byte[] bytes) {
        public static final Kilobyte ZEROS = new Kilobyte(new byte[1024]);
    }

    /** Closes a one-way batch: the sink answers with its {@link Count}. */
    public record BatchEnd(Address from) {}

    /** The sink's count of messages received. */
    public record Count(long received) {}

    /** The classes to register, in this order, on every node. */
    public static final Class<?>[] ALL = {Call.class, Reply.class, Small.class, Kilobyte.class, BatchEnd.class, Count.class};
}
