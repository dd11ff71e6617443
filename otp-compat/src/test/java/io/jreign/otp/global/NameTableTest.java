package io.jreign.otp.global;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Tuple;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The global names table: exact keys, a live read-only view, removal by holder, a bound. */
class NameTableTest {
    private static final Address P = Address.of(new NodeId("a@h", 1), 1);
    private static final Address Q = Address.of(new NodeId("b@h", 1), 2);

    @Test
    void theViewFollowsTheTable() {
        NameTable names = new NameTable(2);
        Map<Object, Address> view = names.view();
        names.put(new NameTable.Registration(Atom.of("x"), P, Atom.UNDEFINED));
        names.put(new NameTable.Registration(Tuple.of(Atom.of("y"), 1L), Q, Atom.UNDEFINED));
        assertEquals(Map.of(Atom.of("x"), P, Tuple.of(Atom.of("y"), 1L), Q), Map.copyOf(view));
        assertEquals(P, view.get(Atom.of("x")));
        assertFalse(names.hasRoom());
        assertEquals(List.of(new NameTable.Registration(Atom.of("x"), P, Atom.UNDEFINED)), names.removePid(P));
        assertEquals(Map.of(Tuple.of(Atom.of("y"), 1L), Q), Map.copyOf(view));
        assertTrue(names.hasRoom());
        assertEquals(1, names.toTerms().size());
    }
}
