package io.jreign.cluster;

import static io.jreign.cluster.TwoNodesTest.WAIT;
import static io.jreign.cluster.TwoNodesTest.awaitConnected;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.cluster.internal.Frame;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mailbox;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may join: only holders of a cluster-CA certificate naming a member (with the key usages of
 * a node: serverAuth and clientAuth), claiming that same member in the Hello, in the same cluster,
 * with the same serializer; and a dialled address must answer with the certificate of the member
 * dialled. Every refusal is logged with the remote address and the check that failed, and the node
 * keeps serving its peers.
 */
class SecurityTest {
    @TempDir
    Path dir;
    TestCluster cluster;
    ClusterNode a;
    ClusterNode b;
    LogCapture log;

    @BeforeEach
    void setUp() {
        // c is a member that never starts: the tests impersonate it, rightly or wrongly
        cluster = new TestCluster(dir, "a", "b", "c");
        a = cluster.start("a");
        b = cluster.start("b");
        awaitConnected(a, b);
        log = LogCapture.of("io.jreign.cluster");
    }

    @AfterEach
    void tearDown() {
        log.close();
        cluster.close();
    }

    private Path[] write(String name, TestPki.Issued issued) {
        Path certificate = dir.resolve(name + ".pem");
        Path key = dir.resolve(name + ".key");
        issued.write(certificate, key);
        return new Path[] {certificate, key};
    }

    /** Connects to a with {@code files}, optionally says {@code hello}, and expects to be refused. */
    private void expectRefused(Path[] files, Frame.Hello hello, String... logged) throws Exception {
        long refusedBefore = a.stats().refusedConnections();
        try (RawPeer peer = RawPeer.connect(cluster.port("a"), files[0], files[1])) {
            if (hello != null && peer.awaitHandshake()) {
                peer.send(hello);
            }
            assertTrue(peer.awaitClosed(WAIT), "a closed the connection");
        }
        await().atMost(WAIT).until(() -> log.has(logged));
        assertTrue(log.has("refused connection from 127.0.0.1:"), log.lines().toString());
        assertEquals(refusedBefore + 1, a.stats().refusedConnections());
        assertStillServing();
    }

    private void assertStillServing() {
        try (Mailbox onB = b.node().newMailbox()) {
            a.node().bind(onB.address()).send("still here");
            assertEquals("still here", onB.receive(WAIT).orElseThrow());
        }
        assertEquals(1, a.stats().connectedPeers());
    }

    private Frame.Hello hello(String cluster, String node) {
        return new Frame.Hello(Frame.VERSION, cluster, node, 12345, a.transport().serializerId());
    }

    @Test
    void aCertificateFromAForeignCaIsRefused() throws Exception {
        TestPki.Issued foreignCa = TestPki.ca("foreign CA");
        TestPki.Issued foreign = TestPki.node(foreignCa, "c");
        // a JDK client does not even offer it: the CA is not among those the node accepts
        expectRefused(write("foreign-c", foreign), hello("test", "c"), "TLS handshake failed");
        // forced onto the node, it fails the chain check
        long refusedBefore = a.stats().refusedConnections();
        try (RawPeer peer = RawPeer.connectPresenting(cluster.port("a"), foreign)) {
            if (peer.awaitHandshake()) {
                peer.send(hello("test", "c"));
            }
            assertTrue(peer.awaitClosed(WAIT));
        }
        await().atMost(WAIT).until(() -> a.stats().refusedConnections() == refusedBefore + 1);
        assertTrue(log.lines().getLast().contains("TLS handshake failed"), log.lines().getLast());
        assertStillServing();
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        TestPki.Issued expired = TestPki.node(cluster.ca, "c", "c", Instant.now().minus(Duration.ofDays(10)),
                Instant.now().minus(Duration.ofDays(1)));
        expectRefused(write("expired-c", expired), hello("test", "c"), "TLS handshake failed");
    }

    @Test
    void aCertificateOfANonMemberIsRefused() throws Exception {
        expectRefused(write("mallory", TestPki.node(cluster.ca, "mallory")), hello("test", "mallory"),
                "certificate identity \"mallory\" is not a member of cluster test");
    }

