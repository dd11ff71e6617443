package io.jreign.bench.dist;

import io.jreign.bench.remote.TempDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The compiled {@code bench/erlang/*.erl} the erl nodes run: the directory named by
 * {@value #VARIABLE} ({@code bench/compare} compiles them once per run), or else compiled here
 * with {@code erlc} from the {@code erlang/} directory next to the code's {@code target/}.
 */
public final class Beams implements AutoCloseable {
    /** The environment variable naming a directory of compiled beams. */
    public static final String VARIABLE = "JREIGN_BENCH_BEAMS";

    private final Path dir;
    private final Optional<TempDir> compiled;

    private Beams(Path dir, Optional<TempDir> compiled) {
        this.dir = dir;
        this.compiled = compiled;
    }

    /** The beams of {@value #VARIABLE}, or freshly compiled ones (deleted on close). */
    public static Beams locate() {
        String named = System.getenv(VARIABLE);
        if (named != null && !named.isBlank()) {
            Path dir = Path.of(named);
            if (!Files.isRegularFile(dir.resolve("bench_dist.beam"))) {
                throw new IllegalStateException(VARIABLE + "=" + named + " holds no bench_dist.beam");
            }
            return new Beams(dir, Optional.empty());
        }
        return compile(sources());
    }

    /** Compiles every {@code .erl} of {@code sources} into a temporary directory. */
    public static Beams compile(Path sources) {
        TempDir out = TempDir.create("beams");
        try (Stream<Path> files = Files.list(sources)) {
            List<String> command = new ArrayList<>(List.of("erlc", "-o", out.path().toString()));
            files.filter(file -> file.toString().endsWith(".erl")).sorted().map(Path::toString).forEach(command::add);
            Process erlc = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(erlc.getInputStream().readAllBytes());
            if (!erlc.waitFor(120, TimeUnit.SECONDS) || erlc.exitValue() != 0) {
                erlc.destroyForcibly();
                throw new IllegalStateException("erlc failed on " + sources + ":\n" + output);
            }
            return new Beams(out.path(), Optional.of(out));
        } catch (IOException e) {
            out.close();
            throw new UncheckedIOException("cannot compile the Erlang workloads in " + sources
                    + " (is Erlang/OTP installed? erlc must be on the PATH)", e);
        } catch (InterruptedException e) {
            out.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted compiling " + sources, e);
        }
    }

    /** {@code bench/erlang}, found upwards from where this class was loaded (target/classes or target/benchmarks.jar). */
    static Path sources() {
        try {
            Path here = Path.of(Beams.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = here; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("erlang").resolve("bench_dist.erl"))) {
                    return dir.resolve("erlang");
                }
            }
            throw new IllegalStateException("no erlang/bench_dist.erl above " + here + "; set " + VARIABLE);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        compiled.ifPresent(TempDir::close);
    }
}
