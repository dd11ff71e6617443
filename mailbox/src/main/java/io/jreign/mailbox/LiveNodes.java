package io.jreign.mailbox;

import java.util.concurrent.CopyOnWriteArrayList;

/** The nodes running in this JVM, for binding addresses that arrived without one. */
final class LiveNodes {
    private static final CopyOnWriteArrayList<Node> NODES = new CopyOnWriteArrayList<>();

    private LiveNodes() {}

    static void add(Node node) {
        NODES.add(node);
    }

    static void remove(Node node) {
        NODES.remove(node);
    }

    static Node resolve(Address address) {
        Node only = null;
        int count = 0;
        for (Node node : NODES) {
            if (node.id().equals(address.node())) {
                return node;
            }
            only = node;
            count++;
        }
        if (count == 1) {
            return only;
        }
        throw new IllegalStateException("address " + address + " is not bound to a node and "
                + (count == 0 ? "no node runs" : count + " nodes run") + " in this JVM: bind it with node.bind(address)");
    }
}
