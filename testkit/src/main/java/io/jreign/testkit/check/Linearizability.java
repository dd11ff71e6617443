package io.jreign.testkit.check;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks that a concurrent history is linearizable against a sequential model: there is an order
 * of the operations, consistent with real time (an operation that returned before another was
 * invoked comes first), in which the model gives every recorded output. A depth-first search over
 * the minimal operations (Wing and Gong), with the visited (done-set, state) pairs remembered so no
 * configuration is explored twice. Histories of a few dozen operations check in milliseconds.
 */
public final class Linearizability {
    private Linearizability() {}

    /** A sequential specification: applies an input to a state, giving the next state and output. */
    public interface Model<S, I, O> {
        S initial();

        Step<S, O> apply(S state, I input);
    }

    /** What one operation does to the model. */
    public record Step<S, O>(S state, O output) {}

    /**
     * One completed operation, with the virtual times it was invoked and returned.
     *
     * @param process  who called it (for reports)
     */
    public record Operation<I, O>(Object process, long invokedAt, long returnedAt, I input, O output) {}

    /** Throws {@link AssertionError} if {@code history} has no linearization under {@code model}. */
    public static <S, I, O> void check(List<Operation<I, O>> history, Model<S, I, O> model) {
        List<Operation<I, O>> ops = new ArrayList<>(history);
        Set<Object> visited = new HashSet<>();
        if (!search(ops, model, new BitSet(ops.size()), model.initial(), visited)) {
            throw new AssertionError("not linearizable: no order of these " + ops.size()
                    + " operations fits the model and real time: " + ops);
        }
    }

    private static <S, I, O> boolean search(List<Operation<I, O>> ops, Model<S, I, O> model, BitSet done, S state,
                                            Set<Object> visited) {
        if (done.cardinality() == ops.size()) {
            return true;
        }
        if (!visited.add(List.of(done.clone(), Objects.requireNonNullElse((Object) state, "null")))) {
            return false;
        }
        // The earliest return among pending operations bounds which ones may go next.
        long horizon = Long.MAX_VALUE;
        for (int i = done.nextClearBit(0); i < ops.size(); i = done.nextClearBit(i + 1)) {
            horizon = Math.min(horizon, ops.get(i).returnedAt());
        }
        for (int i = done.nextClearBit(0); i < ops.size(); i = done.nextClearBit(i + 1)) {
            Operation<I, O> op = ops.get(i);
            if (op.invokedAt() > horizon) {
                continue; // something returned before this was invoked: it must come first
            }
            Step<S, O> step = model.apply(state, op.input());
            if (Objects.equals(step.output(), op.output())) {
                done.set(i);
                if (search(ops, model, done, step.state(), visited)) {
                    return true;
                }
                done.clear(i);
            }
        }
        return false;
    }
}
