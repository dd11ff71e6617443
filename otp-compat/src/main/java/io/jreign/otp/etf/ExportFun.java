package io.jreign.otp.etf;

/**
 * An external fun, {@code fun Module:Function/Arity}. Encodes as {@code EXPORT_EXT}.
 *
 * @param module   the module atom
 * @param function the function atom
 * @param arity    0..255
 */
public record ExportFun(Atom module, Atom function, int arity) {
    /**
     * @throws IllegalArgumentException if {@code arity} is not 0..255
     */
    public ExportFun {
        if (module == null || function == null) {
            throw new NullPointerException(module == null ? "module" : "function");
        }
        if (arity < 0 || arity > 255) {
            throw new IllegalArgumentException("arity must be 0..255, was " + arity);
        }
    }

    /** {@code fun m:f/a}. */
    @Override
    public String toString() {
        return "fun " + module + ":" + function + "/" + arity;
    }
}
