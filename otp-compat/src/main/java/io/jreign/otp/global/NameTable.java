package io.jreign.otp.global;

import io.jreign.mailbox.Address;
import io.jreign.otp.etf.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The global names this node knows: Erlang's {@code global_names} table, name to
 * {@code (Pid, Method)}. Names are any term, compared exactly ({@code =:=}); {@code Method} is the
 * resolve fun the registering node gave, kept opaque and passed on as received.
 *
 * <p>Only the name server writes; anyone may read ({@link #view()}), as erl reads the ETS table
 * in {@code global:whereis_name/1}. At most {@code maxNames} names are kept: a registration beyond
 * that is refused and logged by the caller.
 */
final class NameTable {
    /** One registration. */
    record Registration(Object name, Address pid, Object method) {
        /** The {@code {Name, Pid, Method}} tuple of {@code get_names/0}. */
        Tuple toTerm() {
            return Tuple.of(name, pid, method);
        }
    }

    private final ConcurrentHashMap<Object, Registration> byName = new ConcurrentHashMap<>();
    private final Map<Object, Address> view = new ViewMap(); // not Collections.unmodifiableMap: it caches entrySet()
    private final int maxNames;

    NameTable(int maxNames) {
        this.maxNames = maxNames;
    }

    Optional<Registration> get(Object name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Whether another name fits. */
    boolean hasRoom() {
        return byName.size() < maxNames;
    }

    void put(Registration registration) {
        byName.put(registration.name(), registration);
    }

    /** Removes {@code name}; the registration it had, if any. */
    Optional<Registration> remove(Object name) {
        return Optional.ofNullable(byName.remove(name));
    }

    /** Removes every name of {@code pid}; the registrations removed. */
    List<Registration> removePid(Address pid) {
        List<Registration> removed = new ArrayList<>();
        for (Registration registration : byName.values()) {
            if (registration.pid().equals(pid) && byName.remove(registration.name(), registration)) {
                removed.add(registration);
            }
        }
        return removed;
    }

    /** {@code get_names/0}: every registration as {@code {Name, Pid, Method}}. */
    List<Tuple> toTerms() {
        return byName.values().stream().map(Registration::toTerm).toList();
    }

    /** A live read-only view, name to pid. */
    Map<Object, Address> view() {
        return view;
    }

    int size() {
        return byName.size();
    }

    /** Name to pid over {@link #byName}, read-only (AbstractMap refuses changes); entrySet() is a fresh snapshot. */
    private final class ViewMap extends java.util.AbstractMap<Object, Address> {
        @Override
        public Address get(Object name) {
            Registration registration = byName.get(name);
            return registration == null ? null : registration.pid();
        }

        @Override
        public boolean containsKey(Object name) {
            return byName.containsKey(name);
        }

        @Override
        public int size() {
            return byName.size();
        }

        @Override
        public java.util.Set<Map.Entry<Object, Address>> entrySet() {
            java.util.Set<Map.Entry<Object, Address>> entries = new java.util.LinkedHashSet<>();
            byName.forEach((name, registration) -> entries.add(Map.entry(name, registration.pid())));
            return Collections.unmodifiableSet(entries);
        }
    }
}
