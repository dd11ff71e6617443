package io.jreign.otp.dist;

import io.jreign.mailbox.MailboxClosedException;
import io.jreign.mailbox.Reason;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Binary;
import io.jreign.otp.etf.Etf;
import io.jreign.otp.etf.EtfException;
import io.jreign.otp.etf.Tuple;

/**
 * How exit reasons cross between Java and Erlang.
 * <ul>
 *   <li>Erlang to Java ({@link #fromTerm}): the atoms {@code normal}, {@code noconnection},
 *       {@code noproc}, {@code killed}, {@code shutdown} become the {@link Reason} constants (which
 *       encode back to the same atoms); any other term stays as decoded.</li>
 *   <li>Java to Erlang ({@link #toTerm}): a {@link Reason} encodes as its atom; an exception as
 *       {@code {java_exception, <<"Class">>, <<"message">>}}; a value with no Erlang form as the
 *       binary of its {@code toString()}.</li>
 * </ul>
 */
public final class ExitReasons {
    /** {@code kill}: the untrappable reason of {@code exit/2}. */
    public static final Atom KILL = Atom.of("kill");
    private static final Atom JAVA_EXCEPTION = Atom.of("java_exception");

    private ExitReasons() {
    }

    /** The Java form of an Erlang exit reason. */
    public static Object fromTerm(Object term) {
        if (term instanceof Atom atom) {
            return switch (atom.name()) {
                case "normal" -> Reason.NORMAL;
                case "noconnection" -> Reason.NO_CONNECTION;
                case "noproc" -> Reason.NO_PROC;
                case "killed" -> Reason.KILLED;
                case "shutdown" -> Reason.SHUTDOWN;
                default -> atom;
            };
        }
        return term;
    }

    /** The Erlang form of a Java close reason. */
    public static Object toTerm(Object reason) {
        return switch (reason) {
            case Reason r -> r;
            case Atom a -> a;
            case MailboxClosedException closed -> toTerm(closed.reason());
            case Throwable t -> Tuple.of(JAVA_EXCEPTION, Binary.utf8(t.getClass().getName()),
                    Binary.utf8(t.getMessage() == null ? "" : t.getMessage()));
            case Long l -> l;
            case String s -> s;
            default -> {
                try {
                    Etf.codec().encodeTerm(reason);
                    yield reason;
                } catch (EtfException e) {
                    yield Binary.utf8(String.valueOf(reason));
                }
            }
        };
    }

    /** Whether {@code reason} is {@code normal}. */
    public static boolean isNormal(Object reason) {
        return reason == Reason.NORMAL || Atom.of("normal").equals(reason);
    }

    /** Whether {@code reason} is {@code kill}. */
    public static boolean isKill(Object reason) {
        return KILL.equals(reason);
    }
}
