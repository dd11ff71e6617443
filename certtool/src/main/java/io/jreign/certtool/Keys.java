package io.jreign.certtool;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;

/** Key checks. */
final class Keys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Keys() {}

  /** True when the private key signs what the public key verifies: the two form a pair. */
  static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    try {
      KeyType type = KeyType.of(privateKey);
      if (type != KeyType.of(publicKey)) {
        return false;
      }
      byte[] challenge = new byte[32];
      RANDOM.nextBytes(challenge);
      Signature signer = Signature.getInstance(type.signatureAlgorithm());
      signer.initSign(privateKey);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(type.signatureAlgorithm());
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | CertToolException e) {
      return false;
    }
  }
}
