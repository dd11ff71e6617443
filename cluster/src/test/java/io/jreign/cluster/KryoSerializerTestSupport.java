package io.jreign.cluster;

import java.util.ArrayList;
import java.util.Arrays;

/** Hostile payloads for the default serializer, shared by tests. */
final class KryoSerializerTestSupport {
    private KryoSerializerTestSupport() {}

    /** An ArrayList's class id followed by a count of 2^31-1: six bytes. */
    static byte[] sixByteBomb() {
        byte[] empty = KryoSerializer.defaults().encode(new ArrayList<>(), 1 << 20);
        byte[] bomb = Arrays.copyOf(empty, empty.length + 4);
        int at = empty.length - 1;
        bomb[at] = (byte) 0xFF;
        bomb[at + 1] = (byte) 0xFF;
        bomb[at + 2] = (byte) 0xFF;
        bomb[at + 3] = (byte) 0xFF;
        bomb[at + 4] = (byte) 0x07;
        return bomb;
    }
}
