package io.jreign.cluster;

import java.security.cert.X509Certificate;
import java.time.Instant;

/** Lets tests in other packages make certificates with {@link TestPki}. */
public final class TestPkiAccess {
    private static final TestPki.Issued CA = TestPki.ca("access CA");

    private TestPkiAccess() {}

    public static X509Certificate node(String commonName, String uriName, Instant from, Instant to) {
        return TestPki.node(CA, commonName, uriName, from, to).certificate();
    }
}
