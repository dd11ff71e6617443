package io.jreign.otp.etf;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The atoms a decoder may hand out, with a cap on how many <em>new</em> atoms remote input may
 * create — the JVM's answer to Erlang's atom-table exhaustion attack.
 *
 * <p>An atom <em>exists</em> when local code made it with {@link Atom#of(String)}, when it was
 * {@linkplain #intern interned} here, or when earlier input created it here. Existing atoms always
 * decode. Input naming an atom that does not exist creates it only while fewer than
 * {@link #maxNewAtoms()} atoms have been created that way; past the cap decoding fails with an
 * {@link EtfException} that says so, and the table does not grow.
 *
 * <p>A table is thread-safe and is usually shared by all connections of a node (as Erlang's atom
 * table is), or kept per peer to bound each one separately.
 */
public final class AtomTable {
    /** The default cap on atoms created from remote input. */
    public static final int DEFAULT_MAX_NEW_ATOMS = 65_536;

    private static final AtomTable SHARED = new AtomTable(DEFAULT_MAX_NEW_ATOMS);

    private final ConcurrentHashMap<String, Atom> atoms = new ConcurrentHashMap<>();
    private final AtomicInteger created = new AtomicInteger();
    private final int maxNewAtoms;

    private AtomTable(int maxNewAtoms) {
        if (maxNewAtoms < 0) {
            throw new IllegalArgumentException("maxNewAtoms must be >= 0, was " + maxNewAtoms);
        }
        this.maxNewAtoms = maxNewAtoms;
    }

    /**
     * A table letting remote input create at most {@code maxNewAtoms} atoms (0: only existing
     * atoms decode, like {@code binary_to_term(B, [safe])}).
     */
    public static AtomTable bounded(int maxNewAtoms) {
        return new AtomTable(maxNewAtoms);
    }

    /**
     * The JVM-wide table with the {@linkplain #DEFAULT_MAX_NEW_ATOMS default cap}, used by codecs
     * that are not given one (like Erlang's single atom table).
     */
    public static AtomTable shared() {
        return SHARED;
    }

    /** A new table with the {@linkplain #DEFAULT_MAX_NEW_ATOMS default cap}. */
    public static AtomTable withDefaultCap() {
        return new AtomTable(DEFAULT_MAX_NEW_ATOMS);
    }

    /** Marks {@code atom} as existing (trusted, local: never counts against the cap). */
    public Atom intern(Atom atom) {
        Atom raced = atoms.putIfAbsent(atom.name(), atom);
        return raced == null ? atom : raced;
    }

    /** Marks the atom named {@code name} as existing; see {@link #intern(Atom)}. */
    public Atom intern(String name) {
        return intern(Atom.of(name));
    }

    /** Whether the atom named {@code name} exists for this table. */
    public boolean exists(String name) {
        return atoms.containsKey(name) || Atom.existing(name) != null;
    }

    /** How many atoms remote input has created so far. */
    public int createdFromInput() {
        return created.get();
    }

    /** The cap on atoms created from remote input. */
    public int maxNewAtoms() {
        return maxNewAtoms;
    }

    /**
     * The atom named {@code name} for a decoder: an existing one, or a new one while under the cap.
     *
     * @throws EtfException if the atom does not exist and the cap is reached
     */
    Atom fromInput(String name, long offset, int tag) {
        Atom known = atoms.get(name);
        if (known != null) {
            return known;
        }
        Atom local = Atom.existing(name);
        if (local != null) {
            return local;
        }
        if (created.incrementAndGet() > maxNewAtoms) {
            created.decrementAndGet();
            throw new EtfException("atom table full: input may create at most " + maxNewAtoms
                    + " new atoms, refusing new atom of " + name.length() + " chars", offset, tag);
        }
        Atom atom;
        try {
            atom = new Atom(name);
        } catch (IllegalArgumentException e) {
            created.decrementAndGet();
            throw new EtfException(e.getMessage(), offset, tag);
        }
        Atom raced = atoms.putIfAbsent(name, atom);
        if (raced != null) {
            created.decrementAndGet();
            return raced;
        }
        return atom;
    }

    @Override
    public String toString() {
        return "AtomTable[" + atoms.size() + " atoms, " + created.get() + "/" + maxNewAtoms + " created from input]";
    }
}
