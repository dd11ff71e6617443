package io.jreign.mailbox;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A node's names registry. As in reign, several mailboxes may claim one name: {@link #lookup}
 * answers the oldest claim, {@link #lookupAll} all of them, and every claimant receives a
 * {@link NameConflict} whenever a name gains a second or further claimant. A name is released when
 * its mailbox unregisters it or closes. Thread-safe.
 */
public interface Names {

    /**
     * Claims {@code name} for the mailbox at {@code address}, which must be an open mailbox of this
     * node.
     *
     * @return false if that mailbox held the name already
     * @throws IllegalArgumentException if the name is empty, or the mailbox is closed, unknown or
     *                                  not on this node
     */
    boolean register(String name, Address address);

    /** Releases {@code address}'s claim on {@code name}; false if it had none. */
    boolean unregister(String name, Address address);

    /** The oldest claimant of {@code name}, or empty. */
    Optional<Address> lookup(String name);

    /** Every claimant of {@code name}, oldest first; empty if none. */
    List<Address> lookupAll(String name);

    /** The names {@code address} holds. */
    Set<String> namesOf(Address address);
}
