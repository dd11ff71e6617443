package io.jreign.otp.etf;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A local Erlang fun (a closure), received as {@code NEW_FUN_EXT} and kept opaque: Java cannot
 * run it, but it can hold it, compare it, and send it back. Encoding writes the received bytes
 * verbatim, so an echoed fun is the same fun to erl.
 *
 * <pre>
 * NEW_FUN_EXT layout (erl_ext_dist):
 * +-----+------+-------+---------+-------+---------+--------+----------+---------+-----+----------+
 * | 112 | Size | Arity |  Uniq   | Index | NumFree | Module | OldIndex | OldUniq | Pid | FreeVars |
 * |  1  |  4   |   1   |   16    |   4   |    4    |  atom  |  int     |  int    | pid | NumFree  |
 * +-----+------+-------+---------+-------+---------+--------+----------+---------+-----+----------+
 * Size counts every byte from Size itself to the end of FreeVars.
 * </pre>
 * The fields are decoded (and the free variables bounded like any input) for inspection and
 * equality: two funs are equal when their fields are, whatever encoding of them was received.
 */
public final class LocalFun {
    private final byte[] encoded;
    private final int arity;
    private final byte[] uniq;
    private final long index;
    private final Atom module;
    private final long oldIndex;
    private final long oldUniq;
    private final Object pid;
    private final List<Object> freeVars;

    LocalFun(byte[] encoded, int arity, byte[] uniq, long index, Atom module, long oldIndex, long oldUniq,
             Object pid, List<Object> freeVars) {
        this.encoded = encoded;
        this.arity = arity;
        this.uniq = uniq;
        this.index = index;
        this.module = module;
        this.oldIndex = oldIndex;
        this.oldUniq = oldUniq;
        this.pid = pid;
        this.freeVars = List.copyOf(freeVars);
    }

    /** The module that defines the fun. */
    public Atom module() {
        return module;
    }

    /** How many arguments the fun takes. */
    public int arity() {
        return arity;
    }

    /** The fun's index in its module's fun table. */
    public long index() {
        return index;
    }

    /** The MD5 of the module's code that defines the fun (16 bytes, a copy). */
    public byte[] uniq() {
        return uniq.clone();
    }

    /** The OldIndex field. */
    public long oldIndex() {
        return oldIndex;
    }

    /** The OldUniq field. */
    public long oldUniq() {
        return oldUniq;
    }

    /** The pid of the process that created the fun ({@link io.jreign.mailbox.Address} or {@link ErlPid}). */
    public Object pid() {
        return pid;
    }

    /** The captured free variables. */
    public List<Object> freeVars() {
        return freeVars;
    }

    /** A copy of the whole encoding as received, from the tag byte 112 on. */
    public byte[] encoded() {
        return encoded.clone();
    }

    byte[] unsafeEncoded() {
        return encoded;
    }

    /** Equal when the decoded fields are (whatever encoding of them arrived). */
    @Override
    public boolean equals(Object other) {
        return other instanceof LocalFun that && arity == that.arity && index == that.index
                && oldIndex == that.oldIndex && oldUniq == that.oldUniq && module.equals(that.module)
                && Arrays.equals(uniq, that.uniq) && pid.equals(that.pid) && freeVars.equals(that.freeVars);
    }

    @Override
    public int hashCode() {
        return Objects.hash(arity, index, oldIndex, oldUniq, module, Arrays.hashCode(uniq), pid, freeVars);
    }

    /** Erlang-like text, e.g. {@code #Fun<mod.0.127926439>}. */
    @Override
    public String toString() {
        return "#Fun<" + module.name() + "." + oldIndex + "." + oldUniq + ">";
    }
}
