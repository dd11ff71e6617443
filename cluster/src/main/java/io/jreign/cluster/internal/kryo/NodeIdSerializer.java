package io.jreign.cluster.internal.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.jreign.mailbox.NodeId;

/**
 * A {@link NodeId} as its name and incarnation, validated on read.
 *
 * <pre>
 *   string name (at most 255 chars) | varlong incarnation
 * </pre>
 */
public final class NodeIdSerializer extends Serializer<NodeId> {

    public NodeIdSerializer() {
        setImmutable(true);
    }

    static void writeNodeId(Output output, NodeId node) {
        output.writeString(node.name());
        output.writeVarLong(node.incarnation(), true);
    }

    static NodeId readNodeId(Input input) {
        String name = input.readString();
        long incarnation = input.readVarLong(true);
        try {
            return new NodeId(name, incarnation);
        } catch (IllegalArgumentException e) {
            throw new KryoException("bad node id: " + e.getMessage());
        }
    }

    @Override
    public void write(Kryo kryo, Output output, NodeId node) {
        writeNodeId(output, node);
    }

    @Override
    public NodeId read(Kryo kryo, Input input, Class<? extends NodeId> type) {
        return readNodeId(input);
    }
}
