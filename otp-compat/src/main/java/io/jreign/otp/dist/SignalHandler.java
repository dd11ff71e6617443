package io.jreign.otp.dist;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import io.jreign.otp.etf.Ref;

/**
 * Where a {@link DistTransport} hands the Erlang process signals that arrive from peers (links,
 * exits, monitors, aliases), and lost nodes. The process layer ({@code io.jreign.otp.process})
 * implements it; the transport only carries the signals. Called on connection reader threads, in
 * arrival order: implementations must not block for long.
 */
public interface SignalHandler {
    /** LINK: remote {@code from} links to local {@code to}. */
    void link(Address from, Address to);

    /** UNLINK_ID (id) or UNLINK (id {@link ControlMessage.Unlink#NO_ID}): remote {@code from} unlinks from local {@code to}. */
    void unlink(long id, Address from, Address to);

    /** UNLINK_ID_ACK: {@code from} acknowledged our unlink {@code id}. */
    void unlinkAck(long id, Address from, Address to);

    /** An exit signal for local {@code to}: from a broken link when {@code link}, else {@code exit/2}. */
    void exit(Address from, Address to, Object reason, boolean link);

    /** MONITOR_P: remote {@code from} monitors local {@code target} (an Address or a name Atom). */
    void monitor(Address from, Object target, Ref ref);

    /** DEMONITOR_P. */
    void demonitor(Address from, Object target, Ref ref);

    /** MONITOR_P_EXIT: a remote process we monitored under {@code ref} went down. */
    void monitorExit(Object target, Address watcher, Ref ref, Object reason);

    /** ALIAS_SEND: a message for a local alias. */
    void aliasSend(Object from, Ref alias, Object message);

    /** The connection to {@code node} is lost: every link and monitor across it fires. */
    void nodeDown(NodeId node);
}
