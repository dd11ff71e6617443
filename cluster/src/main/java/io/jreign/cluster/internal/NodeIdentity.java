package io.jreign.cluster.internal;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The node name a certificate vouches for. A node certificate names its node twice, and both must
 * agree: the subject's common name ({@code CN=a}) and exactly one subject alternative name of type
 * URI ({@code jreign://node/a}). Read with the JDK's {@link X509Certificate#getSubjectAlternativeNames()}
 * (URI is general-name type 6). A node both dials and accepts with its one certificate, so it must
 * also carry the extended key usages serverAuth and clientAuth; TLS engines check only the one
 * their side needs, and accept a certificate with no such extension at all, so this checks both.
 */
public final class NodeIdentity {
    public static final String URI_PREFIX = "jreign://node/";
    private static final int SAN_URI = 6;
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private NodeIdentity() {}

    /** Why a certificate names no node. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    /**
     * The node name in {@code certificate}.
     *
     * @throws Invalid saying which check failed
     */
    public static String of(X509Certificate certificate) throws Invalid {
        String commonName = commonName(certificate);
        List<String> uris = new ArrayList<>();
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new Invalid("unreadable subject alternative names: " + e.getMessage());
        }
        if (names != null) {
            for (List<?> name : names) {
                if (name.size() >= 2 && name.get(0) instanceof Integer type && type == SAN_URI
                        && name.get(1) instanceof String uri && uri.startsWith(URI_PREFIX)) {
                    uris.add(uri.substring(URI_PREFIX.length()));
                }
            }
        }
        if (uris.isEmpty()) {
            throw new Invalid("certificate of CN=" + commonName + " has no URI subject alternative name " + URI_PREFIX + "<name>");
        }
        if (uris.size() > 1) {
            throw new Invalid("certificate of CN=" + commonName + " names several nodes: " + uris);
        }
        String name = uris.getFirst();
        if (commonName == null || !commonName.equals(name)) {
            throw new Invalid("certificate's CN=" + commonName + " does not match its URI name " + URI_PREFIX + name);
        }
        checkUsage(certificate, name);
        return name;
    }

    private static void checkUsage(X509Certificate certificate, String name) throws Invalid {
        List<String> usages;
        try {
            usages = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new Invalid("certificate of node " + name + ": unreadable extended key usage: " + e.getMessage());
        }
        if (usages == null || !usages.contains(SERVER_AUTH) || !usages.contains(CLIENT_AUTH)) {
            throw new Invalid("certificate of node " + name + " lacks the extended key usage "
                    + (usages != null && usages.contains(SERVER_AUTH) ? "clientAuth"
                    : usages != null && usages.contains(CLIENT_AUTH) ? "serverAuth" : "serverAuth and clientAuth")
                    + " (a node certificate needs both)");
        }
    }

    private static String commonName(X509Certificate certificate) throws Invalid {
        try {
            String found = null;
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    if (found != null) {
                        throw new Invalid("certificate subject has several CNs");
                    }
                    found = String.valueOf(rdn.getValue());
                }
            }
            return found;
        } catch (InvalidNameException e) {
            throw new Invalid("unreadable certificate subject: " + e.getMessage());
        }
    }
}
