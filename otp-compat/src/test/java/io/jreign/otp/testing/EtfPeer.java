package io.jreign.otp.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An {@code erl -noshell} running {@code etf_peer} (src/test/resources/erlang/etf_peer.erl),
 * spoken to over its stdin and stdout with 4-byte length-prefixed packets.
 */
public final class EtfPeer implements AutoCloseable {
    /** A reply: status 0 (ok), 1 (erl crashed) or 2 (mismatch), and its payload. */
    public record Reply(int status, byte[] payload) {
        /** The payload as text, for failure messages. */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Process process;
    private final DataOutputStream out;
    private final DataInputStream in;
    private final Path stderr;

    private EtfPeer(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.out = new DataOutputStream(process.getOutputStream());
        this.in = new DataInputStream(process.getInputStream());
    }

    /** Compiles etf_peer into {@code dir} and starts it. */
    public static EtfPeer start(Path dir) throws IOException, InterruptedException {
        Erl.compile("etf_peer", dir);
        Path stderr = dir.resolve("etf_peer.stderr");
        Process process = Erl.start(List.of("erl", "-noshell", "-noinput", "-pa", dir.toString(),
                "-s", "etf_peer", "main"), Map.of(), stderr);
        return new EtfPeer(process, stderr);
    }

    /** Sends one request and waits for its reply. */
    public Reply call(int op, byte[] payload) throws IOException {
        try {
            out.writeInt(payload.length + 1);
            out.write(op);
            out.write(payload);
            out.flush();
            int length = in.readInt();
            byte[] reply = in.readNBytes(length);
            if (reply.length != length || length < 1) {
                throw new IOException("short reply from etf_peer");
            }
            byte[] body = new byte[length - 1];
            System.arraycopy(reply, 1, body, 0, body.length);
            return new Reply(reply[0], body);
        } catch (IOException e) {
            throw new IOException("etf_peer failed; its stderr: " + Erl.read(stderr), e);
        }
    }

    /** Whether the erl process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // it is killed below anyway
        }
        Erl.kill(process);
    }
}