    @Test
    void aCertificateWhoseCnAndUriDisagreeIsRefused() throws Exception {
        TestPki.Issued mixed = TestPki.node(cluster.ca, "c", "b", Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1)));
        expectRefused(write("mixed", mixed), hello("test", "b"), "certificate check failed", "does not match");
    }

    @Test
    void claimingAnotherNodeThanTheCertificateIsRefused() throws Exception {
        expectRefused(write("real-c", TestPki.node(cluster.ca, "c")), hello("test", "b"),
                "peer claims to be node \"b\" but its certificate is for node \"c\"");
    }

    @Test
    void anotherClusterNameIsRefused() throws Exception {
        expectRefused(write("real-c", TestPki.node(cluster.ca, "c")), hello("other", "c"), "peer is in cluster \"other\"");
    }

    @Test
    void aPeerThatSaysNothingIsRefusedAtTheConnectTimeout() throws Exception {
        cluster.timeouts("""
                {"heartbeatInterval": "200ms", "heartbeatTimeout": "10s", "connectTimeout": "1s"}""");
        a.close();
        a = cluster.start("a");
        awaitConnected(a, b);
        expectRefused(write("real-c", TestPki.node(cluster.ca, "c")), null, "handshake not finished within 1000 ms");
    }

    @Test
    void aTls12ClientIsRefusedEvenWithAValidCertificate() throws Exception {
        long refusedBefore = a.stats().refusedConnections();
        try (RawPeer peer = RawPeer.connect(cluster.port("a"), dir.resolve("c.pem"), dir.resolve("c.key"), "TLSv1.2")) {
            assertTrue(!peer.awaitHandshake(), "no TLS 1.2 handshake");
            assertTrue(peer.awaitClosed(WAIT));
        }
        await().atMost(WAIT).until(() -> log.has("refused connection from 127.0.0.1:", "TLS handshake failed"));
        assertEquals(refusedBefore + 1, a.stats().refusedConnections());
        assertStillServing();
    }

    @Test
    void aPlainTcpClientIsRefused() throws Exception {
        long refusedBefore = a.stats().refusedConnections();
        try (Socket socket = new Socket("127.0.0.1", cluster.port("a"))) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // whatever TLS alert comes back, until a closes
            }
        }
        await().atMost(WAIT).until(() -> log.has("refused connection from 127.0.0.1:", "TLS handshake failed"));
        assertEquals(refusedBefore + 1, a.stats().refusedConnections());
        assertStillServing();
    }

    @Test
    void aValidPeerIsAcceptedAndTheAcceptorAnswersWithItsHello() throws Exception {
        // a also dials c (a member that is not running), and may still hold our last connection
        // as c: a settles those ("settled: ...") and we try again, as a real node would.
        for (int attempt = 1; ; attempt++) {
            try (RawPeer peer = RawPeer.connect(cluster.port("a"), dir.resolve("c.pem"), dir.resolve("c.key"))) {
                assertTrue(peer.awaitHandshake());
                peer.send(hello("test", "c"));
                Object answer = peer.next(WAIT);
                if (answer instanceof Frame.Reject(String reason) && reason.startsWith("settled") && attempt < 20) {
                    continue;
                }
                Frame.Hello hello = assertInstanceOf(Frame.Hello.class, answer);
                assertEquals(a.id().name(), hello.node());
                assertEquals(a.id().incarnation(), hello.incarnation());
                await().atMost(WAIT).until(() -> a.connected("c").isPresent());
            }
            break;
        }
        await().atMost(WAIT).until(() -> a.connected("c").isEmpty());
    }

    @Test
    void nodesWithDifferentRegistrationsRefuseEachOther() {
        a.close();
        ClusterNode other = cluster.track(ClusterNode.builder(cluster.spec, "a").register(Address[].class).start());
        await().atMost(WAIT).until(() -> log.has("serializer"));
        assertTrue(other.connected("b").isEmpty());
        assertTrue(b.connected("a").isEmpty());
    }

    // ---- the dialling side, and key usage -------------------------------------------------------

    /** Something else answers at c's address, presenting {@code issued}: a's dials to c must be refused. */
    private void expectDialRefused(TestPki.Issued issued, String... logged) throws Exception {
        try (RawListener impostor = RawListener.listen(cluster.port("c"), issued)) {
            await().atMost(WAIT).until(() -> log.has(logged));
            assertTrue(impostor.accepted.get() > 0);
            assertTrue(a.connected("c").isEmpty());
        }
        assertTrue(log.has("refused dial to c at 127.0.0.1:" + cluster.port("c")), log.lines().toString());
        assertStillServing();
    }

    @Test
    void aDialledAddressAnsweredByAnotherMembersCertificateIsRefused() throws Exception {
        expectDialRefused(TestPki.node(cluster.ca, "b"), "refused dial to c", "dialled node c but its certificate is for node \"b\"");
    }

    @Test
    void aDialledAddressAnsweredByANonMemberIsRefused() throws Exception {
        expectDialRefused(TestPki.node(cluster.ca, "mallory"), "refused dial to c",
                "certificate identity \"mallory\" is not a member of cluster test");
    }

    @Test
    void aDialledNodeWhoseCertificateLacksServerAuthIsRefused() throws Exception {
        expectDialRefused(TestPki.withUsages(cluster.ca, "c", KeyPurposeId.id_kp_clientAuth), "refused dial to c",
                "TLS handshake failed", "Extended key usage does not permit use for TLS server authentication");
    }

    @Test
    void aDialledNodeWhoseCertificateHasNoKeyUsageExtensionIsRefused() throws Exception {
        expectDialRefused(TestPki.withUsages(cluster.ca, "c"), "refused dial to c",
                "certificate of node c lacks the extended key usage serverAuth and clientAuth");
    }

    @Test
    void aPeerWhoseCertificateLacksClientAuthIsRefused() throws Exception {
        expectRefused(write("server-only-c", TestPki.withUsages(cluster.ca, "c", KeyPurposeId.id_kp_serverAuth)),
                hello("test", "c"), "TLS handshake failed", "Extended key usage does not permit use for TLS client authentication");
    }

    @Test
    void aPeerWhoseCertificateHasNoKeyUsageExtensionIsRefused() throws Exception {
        expectRefused(write("no-eku-c", TestPki.withUsages(cluster.ca, "c")), hello("test", "c"),
                "certificate check failed", "lacks the extended key usage serverAuth and clientAuth");
    }

    @Test
    void aNodeWhoseOwnCertificateLacksAKeyUsageDoesNotStart() {
        TestPki.withUsages(cluster.ca, "c", KeyPurposeId.id_kp_serverAuth).write(dir.resolve("c.pem"), dir.resolve("c.key"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClusterNode.start(cluster.spec, "c"));
        assertTrue(e.getMessage().contains("lacks the extended key usage clientAuth"), e.getMessage());
    }
}
