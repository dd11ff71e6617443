package io.jreign.testkit.check;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.testkit.check.Linearizability.Model;
import io.jreign.testkit.check.Linearizability.Operation;
import io.jreign.testkit.check.Linearizability.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void fifoDuplicatesAndLossAreCaught() {
        List<Delivery> ordered = List.of(new Delivery("p", "q", 0), new Delivery("r", "q", 0), new Delivery("p", "q", 1));
        MessageChecks.fifoPerPair(ordered);
        MessageChecks.noDuplicates(ordered);
        MessageChecks.noLoss(ordered, ordered);
        AssertionError reordered = assertThrows(AssertionError.class,
                () -> MessageChecks.fifoPerPair(List.of(new Delivery("p", "q", 1), new Delivery("p", "q", 0))));
        assertTrue(reordered.getMessage().contains("out of order"));
        assertThrows(AssertionError.class, () -> MessageChecks.noDuplicates(List.of(new Delivery("p", "q", 0), new Delivery("p", "q", 0))));
        assertThrows(AssertionError.class, () -> MessageChecks.noLoss(ordered, ordered.subList(0, 2)));
        MessageChecks.exactlyOnce(List.of("a", "b"), List.of("b", "a"));
        assertThrows(AssertionError.class, () -> MessageChecks.exactlyOnce(List.of("a"), List.of("a", "a")));
        assertThrows(AssertionError.class, () -> MessageChecks.exactlyOnce(List.of("a"), List.of("a", "z")));
    }

    /** A register: write(v) returns "ok", read returns the value. */
    record Input(String op, Integer value) {}

    static final Model<Integer, Input, Object> REGISTER = new Model<>() {
        public Integer initial() {
            return 0;
        }

        public Step<Integer, Object> apply(Integer state, Input input) {
            return input.op().equals("write") ? new Step<>(input.value(), "ok") : new Step<>(state, state);
        }
    };

    @Test
    void linearizableHistoriesPassAndStaleReadsFail() {
        // A write overlapping a read: the read may see either value.
        Linearizability.check(List.of(
                new Operation<>("w", 0, 10, new Input("write", 1), "ok"),
                new Operation<>("r", 5, 6, new Input("read", null), 1)), REGISTER);
        Linearizability.check(List.of(
                new Operation<>("w", 0, 10, new Input("write", 1), "ok"),
                new Operation<>("r", 5, 6, new Input("read", null), 0)), REGISTER);
        // A read that starts after the write returned must see it.
        AssertionError stale = assertThrows(AssertionError.class, () -> Linearizability.check(List.of(
                new Operation<>("w", 0, 10, new Input("write", 1), "ok"),
                new Operation<>("r", 11, 12, new Input("read", null), 0)), REGISTER));
        assertTrue(stale.getMessage().contains("not linearizable"));
    }
}
