package io.jreign.otp.dist;

import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Ref;
import io.jreign.otp.etf.Tuple;
import java.math.BigInteger;
import java.util.List;

/**
 * The control messages of a connected distribution channel: a tuple whose first element is the
 * operation. Messages marked "+ payload" are followed in the same packet by a second term (the
 * message, or the exit reason for the PAYLOAD_ forms). Trace tokens ({@code _TT} forms) are
 * accepted and dropped.
 *
 * <pre>
 *  LINK                    {1, FromPid, ToPid}
 *  SEND                    {2, Unused, ToPid}                          + Message
 *  EXIT                    {3, FromPid, ToPid, Reason}                  link broken
 *  UNLINK                  {4, FromPid, ToPid}                          pre-UNLINK_ID peers
 *  NODE_LINK               {5}
 *  REG_SEND                {6, FromPid, Unused, ToName}                 + Message
 *  GROUP_LEADER            {7, FromPid, ToPid}
 *  EXIT2                   {8, FromPid, ToPid, Reason}                  erlang:exit/2
 *  SEND_TT                 {12, Unused, ToPid, TraceToken}              + Message
 *  EXIT_TT                 {13, FromPid, ToPid, TraceToken, Reason}
 *  REG_SEND_TT             {16, FromPid, Unused, ToName, TraceToken}    + Message
 *  EXIT2_TT                {18, FromPid, ToPid, TraceToken, Reason}
 *  MONITOR_P               {19, FromPid, ToProc, Ref}                   ToProc: pid or registered name
 *  DEMONITOR_P             {20, FromPid, ToProc, Ref}
 *  MONITOR_P_EXIT          {21, FromProc, ToPid, Ref, Reason}
 *  SEND_SENDER             {22, FromPid, ToPid}                         + Message
 *  SEND_SENDER_TT          {23, FromPid, ToPid, TraceToken}             + Message
 *  PAYLOAD_EXIT            {24, FromPid, ToPid}                         + Reason
 *  PAYLOAD_EXIT_TT         {25, FromPid, ToPid, TraceToken}             + Reason
 *  PAYLOAD_EXIT2           {26, FromPid, ToPid}                         + Reason
 *  PAYLOAD_EXIT2_TT        {27, FromPid, ToPid, TraceToken}             + Reason
 *  PAYLOAD_MONITOR_P_EXIT  {28, FromProc, ToPid, Ref}                   + Reason
 *  ALIAS_SEND              {33, FromPid, Alias}                         + Message
 *  ALIAS_SEND_TT           {34, FromPid, Alias, TraceToken}             + Message
 *  UNLINK_ID               {35, Id, FromPid, ToPid}
 *  UNLINK_ID_ACK           {36, Id, FromPid, ToPid}
 * </pre>
 * Pids are {@link io.jreign.mailbox.Address}es (or {@link io.jreign.otp.etf.ErlPid}), so the
 * fields here are {@code Object}. Spawn requests (29..32) are not supported: jreign does not
 * advertise {@link DistFlags#SPAWN}, so a peer sending one breaks the protocol.
 */
public sealed interface ControlMessage {
    int LINK = 1, SEND = 2, EXIT = 3, UNLINK = 4, NODE_LINK = 5, REG_SEND = 6, GROUP_LEADER = 7, EXIT2 = 8,
            SEND_TT = 12, EXIT_TT = 13, REG_SEND_TT = 16, EXIT2_TT = 18, MONITOR_P = 19, DEMONITOR_P = 20,
            MONITOR_P_EXIT = 21, SEND_SENDER = 22, SEND_SENDER_TT = 23, PAYLOAD_EXIT = 24, PAYLOAD_EXIT_TT = 25,
            PAYLOAD_EXIT2 = 26, PAYLOAD_EXIT2_TT = 27, PAYLOAD_MONITOR_P_EXIT = 28, ALIAS_SEND = 33,
            ALIAS_SEND_TT = 34, UNLINK_ID = 35, UNLINK_ID_ACK = 36;

    /** The tuple to encode. */
    Tuple toTuple();

    /** Whether a payload term follows the control message. */
    default boolean hasPayload() {
        return false;
    }

    /** A message for a pid. {@code from} is null for SEND (no sender known). */
    record Send(Object from, Object to) implements ControlMessage {
        public Tuple toTuple() {
            return from == null ? Tuple.of((long) SEND, Atom.of(""), to) : Tuple.of((long) SEND_SENDER, from, to);
        }

