package io.jreign.bench.echo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A blocking JDK socket, plain or TLS 1.3, the calling thread writing and reading itself. */
final class SocketEchoClient implements EchoClient {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] message = new byte[SIZE];
    private final byte[] answer = new byte[SIZE];

    private SocketEchoClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static SocketEchoClient tcp(int port) {
        try {
            return new SocketEchoClient(new Socket(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to the TCP echo on port " + port, e);
        }
    }

    static SocketEchoClient tls(SSLContext context, int port) {
        try {
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
            socket.setEnabledProtocols(new String[] {"TLSv1.3"});
            socket.startHandshake();
            return new SocketEchoClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to the JDK TLS echo on port " + port, e);
        }
    }

    @Override
    public int roundTrip() {
        try {
            out.write(message);
            out.flush();
            int n = in.readNBytes(answer, 0, SIZE);
            if (n != SIZE) {
                throw new IllegalStateException("the echo closed the connection after " + n + " bytes");
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
