package io.jreign.testkit;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.spi.TransportContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

/**
 * How simulated messages cross between nodes: Java serialization, with every {@link Address}
 * re-bound to the receiving node so that replies travel back over the simulated network.
 */
final class Wire {
    private Wire() {}

    static byte[] encode(Object message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(message);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("cannot send a " + message.getClass().getName()
                    + " between simulated nodes: " + e.getMessage() + " is not Serializable (make the record implement java.io.Serializable)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Object decode(byte[] bytes, TransportContext receiver) {
        try (ObjectInputStream in = new Rebinding(bytes, receiver)) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces each decoded address by one bound to the receiving node. */
    private static final class Rebinding extends ObjectInputStream {
        private final TransportContext receiver;

        Rebinding(byte[] bytes, TransportContext receiver) throws IOException {
            super(new ByteArrayInputStream(bytes));
            this.receiver = receiver;
            enableResolveObject(true);
        }

        @Override
        protected Object resolveObject(Object object) {
            return object instanceof Address address ? receiver.address(address.node(), address.id()) : object;
        }
    }
}