        @Override
        public boolean hasPayload() {
            return true;
        }
    }

    /** A message for a registered name. */
    record RegSend(Object from, Atom toName) implements ControlMessage {
        public Tuple toTuple() {
            return Tuple.of((long) REG_SEND, from, Atom.of(""), toName);
        }

        @Override
        public boolean hasPayload() {
            return true;
        }
    }

    /** A message for a process alias. */
    record AliasSend(Object from, Ref alias) implements ControlMessage {
        public Tuple toTuple() {
            return Tuple.of((long) ALIAS_SEND, from, alias);
        }

        @Override
        public boolean hasPayload() {
            return true;
        }
    }

    /** Create a link. */
    record Link(Object from, Object to) implements ControlMessage {
        public Tuple toTuple() {
            return Tuple.of((long) LINK, from, to);
        }
    }

    /**
     * Remove a link: with an id (UNLINK_ID) or, id 0, the old UNLINK. Ids are 1..2^64-1, held as
     * the bits of a {@code long} (ids from 2^63 up are negative here, and travel as big integers).
     */
    record Unlink(long id, Object from, Object to) implements ControlMessage {
        /** The id that stands for the old UNLINK, which has none (0 is not a valid unlink id). */
        public static final long NO_ID = 0;

        public Tuple toTuple() {
            return id == NO_ID ? Tuple.of((long) UNLINK, from, to) : Tuple.of((long) UNLINK_ID, unsigned(id), from, to);
        }
    }

    /** Acknowledge an UNLINK_ID (the id as in {@link Unlink}). */
    record UnlinkAck(long id, Object from, Object to) implements ControlMessage {
        public Tuple toTuple() {
            return Tuple.of((long) UNLINK_ID_ACK, unsigned(id), from, to);
        }
    }

    /**
     * An exit signal: {@code link} for a broken link (EXIT), else {@code exit/2} (EXIT2). When
     * {@code payload} the reason travels as the payload term (PAYLOAD_EXIT, PAYLOAD_EXIT2).
     */
    record Exit(Object from, Object to, Object reason, boolean link, boolean payload) implements ControlMessage {
        public Tuple toTuple() {
            if (payload) {
                return Tuple.of((long) (link ? PAYLOAD_EXIT : PAYLOAD_EXIT2), from, to);
            }
            return Tuple.of((long) (link ? EXIT : EXIT2), from, to, reason);
        }

        @Override
        public boolean hasPayload() {
            return payload;
        }
    }

    /** Monitor {@code target} (a pid or a registered name atom). */
    record Monitor(Object from, Object target, Ref ref) implements ControlMessage {
        public Tuple toTuple() {
            return Tuple.of((long) MONITOR_P, from, target, ref);
        }
    }

    /** Cancel a monitor. */
    record Demonitor(Object from, Object target, Ref ref) implements ControlMessage {
        public Tuple toTuple() {
            return Tuple.of((long) DEMONITOR_P, from, target, ref);
        }
    }

    /** A monitored process ({@code target}: pid or name) went down, for {@code watcher}. */
    record MonitorExit(Object target, Object watcher, Ref ref, Object reason, boolean payload)
            implements ControlMessage {
        public Tuple toTuple() {
            return payload ? Tuple.of((long) PAYLOAD_MONITOR_P_EXIT, target, watcher, ref)
                    : Tuple.of((long) MONITOR_P_EXIT, target, watcher, ref, reason);
        }

        @Override
        public boolean hasPayload() {
            return payload;
        }
    }

    /** Control messages understood but without effect here (NODE_LINK, GROUP_LEADER). */
    record Ignored(int op) implements ControlMessage {
        public Tuple toTuple() {
            return Tuple.of((long) op);
        }
    }

