package io.jreign.bench;

/** The JVM flags every benchmark fork runs with (compile-time constants, for {@code @Fork}). */
final class BenchJvm {
    /** jreign's own flags (as the root pom's {@code jreign.jvm.flags}). */
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    static final String UNSAFE_ACCESS = "--sun-misc-unsafe-memory-access=allow";
    /** Room for 10^6 processes and their stacks, so the heap never constrains a run. */
    static final String MAX_HEAP = "-Xmx8g";
    /**
     * A young generation big enough that creating 10^6 long-lived processes triggers no copying
     * collection (G1 would otherwise copy every surviving stack and mailbox, several times). What
     * a service that keeps a million processes would configure; the JDK floor runs with it too.
     */
    static final String MILLION_PROCESS_YOUNG_GEN = "-Xmn4g";

    private BenchJvm() {}
}
