package io.jreign.otp.dist;

/**
 * What a send does when a connection's output has stayed busy (its queue at
 * {@link DistConfig#busyLimit()}) for {@link DistConfig#busyTimeout()}: the peer reads slower than
 * this node writes. Erlang suspends the sender for as long as it takes; jreign waits that long at
 * most, then:
 */
public enum BusyPolicy {
    /**
     * Drops the message and closes the connection, so every link and monitor across it fires with
     * {@code noconnection}: nothing is lost without the processes learning it (the default).
     */
    DISCONNECT,
    /**
     * Drops the message, counts it ({@link DistTransport#droppedWhileBusy()}) and logs it; the
     * connection stays. Later messages of the same sender may still arrive: the receiver sees a gap.
     */
    DROP
}
