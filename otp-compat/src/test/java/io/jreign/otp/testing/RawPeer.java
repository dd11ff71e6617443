package io.jreign.otp.testing;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.spi.Entropy;
import io.jreign.otp.OtpNode;
import io.jreign.otp.dist.ControlMessage;
import io.jreign.otp.dist.DistFlags;
import io.jreign.otp.dist.DistPacket;
import io.jreign.otp.dist.DistProtocolException;
import io.jreign.otp.dist.Handshake;
import io.jreign.otp.dist.PacketDecoder;
import io.jreign.otp.etf.Etf;
import io.jreign.otp.etf.EtfCodec;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;

/**
 * A distribution peer scripted by a test: it connects to a node's listener, completes the
 * handshake as {@code name}, then sends exactly the control messages the test asks for and reads
 * what the node sends back, one message at a time, in order. Lets a test put signals in an order
 * a real erl would produce only by chance.
 */
public final class RawPeer implements AutoCloseable {
    private static final EtfCodec CODEC = Etf.codec();
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final NodeId self;
    private final PacketDecoder decoder = new PacketDecoder(CODEC, 64 << 20, 16);
    private long sequence = 1;

    private RawPeer(Socket socket, DataInputStream in, NodeId self) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = new DataOutputStream(socket.getOutputStream());
        this.self = self;
    }

    /**
     * Connects to {@code node} as {@code name} (creation 5) with jreign's own flags, hidden (so
     * the node's global does not talk to it), and {@code cookie}.
     */
    public static RawPeer connect(OtpNode node, String name, String cookie) throws IOException {
        return connect(node, name, cookie, 0);
    }

    /** As {@link #connect(OtpNode, String, String)}, with a TCP receive buffer of {@code receiveBuffer} bytes (0: default). */
    public static RawPeer connect(OtpNode node, String name, String cookie, int receiveBuffer) throws IOException {
        return connect(node, name, cookie, receiveBuffer, DistFlags.advertised(true));
    }

    /** As {@link #connect(OtpNode, String, String, int)}, offering {@code flags}. */
    public static RawPeer connect(OtpNode node, String name, String cookie, int receiveBuffer, long flags)
            throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer); // before connecting, so the window is small from the start
        }
        socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), node.port()));
        socket.setSoTimeout(20_000);
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            Handshake.Identity identity = new Handshake.Identity(name, 5, flags, cookie);
            if (Handshake.initiate(in, socket.getOutputStream(), identity, node.name(), Entropy.seeded(11)) == null) {
                throw new IOException(node.name() + " answered nok");
            }
            // the node installs the connection just after its last handshake message: wait for it
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> node.dist().connectedNodes().contains(name));
            return new RawPeer(socket, in, new NodeId(name, 5));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A pid of this peer's node. */
    public Address pid(long id) {
        return Address.of(self, id);
    }

    /** Sends one control message (and its payload, or null). */
    public void send(ControlMessage message, Object payload) throws IOException {
        List<byte[]> packets = DistPacket.encode(CODEC, message, payload, sequence++, 0);
        for (byte[] packet : packets) {
            out.writeInt(packet.length);
            out.write(packet);
        }
        out.flush();
    }

    /** The next message the node sends (ticks skipped); fails after 20 s of silence. */
    public PacketDecoder.Decoded next() throws IOException {
        while (true) {
            int length = in.readInt();
            if (length == 0) {
                continue;
            }
            byte[] packet = new byte[length];
            in.readFully(packet);
            try {
                PacketDecoder.Decoded decoded = decoder.decode(packet);
                if (decoded != null) {
                    return decoded;
                }
            } catch (DistProtocolException e) {
                throw new IOException(e);
            }
        }
    }

    /** Stops reading and writing but keeps the connection open (a peer that stalls). */
    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
