package io.jreign.otp.etf;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;

/**
 * How Erlang pids map to jreign {@link Address}es.
 *
 * <p>A pid is {@code NEW_PID_EXT}: node atom, ID (u32), Serial (u32), Creation (u32). It maps to
 * {@code Address.of(new NodeId(node, creation), id)} with
 * <ul>
 *   <li>{@code NodeId.name} = the node atom's text, {@code NodeId.incarnation} = Creation;</li>
 *   <li>{@code Address.id} = {@code (Serial << 32) | ID}: ID is the low 32 bits, Serial the high
 *       32 bits.</li>
 * </ul>
 * The mapping is one to one for creations 1..0xFFFFFFFF. Creation 0 (pids of a node that is not
 * distributed, e.g. {@code nonode@nohost}; legacy {@code PID_EXT} creation 0) has no
 * {@code NodeId} — incarnations start at 1 — so such pids decode to the distinct type
 * {@link ErlPid}, as do pids whose node name {@code NodeId} does not accept. Legacy
 * {@code PID_EXT} with its 8-bit creation decodes by the same rule and re-encodes as
 * {@code NEW_PID_EXT}, as erl does.
 */
public final class Pids {
    private Pids() {
    }

    /**
     * The Java value of the pid {@code <node, id, serial, creation>}: an {@link Address} when
     * possible, else an {@link ErlPid}.
     */
    public static Object of(Atom node, int id, int serial, long creation) {
        return of(node, id, serial, creation, Address::of);
    }

    static Object of(Atom node, int id, int serial, long creation, AddressFactory addresses) {
        return of(node, id, serial, creation, addresses, creation == 0 ? null : nodeId(node, creation));
    }

    /** As above with the NodeId already looked up ({@code nodeId}: null when there is none). */
    static Object of(Atom node, int id, int serial, long creation, AddressFactory addresses, NodeId nodeId) {
        if (nodeId == null) {
            return new ErlPid(node, id, serial, creation);
        }
        return addresses.address(nodeId, addressId(id, serial));
    }

    /** The {@code Address.id} for the pid fields ID and Serial. */
    public static long addressId(int id, int serial) {
        return ((long) serial << 32) | (id & 0xFFFF_FFFFL);
    }

    /** The pid's ID field (low 32 bits of {@link Address#id()}). */
    public static int idOf(Address address) {
        return (int) address.id();
    }

    /** The pid's Serial field (high 32 bits of {@link Address#id()}). */
    public static int serialOf(Address address) {
        return (int) (address.id() >>> 32);
    }

    /** Whether {@code term} is a pid ({@link Address} or {@link ErlPid}). */
    public static boolean isPid(Object term) {
        return term instanceof Address || term instanceof ErlPid;
    }

    /** The NodeId for a node atom and creation, or null if NodeId does not accept them. */
    static NodeId nodeId(Atom node, long creation) {
        if (creation < 1 || creation > NodeId.MAX_INCARNATION) {
            return null;
        }
        String name = node.name();
        if (name.isEmpty() || name.length() > 255) {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '_' || c == '.' || c == '@' || c == '-')) {
                return null;
            }
        }
        return new NodeId(name, creation);
    }
}
