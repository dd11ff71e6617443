package io.jreign.mailbox;

import io.jreign.mailbox.spi.NameClaim;
import io.jreign.mailbox.spi.Transport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The {@link Names} of one node: its own mailboxes' claims, in claim order, and the claims other
 * nodes shared through the transports, in address order, all under one lock. Each mailbox also
 * records the names it holds (in {@link Mailbox#names}, guarded by this lock) so closing releases
 * them without a scan. Changes to local claims go to the transports in the order applied, under
 * the lock, which is what lets a transport give a peer an exact copy (see
 * {@link io.jreign.mailbox.spi.TransportContext#withLocalClaims}).
 */
final class NameTable implements Names {
    /** The same order on every node, so that a name held only remotely looks up alike everywhere. */
    private static final Comparator<Address> ADDRESS_ORDER = Comparator
            .comparing((Address a) -> a.node().name())
            .thenComparingLong(a -> a.node().incarnation())
            .thenComparingLong(Address::id);

    private final Node node;
    private final Map<String, List<Address>> local = new HashMap<>();
    private final Map<String, TreeSet<Address>> remote = new HashMap<>();
    /** Remote claims by node name (any incarnation), for replacing or dropping a node's claims. */
    private final Map<String, Set<NameClaim>> remoteByNode = new HashMap<>();
    private final CopyOnWriteArrayList<Transport> listeners = new CopyOnWriteArrayList<>();

    NameTable(Node node) {
        this.node = node;
    }

    @Override
    public boolean register(String name, Address address) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a name must not be empty");
        }
        Mailbox mailbox = node.localMailbox(address);
        if (mailbox == null) {
            throw new IllegalArgumentException("cannot register \"" + name + "\": " + address
                    + " is not an open mailbox of node " + node.id());
        }
        NameConflict conflict;
        synchronized (this) {
            if (mailbox.isClosed()) {
                throw new IllegalArgumentException("cannot register \"" + name + "\": mailbox " + address + " is closed");
            }
            List<Address> holders = local.computeIfAbsent(name, unused -> new ArrayList<>(1));
            if (holders.contains(address)) {
                return false;
            }
            holders.add(address);
            addName(mailbox, name);
            if (mailbox.isClosed()) {
                // A close that read no names before this claim landed will not release it: undo.
                removeLocal(name, address);
                removeName(mailbox, name);
                throw new IllegalArgumentException("cannot register \"" + name + "\": mailbox " + address + " is closed");
            }
            tellTransports(new NameClaim(name, address), true);
            conflict = conflictOver(name);
        }
        sendToLocalClaimants(conflict);
        return true;
    }

    @Override
    public boolean unregister(String name, Address address) {
        Mailbox mailbox = node.localMailbox(address);
        synchronized (this) {
            if (!removeLocal(name, address)) {
                return false;
            }
            if (mailbox != null) {
                removeName(mailbox, name);
            }
            tellTransports(new NameClaim(name, address), false);
            return true;
        }
    }

    @Override
    public synchronized Optional<Address> lookup(String name) {
        List<Address> mine = local.get(name);
        if (mine != null) {
            return Optional.of(mine.getFirst());
        }
        TreeSet<Address> theirs = remote.get(name);
        return theirs == null ? Optional.empty() : Optional.of(theirs.first());
    }

    @Override
    public synchronized List<Address> lookupAll(String name) {
        List<Address> mine = local.get(name);
        TreeSet<Address> theirs = remote.get(name);
        if (theirs == null) {
            return mine == null ? List.of() : List.copyOf(mine);
        }
        List<Address> all = new ArrayList<>((mine == null ? 0 : mine.size()) + theirs.size());
        if (mine != null) {
            all.addAll(mine);
        }
        all.addAll(theirs);
        return List.copyOf(all);
    }

    @Override
    public synchronized Set<String> registered() {
        Set<String> all = new HashSet<>(local.keySet());
        all.addAll(remote.keySet());
        return Set.copyOf(all);
    }

    @Override
    public Set<String> namesOf(Address address) {
        Mailbox mailbox = node.localMailbox(address);
        if (mailbox == null) {
            return Set.of();
        }
        synchronized (this) {
            return namesHeld(mailbox);
        }
    }

    /** Called as {@code mailbox} closes (after it is marked closed): drops all its claims. */
    void releaseAll(Mailbox mailbox) {
        if (mailbox.names == null) {
            return; // the common case takes no lock; register re-checks the close after adding
        }
        synchronized (this) {
            for (String name : namesHeld(mailbox)) {
                removeLocal(name, mailbox.address());
                tellTransports(new NameClaim(name, mailbox.address()), false);
            }
            mailbox.names = null;
        }
    }

    // ---- the transports' side -----------------------------------------------------------------

    /** Adds a transport to tell about local claim changes; before it attaches, so it misses none. */
    void addListener(Transport transport) {
        listeners.add(transport);
    }

    synchronized void withLocalClaims(Consumer<List<NameClaim>> action) {
        List<NameClaim> snapshot = new ArrayList<>();
        local.forEach((name, holders) -> holders.forEach(a -> snapshot.add(new NameClaim(name, a))));
        action.accept(List.copyOf(snapshot));
    }

    void remoteClaims(NodeId from, List<NameClaim> claims) {
        List<NameConflict> conflicts = new ArrayList<>();
        synchronized (this) {
            Set<NameClaim> previous = remoteByNode.remove(from.name());
            if (previous != null) {
                previous.forEach(this::removeRemote);
            }
            for (NameClaim claim : claims) {
                if (addRemote(from, claim)) {
                    NameConflict conflict = conflictOver(claim.name());
                    if (conflict != null) {
                        conflicts.add(conflict);
                    }
                }
            }
        }
        conflicts.forEach(this::sendToLocalClaimants);
    }

    void remoteClaimChanged(NodeId from, NameClaim claim, boolean claimed) {
        NameConflict conflict = null;
        synchronized (this) {
            if (!claimed) {
                Set<NameClaim> ofNode = remoteByNode.get(from.name());
                if (claim.address().node().equals(from) && ofNode != null && ofNode.remove(claim)) {
                    removeRemote(claim);
                }
                return;
            }
            if (addRemote(from, claim)) {
                conflict = conflictOver(claim.name());
            }
        }
        sendToLocalClaimants(conflict);
    }

    /** {@code lost} is down: the claims of that run of it go. */
    synchronized void dropNode(NodeId lost) {
        Set<NameClaim> ofNode = remoteByNode.get(lost.name());
        if (ofNode == null) {
            return;
        }
        ofNode.removeIf(claim -> {
            if (claim.address().node().equals(lost)) {
                removeRemote(claim);
                return true;
            }
            return false;
        });
        if (ofNode.isEmpty()) {
            remoteByNode.remove(lost.name());
        }
    }

    /** Adds a claim that {@code from} made for one of its own mailboxes; false if refused or known. */
    private boolean addRemote(NodeId from, NameClaim claim) {
        if (!claim.address().node().equals(from) || claim.name().isEmpty()) {
            return false; // a node speaks for its own mailboxes only
        }
        Set<NameClaim> ofNode = remoteByNode.computeIfAbsent(from.name(), unused -> new LinkedHashSet<>());
        if (ofNode.size() >= MAX_CLAIMS_PER_REMOTE_NODE || !ofNode.add(claim)) {
            return false;
        }
        remote.computeIfAbsent(claim.name(), unused -> new TreeSet<>(ADDRESS_ORDER)).add(node.bind(claim.address()));
        return true;
    }

    private void removeRemote(NameClaim claim) {
        TreeSet<Address> holders = remote.get(claim.name());
        if (holders != null && holders.remove(claim.address()) && holders.isEmpty()) {
            remote.remove(claim.name());
        }
    }

    private void tellTransports(NameClaim claim, boolean claimed) {
        for (Transport transport : listeners) {
            transport.claimChanged(claim, claimed);
        }
    }

    /** The conflict to tell this node's claimants of {@code name} about, or null if none. */
    private NameConflict conflictOver(String name) {
        List<Address> mine = local.get(name);
        if (mine == null) {
            return null; // other nodes tell their own claimants
        }
        TreeSet<Address> theirs = remote.get(name);
        int holders = mine.size() + (theirs == null ? 0 : theirs.size());
        return holders > 1 ? new NameConflict(name, lookupAll(name)) : null;
    }

    private void sendToLocalClaimants(NameConflict conflict) {
        if (conflict != null) {
            conflict.claimants().stream().filter(a -> a.node().equals(node.id())).forEach(a -> a.send(conflict));
        }
    }

    private boolean removeLocal(String name, Address address) {
        List<Address> holders = local.get(name);
        if (holders == null || !holders.remove(address)) {
            return false;
        }
        if (holders.isEmpty()) {
            local.remove(name);
        }
        return true;
    }

    private static Set<String> namesHeld(Mailbox mailbox) {
        Object held = mailbox.names;
        if (held == null) {
            return Set.of();
        }
        if (held instanceof String single) {
            return Set.of(single);
        }
        return Set.copyOf(stringSet(held));
    }

    private static void addName(Mailbox mailbox, String name) {
        Object held = mailbox.names;
        if (held == null) {
            mailbox.names = name;
        } else if (held instanceof String single) {
            LinkedHashSet<String> set = new LinkedHashSet<>();
            set.add(single);
            set.add(name);
            mailbox.names = set;
        } else {
            stringSet(held).add(name);
        }
    }

    private static void removeName(Mailbox mailbox, String name) {
        Object held = mailbox.names;
        if (name.equals(held)) {
            mailbox.names = null;
        } else if (held instanceof Set<?>) {
            stringSet(held).remove(name);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> stringSet(Object held) {
        return (Set<String>) held;
    }
}
