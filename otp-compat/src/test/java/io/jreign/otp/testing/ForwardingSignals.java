package io.jreign.otp.testing;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import io.jreign.otp.dist.SignalHandler;
import io.jreign.otp.etf.Ref;
import java.util.Objects;

/**
 * A {@link SignalHandler} that hands every signal on to another, unchanged; tests extend it to
 * look at the few signals they care about (install with {@code node.dist().signalHandler(...)}).
 */
public class ForwardingSignals implements SignalHandler {
    /** Where every signal goes on to, typically {@code node.processes().signals()}. */
    protected final SignalHandler next;

    public ForwardingSignals(SignalHandler next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void link(Address from, Address to) {
        next.link(from, to);
    }

    @Override
    public void unlink(long id, Address from, Address to) {
        next.unlink(id, from, to);
    }

    @Override
    public void unlinkAck(long id, Address from, Address to) {
        next.unlinkAck(id, from, to);
    }

    @Override
    public void exit(Address from, Address to, Object reason, boolean link) {
        next.exit(from, to, reason, link);
    }

    @Override
    public void monitor(Address from, Object target, Ref ref) {
        next.monitor(from, target, ref);
    }

    @Override
    public void demonitor(Address from, Object target, Ref ref) {
        next.demonitor(from, target, ref);
    }

    @Override
    public void monitorExit(Object target, Address watcher, Ref ref, Object reason) {
        next.monitorExit(target, watcher, ref, reason);
    }

    @Override
    public void aliasSend(Object from, Ref alias, Object message) {
        next.aliasSend(from, alias, message);
    }

    @Override
    public void nodeDown(NodeId node) {
        next.nodeDown(node);
    }
}
