package io.jreign.otp.global;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** global's exchange_names: which side keeps a name when two nodes sync. */
class NameExchangeTest {
    private static final String SMALL = "a@host";
    private static final String GREAT = "b@host";
    private static final Address MINE = Address.of(new NodeId(SMALL, 1), 5);
    private static final Address HIS = Address.of(new NodeId(GREAT, 1), 7);
    private static final Atom METHOD = Atom.of("m");

    private final NameTable mine = new NameTable(100);
    private final List<List<Object>> resolveCalls = new ArrayList<>();

    private NameExchange.Result exchange(String self, String his, Object winner, Tuple... hisNames) {
        return NameExchange.exchange(List.of((Object[]) hisNames), mine, self, his, (method, name, hisPid, myPid) -> {
            resolveCalls.add(List.of(method, name, hisPid, myPid));
            return winner;
        });
    }

    private static Tuple insert(Object name, Address pid) {
        return Tuple.of(GlobalTerms.INSERT, Tuple.of(name, pid, METHOD));
    }

    @Test
    void namesWeLackAreInsertedAndSameHoldersAreLeftAlone() {
        mine.put(new NameTable.Registration(Atom.of("same"), HIS, METHOD));
        NameExchange.Result result = exchange(SMALL, GREAT, null,
                Tuple.of(Atom.of("new"), HIS, METHOD), Tuple.of(Atom.of("same"), HIS, METHOD));
        assertEquals(List.of(insert(Atom.of("new"), HIS)), result.ops());
        assertEquals(List.of(), result.resolved());
        assertEquals(List.of(), resolveCalls);
    }

    @Test
    void theSmallerNodeRunsItsMethodWithHisPidFirst() {
        mine.put(new NameTable.Registration(Atom.of("x"), MINE, Atom.of("my_method")));
        NameExchange.Result hisWins = exchange(SMALL, GREAT, HIS, Tuple.of(Atom.of("x"), HIS, METHOD));
        assertEquals(List.of(List.of(Atom.of("my_method"), Atom.of("x"), HIS, MINE)), resolveCalls);
        assertEquals(List.of(insert(Atom.of("x"), HIS)), hisWins.ops());
        assertEquals(List.of(), hisWins.resolved());

        NameExchange.Result mineWins = exchange(SMALL, GREAT, MINE, Tuple.of(Atom.of("x"), HIS, METHOD));
        assertEquals(List.of(), mineWins.ops());
        assertEquals(List.of(Tuple.of(GlobalTerms.INSERT, Tuple.of(Atom.of("x"), MINE, Atom.of("my_method")))),
                mineWins.resolved());

        Tuple delete = Tuple.of(GlobalTerms.DELETE, Atom.of("x"));
        for (Object neither : new Object[] {GlobalTerms.NONE, Atom.of("garbage")}) {
            NameExchange.Result none = exchange(SMALL, GREAT, neither, Tuple.of(Atom.of("x"), HIS, METHOD));
            assertEquals(List.of(delete), none.ops());
            assertEquals(List.of(delete), none.resolved());
        }
        NameExchange.Result badrpc = exchange(SMALL, GREAT, Tuple.of(GlobalTerms.BADRPC, Atom.of("nodedown")),
                Tuple.of(Atom.of("x"), HIS, METHOD));
        assertEquals(List.of(insert(Atom.of("x"), HIS)), badrpc.ops());
    }

    @Test
    void theGreaterNodeLeavesConflictsToThePeer() {
        mine.put(new NameTable.Registration(Atom.of("x"), MINE, METHOD));
        NameExchange.Result result = exchange(GREAT, SMALL, HIS, Tuple.of(Atom.of("x"), HIS, METHOD));
        assertEquals(List.of(), result.ops());
        assertEquals(List.of(), result.resolved());
        assertEquals(List.of(), resolveCalls);
    }

    @Test
    void malformedEntriesAreRejected() {
        assertThrows(GlobalTerms.BadMessage.class, () -> exchange(SMALL, GREAT, null, Tuple.of(Atom.of("x"), Atom.of("no_pid"), METHOD)));
    }

    @Test
    void globalsOwnMethodsAreRecognisedAndOthersAreNot() {
        assertEquals("random_notify_name", ConflictMethods.methodName(
                new io.jreign.otp.etf.ExportFun(GlobalTerms.GLOBAL, Atom.of("random_notify_name"), 3)));
        assertEquals(null, ConflictMethods.methodName(new io.jreign.otp.etf.ExportFun(Atom.of("mine"), Atom.of("f"), 3)));
        assertEquals(null, ConflictMethods.methodName(Atom.of("not_a_fun")));
    }
}
