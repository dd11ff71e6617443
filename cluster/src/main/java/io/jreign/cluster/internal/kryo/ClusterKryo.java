package io.jreign.cluster.internal.kryo;

import com.esotericsoftware.kryo.Kryo;
import io.jreign.cluster.Serializer;

/**
 * One pooled Kryo instance: remembers the class that was found unregistered during the current
 * encode (to name it in the error the sender sees) and carries the decoding context to the
 * {@link AddressSerializer}. Used by one thread at a time, as Kryo requires.
 */
public final class ClusterKryo extends Kryo {
    private Serializer.Context context;
    private Class<?> unregistered;

    public Serializer.Context context() {
        return context;
    }

    public void context(Serializer.Context context) {
        this.context = context;
    }

    /** The class found unregistered since the last {@link #clearUnregistered()}, or null. */
    public Class<?> unregistered() {
        return unregistered;
    }

    public void clearUnregistered() {
        unregistered = null;
    }

    @Override
    protected String unregisteredClassMessage(Class type) {
        unregistered = type;
        return "class " + (type == null ? "null" : type.getName()) + " is not registered";
    }
}
