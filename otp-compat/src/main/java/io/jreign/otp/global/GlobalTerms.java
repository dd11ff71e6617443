package io.jreign.otp.global;

import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The atoms of global's wire messages and small readers for the shapes peers send. Every reader
 * returns empty (or throws {@link BadMessage}) on a shape it does not know: peers are
 * authenticated but not trusted to be well formed.
 */
final class GlobalTerms {
    static final String SERVER = "global_name_server";
    /** The protocol version this side speaks (OTP 25's). */
    static final long VERSION = 8;

    static final Atom GLOBAL = Atom.of("global");
    static final Atom INIT_CONNECT = Atom.of("init_connect");
    static final Atom INIT_CONNECT_ACK = Atom.of("init_connect_ack");
    static final Atom CANCEL_CONNECT = Atom.of("cancel_connect");
    static final Atom LOCKER = Atom.of("locker");
    static final Atom NO_LONGER_A_PID = Atom.of("no_longer_a_pid");
    static final Atom LOCK_SET = Atom.of("lock_set");
    static final Atom LOCK_IS_SET = Atom.of("lock_is_set");
    static final Atom EXCHANGE = Atom.of("exchange");
    static final Atom RESOLVED = Atom.of("resolved");
    static final Atom UNUSED = Atom.of("unused");
    static final Atom NEW_NODES = Atom.of("new_nodes");
    static final Atom IN_SYNC = Atom.of("in_sync");
    static final Atom INSERT = Atom.of("insert");
    static final Atom DELETE = Atom.of("delete");
    static final Atom SET_LOCK = Atom.of("set_lock");
    static final Atom DEL_LOCK = Atom.of("del_lock");
    static final Atom REGISTER = Atom.of("register");
    static final Atom REGISTER_EXT = Atom.of("register_ext");
    static final Atom UNREGISTER = Atom.of("unregister");
    static final Atom SYNC = Atom.of("sync");
    static final Atom GET_KNOWN = Atom.of("get_known");
    static final Atom GET_SYNCED = Atom.of("get_synced");
    static final Atom GET_PROTOCOL_VERSION = Atom.of("get_protocol_version");
    static final Atom GET_NAMES_EXT = Atom.of("get_names_ext");
    static final Atom ASYNC_DEL_NAME = Atom.of("async_del_name");
    static final Atom ASYNC_DEL_LOCK = Atom.of("async_del_lock");
    static final Atom LOST_CONNECTION = Atom.of("lost_connection");
    static final Atom REMOVE_CONNECTION = Atom.of("remove_connection");
    static final Atom PREPARE_SHUTDOWN = Atom.of("prepare_shutdown");
    static final Atom VSN = Atom.of("vsn");
    static final Atom LOCK = Atom.of("lock");
    static final Atom YES = Atom.of("yes");
    static final Atom NONE = Atom.of("none");
    static final Atom BADRPC = Atom.of("badrpc");
    static final Atom NAME_CONFLICT = Atom.of("global_name_conflict");
    static final Atom KILL = Atom.of("kill");

    private GlobalTerms() {
    }

    /** A message whose shape global does not know; the server logs it and carries on. */
    static final class BadMessage extends RuntimeException {
        BadMessage(String what, Object term) {
            super(what + ": " + term);
        }
    }

    /** The tuple's first element when it is an atom, else null. */
    static Atom tag(Object message) {
        return message instanceof Tuple t && t.size() > 0 && t.get(0) instanceof Atom a ? a : null;
    }

    /** Whether {@code message} is a tuple of {@code size} elements tagged {@code tag}. */
    static boolean is(Object message, Atom tag, int size) {
        return message instanceof Tuple t && t.size() == size && tag.equals(t.get(0));
    }

    /** A node name sent as an atom. */
    static String node(Object term) {
        if (term instanceof Atom a && a.name().indexOf('@') > 0) {
            return a.name();
        }
        throw new BadMessage("not a node name", term);
    }

    /** A proper list. */
    static List<?> list(Object term) {
        if (term instanceof List<?> l) {
            return l;
        }
        throw new BadMessage("not a list", term);
    }

    /** A node list as global sends it: atoms, or {@code {Node, Vsn}} pairs; the names. */
    static List<String> nodeNames(Object term) {
        List<String> nodes = new ArrayList<>();
        for (Object element : list(term)) {
            nodes.add(element instanceof Tuple t && t.size() == 2 ? node(t.get(0)) : node(element));
        }
        return nodes;
    }

    /** The node list with versions, as {@code mk_known_list}: {@code [{Node, Vsn}]}. */
    static List<Tuple> knownList(Map<String, Long> known) {
        List<Tuple> list = new ArrayList<>(known.size());
        known.forEach((node, vsn) -> list.add(Tuple.of(Atom.of(node), vsn)));
        return list;
    }

    /** Node names as atoms. */
    static List<Atom> atoms(Collection<String> nodes) {
        return nodes.stream().map(Atom::of).toList();
    }

    /** The value of {@code key} in a {@code [{Key, Value}]} list, as {@code extra_info/2}. */
    static Optional<Object> extraInfo(Object extraInfo, Atom key) {
        if (extraInfo instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Tuple t && t.size() == 2 && key.equals(t.get(0))) {
                    return Optional.ofNullable(t.get(1));
                }
            }
        }
        return Optional.empty();
    }

    /** An integer element, as a long. */
    static long integer(Object term) {
        if (term instanceof Long l) {
            return l;
        }
        throw new BadMessage("not a small integer", term);
    }
}