    /**
     * Reads a decoded control tuple; {@code payload} is the term that followed it, or null. For
     * PAYLOAD_ forms the reason is taken from the payload.
     *
     * @throws DistProtocolException for an unknown operation or a malformed tuple
     */
    static ControlMessage of(Object control, Object payload) throws DistProtocolException {
        if (!(control instanceof Tuple t) || t.size() == 0 || !(t.get(0) instanceof Long opLong)) {
            throw new DistProtocolException("control message is not a tuple starting with an operation: " + control);
        }
        int op = opLong.intValue();
        try {
            ControlMessage message = switch (op) {
                case LINK -> new Link(t.get(1), t.get(2));
                case SEND, SEND_TT -> new Send(null, t.get(2));
                case SEND_SENDER, SEND_SENDER_TT -> new Send(t.get(1), t.get(2));
                case REG_SEND, REG_SEND_TT -> new RegSend(t.get(1), atom(t.get(3)));
                case EXIT -> new Exit(t.get(1), t.get(2), t.get(3), true, false);
                case EXIT_TT -> new Exit(t.get(1), t.get(2), t.get(4), true, false);
                case EXIT2 -> new Exit(t.get(1), t.get(2), t.get(3), false, false);
                case EXIT2_TT -> new Exit(t.get(1), t.get(2), t.get(4), false, false);
                case PAYLOAD_EXIT, PAYLOAD_EXIT_TT -> new Exit(t.get(1), t.get(2), required(payload, op), true, true);
                case PAYLOAD_EXIT2, PAYLOAD_EXIT2_TT -> new Exit(t.get(1), t.get(2), required(payload, op), false, true);
                case UNLINK -> new Unlink(Unlink.NO_ID, t.get(1), t.get(2));
                case UNLINK_ID -> new Unlink(unlinkId(t.get(1)), t.get(2), t.get(3));
                case UNLINK_ID_ACK -> new UnlinkAck(unlinkId(t.get(1)), t.get(2), t.get(3));
                case MONITOR_P -> new Monitor(t.get(1), t.get(2), (Ref) t.get(3));
                case DEMONITOR_P -> new Demonitor(t.get(1), t.get(2), (Ref) t.get(3));
                case MONITOR_P_EXIT -> new MonitorExit(t.get(1), t.get(2), (Ref) t.get(3), t.get(4), false);
                case PAYLOAD_MONITOR_P_EXIT -> new MonitorExit(t.get(1), t.get(2), (Ref) t.get(3), required(payload, op), true);
                case ALIAS_SEND, ALIAS_SEND_TT -> new AliasSend(t.get(1), (Ref) t.get(2));
                case NODE_LINK, GROUP_LEADER -> new Ignored(op);
                default -> throw new DistProtocolException("unknown control message operation " + op + ": " + control);
            };
            boolean wantsPayload = message.hasPayload() || op == PAYLOAD_EXIT_TT || op == PAYLOAD_EXIT2_TT;
            if (wantsPayload != (payload != null)) {
                throw new DistProtocolException("operation " + op + (payload == null ? " lacks its" : " has a stray")
                        + " payload term");
            }
            return message;
        } catch (IndexOutOfBoundsException | ClassCastException e) {
            throw new DistProtocolException("malformed control message " + control, e);
        }
    }

    private static Atom atom(Object term) {
        return (Atom) term;
    }

    /** An unlink id, 1..2^64-1, as the bits of a long. */
    private static long unlinkId(Object term) throws DistProtocolException {
        long id = switch (term) {
            case Long l when l > 0 -> l;
            case BigInteger b when b.signum() > 0 && b.bitLength() <= 64 -> b.longValue();
            default -> throw new DistProtocolException("unlink id out of range 1..2^64-1: " + term);
        };
        return id;
    }

    /** The term for an unlink id held as the bits of a long. */
    private static Object unsigned(long id) {
        return id >= 0 ? (Object) id : new BigInteger(Long.toUnsignedString(id));
    }

    private static Object required(Object payload, int op) throws DistProtocolException {
        if (payload == null) {
            throw new DistProtocolException("operation " + op + " lacks its payload term");
        }
        return payload;
    }

    /** The operations as a list, for documentation tests. */
    static List<Integer> operations() {
        return List.of(LINK, SEND, EXIT, UNLINK, NODE_LINK, REG_SEND, GROUP_LEADER, EXIT2, SEND_TT, EXIT_TT,
                REG_SEND_TT, EXIT2_TT, MONITOR_P, DEMONITOR_P, MONITOR_P_EXIT, SEND_SENDER, SEND_SENDER_TT,
                PAYLOAD_EXIT, PAYLOAD_EXIT_TT, PAYLOAD_EXIT2, PAYLOAD_EXIT2_TT, PAYLOAD_MONITOR_P_EXIT, ALIAS_SEND,
                ALIAS_SEND_TT, UNLINK_ID, UNLINK_ID_ACK);
    }
}
