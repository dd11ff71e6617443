package io.jreign.testkit.check;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Node;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Checkers over the names registries of a cluster's nodes, throwing an {@link AssertionError} that names the first violation. */
public final class NameChecks {
    private NameChecks() {}

    /**
     * The registries have converged: every node sees, for every name, exactly the claims that the
     * claimants' own nodes hold. Call it once the network has healed and settled (for example after
     * {@code Simulation.runFor} past the failure-detection time); {@code nodes} are the live ones.
     */
    public static void converged(Collection<Node> nodes) {
        Set<String> names = new TreeSet<>();
        for (Node node : nodes) {
            names.addAll(node.names().registered());
        }
        for (String name : names) {
            Set<Address> held = new HashSet<>();
            for (Node owner : nodes) {
                owner.names().lookupAll(name).stream().filter(a -> a.node().equals(owner.id())).forEach(held::add);
            }
            for (Node node : nodes) {
                List<Address> seen = node.names().lookupAll(name);
                if (!new HashSet<>(seen).equals(held)) {
                    throw new AssertionError("names not converged: node " + node.id() + " sees " + seen + " as \""
                            + name + "\", its claimants' nodes hold " + held);
                }
            }
        }
    }
}
