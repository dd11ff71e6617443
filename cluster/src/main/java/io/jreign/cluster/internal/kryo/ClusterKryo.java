package io.jreign.cluster.internal.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import io.jreign.cluster.Serializer;

/**
 * One pooled Kryo instance: remembers the class that was found unregistered during the current
 * encode (to name it in the error the sender sees) and carries the decoding context to the
 * {@link AddressSerializer}, and keeps an output buffer from one encode to the next, so a message
 * costs no buffer growth (a 1 KB message would otherwise grow a fresh buffer three times). Used by
 * one thread at a time, as Kryo requires.
 */
public final class ClusterKryo extends Kryo {
    /** A buffer that grew past this (a large message) is not kept, so pooled instances stay small. */
    static final int KEPT_OUTPUT_BYTES = 16 * 1024;
    private static final int FIRST_OUTPUT_BYTES = 256;

    private Serializer.Context context;
    private Class<?> unregistered;
    private Output output;

    /** An empty output that refuses to grow past {@code maxBytes}; this instance's own, reused. */
    public Output output(int maxBytes) {
        byte[] kept = output == null ? null : output.getBuffer();
        if (kept == null || kept.length > maxBytes) {
            output = new Output(Math.min(FIRST_OUTPUT_BYTES, maxBytes), maxBytes);
        } else {
            output.setBuffer(kept, maxBytes);
        }
        return output;
    }

    /** Lets go of the output buffer if a large message grew it past {@link #KEPT_OUTPUT_BYTES}. */
    public void trimOutput() {
        if (output != null && output.getBuffer().length > KEPT_OUTPUT_BYTES) {
            output = null;
        }
    }

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
