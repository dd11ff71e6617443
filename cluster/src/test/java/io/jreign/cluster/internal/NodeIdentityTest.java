package io.jreign.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.cluster.TestPkiAccess;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Node identity: CN and the single jreign://node/ URI SAN must agree. */
class NodeIdentityTest {
    private static final Instant FROM = Instant.now().minus(Duration.ofHours(1));
    private static final Instant TO = Instant.now().plus(Duration.ofDays(1));

    @Test
    void aNodeCertificateNamesItsNode() throws Exception {
        assertEquals("a", NodeIdentity.of(TestPkiAccess.node("a", "a", FROM, TO)));
    }

    @Test
    void aCnThatDiffersFromTheUriIsRefused() {
        X509Certificate mismatched = TestPkiAccess.node("a", "b", FROM, TO);
        NodeIdentity.Invalid e = assertThrows(NodeIdentity.Invalid.class, () -> NodeIdentity.of(mismatched));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void aCertificateWithoutTheUriIsRefused() {
        X509Certificate plain = TestPkiAccess.node("a", null, FROM, TO);
        NodeIdentity.Invalid e = assertThrows(NodeIdentity.Invalid.class, () -> NodeIdentity.of(plain));
        assertTrue(e.getMessage().contains("no URI subject alternative name"), e.getMessage());
    }
}
