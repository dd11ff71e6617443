package io.jreign.cluster.internal;

import java.util.List;

/**
 * The messages of the cluster protocol, one per frame. The byte layout is drawn on
 * {@link FrameDecoder}; what each means:
 *
 * <pre>
 *   dialer                                   acceptor
 *     | ---- TLS 1.3, both certificates ------ |   identity = CN = URI SAN jreign://node/NAME
 *     | ---- Hello(cluster, name, inc, ser) -&gt; |   checks: name == identity, member, cluster, serializer
 *     | &lt;- Hello(...)  or  Reject(reason) ---- |   (the acceptor also settles simultaneous dials)
 *     | &lt;== NameSync parts, first..last ====&gt; |   each side's full set of name claims, first thing
 *     | &lt;== Send / Watch / Unwatch / Closed / NameChanges / Heartbeat, both ways ==&gt; |
 *     | ---- Leave ---------------------------&gt; |   on a clean close; then the TCP close
 * </pre>
 * Addresses are split: the node of an id is implied by the direction. In {@link Send}, {@link Watch}
 * and {@link Unwatch} the target lives on the receiver of the frame and the watcher on its sender;
 * in {@link Closed} the target lives on the sender and the watcher on the receiver; in
 * {@link NameSync} and {@link NameChanges} the claimants live on the sender (its current run). The
 * receiver's incarnation is carried so that traffic for an earlier run of it is recognised and
 * dropped.
 */
public sealed interface Frame {
    /** Version of this protocol, carried in {@link Hello}; peers must be equal. */
    int VERSION = 1;

    byte HELLO = 1;
    byte REJECT = 2;
    byte HEARTBEAT = 3;
    byte SEND = 4;
    byte WATCH = 5;
    byte UNWATCH = 6;
    byte CLOSED = 7;
    byte LEAVE = 8;
    byte NAME_SYNC = 9;
    byte NAME_CHANGES = 10;

    /** The longest name, in UTF-8 bytes, that travels between nodes (an Erlang atom's limit). */
    int MAX_NAME_BYTES = 255;

    /** The frame's size on the wire without the 4-byte length prefix: type byte plus body. */
    int size();

    /** Who the sender is: the first frame each way. */
    record Hello(int version, String cluster, String node, long incarnation, String serializer) implements Frame {
        @Override
        public int size() {
            return 1 + 2 + FrameDecoder.stringSize(cluster) + FrameDecoder.stringSize(node) + 4
                    + FrameDecoder.stringSize(serializer);
        }
    }

    /** The acceptor refuses the connection (instead of its Hello), then closes it. */
    record Reject(String reason) implements Frame {
        @Override
        public int size() {
            return 1 + FrameDecoder.stringSize(reason);
        }
    }

    /** Nothing to say, but alive. */
    record Heartbeat() implements Frame {
        public static final Heartbeat INSTANCE = new Heartbeat();

        @Override
        public int size() {
            return 1;
        }
    }

    /** A message for the receiver's mailbox {@code targetId}; the payload is the serializer's encoding. */
    record Send(long targetIncarnation, long targetId, byte[] payload) implements Frame {
        @Override
        public int size() {
            return 1 + 4 + 8 + payload.length;
        }
    }

    /** The sender's {@code watcherId} wants a {@link Closed} when the receiver's {@code targetId} closes. */
    record Watch(long targetIncarnation, long targetId, long watcherId) implements Frame {
        @Override
        public int size() {
            return 1 + 4 + 8 + 8;
        }
    }

    /** Withdraws a {@link Watch}. */
    record Unwatch(long targetIncarnation, long targetId, long watcherId) implements Frame {
        @Override
        public int size() {
            return 1 + 4 + 8 + 8;
        }
    }

    /** The sender's {@code targetId} closed; the reason is the serializer's encoding. */
    record Closed(long targetId, long watcherIncarnation, long watcherId, byte[] reason) implements Frame {
        @Override
        public int size() {
            return 1 + 8 + 4 + 8 + reason.length;
        }
    }

    /** The sender leaves the cluster on purpose; it closes the connection next. */
    record Leave() implements Frame {
        public static final Leave INSTANCE = new Leave();

        @Override
        public int size() {
            return 1;
        }
    }

    /**
     * One part of the sender's full set of name claims. The receiver collects the parts from a
     * {@code first} one to a {@code last} one (one part may be both), then replaces everything it
     * knew from the sender with them. Sent first on every connection, before any {@link NameChanges}.
     */
    record NameSync(boolean first, boolean last, List<Claim> claims) implements Frame {
        public NameSync {
            claims = List.copyOf(claims);
        }

        @Override
        public int size() {
            int size = 1 + 1 + 4;
            for (Claim claim : claims) {
                size += claim.size();
            }
            return size;
        }
    }

    /** Claims ({@code claimed}) and releases by the sender's mailboxes since its {@link NameSync}, in order. */
    record NameChanges(List<Change> changes) implements Frame {
        public NameChanges {
            changes = List.copyOf(changes);
        }

        @Override
        public int size() {
            int size = 1 + 4;
            for (Change change : changes) {
                size += change.size();
            }
            return size;
        }
    }

    /** The sender's mailbox {@code id} holds {@code name}. */
    record Claim(long id, String name) {
        int size() {
            return 8 + FrameDecoder.stringSize(name);
        }
    }

    /** The sender's mailbox {@code id} claimed ({@code claimed}) or released {@code name}. */
    record Change(boolean claimed, long id, String name) {
        int size() {
            return 1 + 8 + FrameDecoder.stringSize(name);
        }
    }
}
