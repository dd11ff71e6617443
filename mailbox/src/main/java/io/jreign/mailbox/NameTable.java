package io.jreign.mailbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The local {@link Names}: one map under one lock. Each mailbox also records the names it holds
 * (in {@link Mailbox#names}, guarded by this table's lock) so closing releases them without a scan.
 */
final class NameTable implements Names {
    private final Node node;
    private final Map<String, List<Address>> claims = new HashMap<>();

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
        List<Address> conflicted;
        synchronized (this) {
            if (mailbox.isClosed()) {
                throw new IllegalArgumentException("cannot register \"" + name + "\": mailbox " + address + " is closed");
            }
            List<Address> holders = claims.computeIfAbsent(name, unused -> new ArrayList<>(1));
            if (holders.contains(address)) {
                return false;
            }
            holders.add(address);
            addName(mailbox, name);
            if (mailbox.isClosed()) {
                // A close that read no names before this claim landed will not release it: undo.
                removeClaim(name, address);
                removeName(mailbox, name);
                throw new IllegalArgumentException("cannot register \"" + name + "\": mailbox " + address + " is closed");
            }
            conflicted = holders.size() > 1 ? List.copyOf(holders) : null;
        }
        if (conflicted != null) {
            NameConflict conflict = new NameConflict(name, conflicted);
            conflicted.forEach(claimant -> claimant.send(conflict));
        }
        return true;
    }

    @Override
    public boolean unregister(String name, Address address) {
        Mailbox mailbox = node.localMailbox(address);
        synchronized (this) {
            if (!removeClaim(name, address)) {
                return false;
            }
            if (mailbox != null) {
                removeName(mailbox, name);
            }
            return true;
        }
    }

    @Override
    public synchronized Optional<Address> lookup(String name) {
        List<Address> holders = claims.get(name);
        return holders == null ? Optional.empty() : Optional.of(holders.getFirst());
    }

    @Override
    public synchronized List<Address> lookupAll(String name) {
        List<Address> holders = claims.get(name);
        return holders == null ? List.of() : List.copyOf(holders);
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
                removeClaim(name, mailbox.address());
            }
            mailbox.names = null;
        }
    }

    private boolean removeClaim(String name, Address address) {
        List<Address> holders = claims.get(name);
        if (holders == null || !holders.remove(address)) {
            return false;
        }
        if (holders.isEmpty()) {
            claims.remove(name);
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
