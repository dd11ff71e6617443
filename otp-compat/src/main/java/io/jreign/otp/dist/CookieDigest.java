package io.jreign.otp.dist;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The handshake's proof of the shared cookie: {@code MD5(Cookie ++ integer_to_list(Challenge))},
 * the challenge written as the decimal text of an unsigned 32-bit number.
 */
public final class CookieDigest {
    private CookieDigest() {
    }

    /** The 16-byte digest of {@code cookie} and {@code challenge}. */
    public static byte[] of(String cookie, int challenge) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(cookie.getBytes(StandardCharsets.UTF_8));
            md5.update(Integer.toUnsignedString(challenge).getBytes(StandardCharsets.US_ASCII));
            return md5.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /** Whether {@code digest} proves {@code cookie} for {@code challenge} (constant time). */
    public static boolean matches(byte[] digest, String cookie, int challenge) {
        return MessageDigest.isEqual(digest, of(cookie, challenge));
    }
}
