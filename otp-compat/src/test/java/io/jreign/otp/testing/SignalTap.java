package io.jreign.otp.testing;

import io.jreign.mailbox.Address;
import io.jreign.otp.process.Proc;
import io.jreign.otp.process.ProcessTable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link io.jreign.otp.dist.SignalHandler} between a node's DIST transport and its {@link ProcessTable} that
 * notes, for the processes a test watches, the link state each link-related signal found when it
 * arrived, and then hands the signal on unchanged. It looks and hands on under the table's lock
 * (the lock the table takes for every link change, reentrant), so what it notes is the state the
 * table itself acted on, not one a concurrent {@code unlink/1} changed in between.
 *
 * <p>Install it with {@code node.dist().signalHandler(new SignalTap(node.processes()))} before
 * any peer connects.
 */
public final class SignalTap extends ForwardingSignals {
    /** What a link exit signal or an unlink found: whether the local end had the link active. */
    public record Arrival(boolean linkActive) {}

    private final ProcessTable table;
    private final Map<Address, Proc> watched = new ConcurrentHashMap<>();
    private final Map<Address, Arrival> linkExits = new ConcurrentHashMap<>();
    private final Map<Address, Arrival> unlinks = new ConcurrentHashMap<>();

    public SignalTap(ProcessTable table) {
        super(table.signals());
        this.table = table;
    }

    /** Notes link signals to {@code proc} from now on. */
    public void watch(Proc proc) {
        watched.put(proc.self(), proc);
    }

    /** The exit signal of a link that remote {@code from} sent to a watched process, if one came. */
    public Arrival linkExitFrom(Address from) {
        return linkExits.get(from);
    }

    /** The UNLINK_ID that reached watched {@code to}, if one came. */
    public Arrival unlinkTo(Address to) {
        return unlinks.get(to);
    }

    @Override
    public void exit(Address from, Address to, Object reason, boolean link) {
        Proc proc = watched.get(to);
        if (!link || proc == null) {
            next.exit(from, to, reason, link);
            return;
        }
        synchronized (table) {
            linkExits.put(from, new Arrival(proc.isLinked(from)));
            next.exit(from, to, reason, link);
        }
    }

    @Override
    public void unlink(long id, Address from, Address to) {
        Proc proc = watched.get(to);
        if (proc == null) {
            next.unlink(id, from, to);
            return;
        }
        synchronized (table) {
            unlinks.put(to, new Arrival(proc.isLinked(from)));
            next.unlink(id, from, to);
        }
    }
}
