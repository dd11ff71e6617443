package io.jreign.otp.dist;

import java.time.Duration;

/**
 * Limits and timers of distribution connections.
 *
 * @param tickTime         Erlang's {@code net_ticktime}: a connection sends a tick (an empty
 *                         packet) after a quarter of it without other output, and is considered
 *                         down after four quarters without any input (default 60 s)
 * @param handshakeTimeout how long a handshake may take before the socket is closed (default 10 s)
 * @param connectTimeout   how long opening a TCP connection may take (default 5 s)
 * @param maxPacketSize    the largest packet accepted from a peer (default 64 MiB + 1 KiB)
 * @param maxMessageSize   the largest term accepted, and the largest reassembled fragmented
 *                         message (default 64 MiB)
 * @param maxNewAtoms      how many atoms remote input may create, over all connections (default
 *                         65,536)
 * @param fragmentSize     the most data bytes in one outgoing fragment (default 64 KiB)
 * @param maxReassembly    how many fragmented messages a peer may have in flight (default 64)
 * @param busyLimit        bytes waiting to be written on a connection from which on it is busy
 *                         and senders wait (Erlang's {@code dist_buf_busy_limit}, default 1 MiB);
 *                         a message is queued whole once the queue is below the limit, whatever
 *                         its size
 * @param busyTimeout      how long a sender waits for a busy connection, on the node's clock
 *                         (default 10 s; {@code Duration.ZERO}: not at all)
 * @param busyPolicy       what happens to a message whose sender waited that long (default
 *                         {@link BusyPolicy#DISCONNECT})
 * @param readerBusyWait   how long a connection's reader, out of input, keeps polling its socket
 *                         before it blocks in the kernel, as a BEAM scheduler busy-waits
 *                         ({@code +sbwt}): the peer's next packet then needs no thread wake-up.
 *                         Costs up to that much CPU after each burst of input; pays most with
 *                         hosted processes (default zero: block at once; at most 1 s)
 */
public record DistConfig(Duration tickTime, Duration handshakeTimeout, Duration connectTimeout, int maxPacketSize,
                         int maxMessageSize, int maxNewAtoms, int fragmentSize, int maxReassembly, int busyLimit,
                         Duration busyTimeout, BusyPolicy busyPolicy, Duration readerBusyWait) {

    /**
     * @throws IllegalArgumentException if a value is out of range
     */
    public DistConfig {
        if (tickTime.compareTo(Duration.ofMillis(400)) < 0) {
            throw new IllegalArgumentException("tickTime must be at least 400 ms, was " + tickTime);
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero() || connectTimeout.isNegative()
                || connectTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxPacketSize < 1024 || maxMessageSize < 1024 || fragmentSize < 64 || maxReassembly < 1
                || busyLimit < 1024 || maxNewAtoms < 0) {
            throw new IllegalArgumentException("limit out of range in " + this);
        }
        if (busyTimeout == null || busyTimeout.isNegative() || busyPolicy == null) {
            throw new IllegalArgumentException("busyTimeout must be zero or positive and busyPolicy set");
        }
        if (readerBusyWait == null || readerBusyWait.isNegative() || readerBusyWait.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("readerBusyWait must be between 0 and 1 s, was " + readerBusyWait);
        }
    }

    /** The defaults described above. */
    public static DistConfig defaults() {
        return new DistConfig(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(5),
                (64 << 20) + 1024, 64 << 20, 65_536, 64 << 10, 64, 1 << 20, Duration.ofSeconds(10),
                BusyPolicy.DISCONNECT, Duration.ZERO);
    }

    /** A copy with another {@link #tickTime()}. */
    public DistConfig withTickTime(Duration tickTime) {
        return new DistConfig(tickTime, handshakeTimeout, connectTimeout, maxPacketSize, maxMessageSize, maxNewAtoms,
                fragmentSize, maxReassembly, busyLimit, busyTimeout, busyPolicy, readerBusyWait);
    }

    /** A copy with another {@link #handshakeTimeout()}. */
    public DistConfig withHandshakeTimeout(Duration handshakeTimeout) {
        return new DistConfig(tickTime, handshakeTimeout, connectTimeout, maxPacketSize, maxMessageSize, maxNewAtoms,
                fragmentSize, maxReassembly, busyLimit, busyTimeout, busyPolicy, readerBusyWait);
    }

    /** A copy with other size limits. */
    public DistConfig withLimits(int maxPacketSize, int maxMessageSize, int maxNewAtoms) {
        return new DistConfig(tickTime, handshakeTimeout, connectTimeout, maxPacketSize, maxMessageSize, maxNewAtoms,
                fragmentSize, maxReassembly, busyLimit, busyTimeout, busyPolicy, readerBusyWait);
    }

    /** A copy with another busy limit, wait and policy (see {@link BusyPolicy}). */
    public DistConfig withBusy(int busyLimit, Duration busyTimeout, BusyPolicy busyPolicy) {
        return new DistConfig(tickTime, handshakeTimeout, connectTimeout, maxPacketSize, maxMessageSize, maxNewAtoms,
                fragmentSize, maxReassembly, busyLimit, busyTimeout, busyPolicy, readerBusyWait);
    }

    /** A copy with another {@link #readerBusyWait()}. */
    public DistConfig withReaderBusyWait(Duration readerBusyWait) {
        return new DistConfig(tickTime, handshakeTimeout, connectTimeout, maxPacketSize, maxMessageSize, maxNewAtoms,
                fragmentSize, maxReassembly, busyLimit, busyTimeout, busyPolicy, readerBusyWait);
    }

    /** The interval between tick checks: a quarter of {@link #tickTime()}. */
    public Duration tickInterval() {
        return tickTime.dividedBy(4);
    }
}
