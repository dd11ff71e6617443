package io.jreign.cluster.internal.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;

/**
 * An {@link Address} that stays live across the wire: written as its node's name, incarnation and
 * local id, read back through the receiving node's context so that it is bound to that node and
 * sends to it are routed.
 *
 * <pre>
 *   string node name | varlong incarnation | varlong id
 * </pre>
 */
public final class AddressSerializer extends Serializer<Address> {

    public AddressSerializer() {
        setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Address address) {
        NodeIdSerializer.writeNodeId(output, address.node());
        output.writeVarLong(address.id(), true);
    }

    @Override
    public Address read(Kryo kryo, Input input, Class<? extends Address> type) {
        NodeId node = NodeIdSerializer.readNodeId(input);
        long id = input.readVarLong(true);
        io.jreign.cluster.Serializer.Context context = kryo instanceof ClusterKryo cluster ? cluster.context() : null;
        return context != null ? context.address(node, id) : Address.of(node, id);
    }
}
