package io.jreign.otp.global;

import io.jreign.mailbox.Address;
import io.jreign.otp.etf.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * global's {@code exchange_names/4}: a peer's names against ours, when two nodes sync.
 *
 * <pre>
 *  for each {Name, Pid, Method} of his:
 *    ours has Name with the same Pid          -> nothing
 *    ours has Name with Pid2, and we are the smaller node name:
 *        Winner = Method2(Name, Pid, Pid2), run where Pid2 lives (our method, as erl does)
 *          Pid            -> Ops:  insert his              (we adopt his)
 *          Pid2           -> Res:  insert ours             (he adopts ours)
 *          none           -> Ops and Res: delete Name
 *          {badrpc, _}    -> Ops:  insert his
 *          anything else  -> Ops and Res: delete Name
 *    ours has Name, and we are the greater name -> nothing (he resolves, we get his Res)
 *    ours lacks Name                          -> Ops:  insert his
 * </pre>
 * {@code Ops} are applied here; {@code Res} ("resolved") go to the peer.
 */
final class NameExchange {
    private static final Logger LOG = LoggerFactory.getLogger(NameExchange.class);

    /** Runs a conflict's resolve method, {@code Method2(Name, HisPid, MyPid)}; the term it returned. */
    interface Resolver {
        Object resolve(Object method, Object name, Address hisPid, Address myPid);
    }

    /** What the exchange decided: operations for us, and for the peer. */
    record Result(List<Object> ops, List<Object> resolved) {}

    private NameExchange() {
    }

    static Result exchange(List<?> hisNames, NameTable mine, String selfNode, String hisNode, Resolver resolver) {
        List<Object> ops = new ArrayList<>();
        List<Object> resolved = new ArrayList<>();
        for (Object entry : hisNames) {
            if (!(entry instanceof Tuple t && t.size() == 3 && t.get(1) instanceof Address pid)) {
                throw new GlobalTerms.BadMessage("not a {Name, Pid, Method} entry", entry);
            }
            Object name = t.get(0);
            Object method = t.get(2);
            NameTable.Registration ours = mine.get(name).orElse(null);
            if (ours == null) {
                ops.addFirst(insert(name, pid, method));
            } else if (!ours.pid().equals(pid) && selfNode.compareTo(hisNode) < 0) {
                Object winner = resolver.resolve(ours.method(), name, pid, ours.pid());
                if (pid.equals(winner)) {
                    ops.addFirst(insert(name, pid, method));
                } else if (ours.pid().equals(winner)) {
                    resolved.addFirst(insert(name, ours.pid(), ours.method()));
                } else if (GlobalTerms.is(winner, GlobalTerms.BADRPC, 2)) {
                    LOG.info("global: badrpc {} received when conflicting name {} was found", winner, name);
                    ops.addFirst(insert(name, pid, method));
                } else {
                    if (!GlobalTerms.NONE.equals(winner)) {
                        LOG.info("global: resolve method for conflicting name {} returned {}", name, winner);
                    }
                    Tuple delete = Tuple.of(GlobalTerms.DELETE, name);
                    ops.addFirst(delete);
                    resolved.addFirst(delete);
                }
            }
        }
        return new Result(ops, resolved);
    }

    private static Tuple insert(Object name, Address pid, Object method) {
        return Tuple.of(GlobalTerms.INSERT, Tuple.of(name, pid, method));
    }
}
