package io.jreign.cluster.internal.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Array;

/**
 * An array of references as its length followed by each element with its class; on read the
 * declared length must fit in the bytes left (each element takes at least one byte) before the
 * array is allocated.
 *
 * <pre>
 *   varint length | element 0 (class id + value, or the null marker) | ... | element length-1
 * </pre>
 */
public final class CheckedObjectArraySerializer extends Serializer<Object[]> {

    @Override
    public void write(Kryo kryo, Output output, Object[] array) {
        output.writeVarInt(array.length, true);
        for (Object element : array) {
            kryo.writeClassAndObject(output, element);
        }
    }

    @Override
    public Object[] read(Kryo kryo, Input input, Class<? extends Object[]> type) {
        int length = input.readVarInt(true);
        ((CheckedInput) input).requireRoom(length, 1, type.getName());
        Object[] array = (Object[]) Array.newInstance(type.getComponentType(), length);
        for (int i = 0; i < length; i++) {
            array[i] = kryo.readClassAndObject(input); // ArrayStoreException (a RuntimeException) on a wrong type
        }
        return array;
    }
}
