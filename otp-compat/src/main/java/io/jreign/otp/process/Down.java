package io.jreign.otp.process;

import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Ref;

/**
 * The message a monitor delivers: Erlang's {@code {'DOWN', Ref, process, Object, Reason}} (it
 * travels as that tuple).
 *
 * @param ref    the monitor's reference, as {@link Proc#monitor} returned it
 * @param type   always {@code process}
 * @param object the monitored pid, or {@code {Name, Node}} for a monitor by name
 * @param reason why: the Java form ({@link io.jreign.mailbox.Reason} for normal, noproc,
 *               noconnection, killed, shutdown; see {@link io.jreign.otp.dist.ExitReasons})
 */
public record Down(Ref ref, Atom type, Object object, Object reason) {
    static final Atom PROCESS = Atom.of("process");

    /** A process monitor's DOWN. */
    public Down(Ref ref, Object object, Object reason) {
        this(ref, PROCESS, object, reason);
    }
}
