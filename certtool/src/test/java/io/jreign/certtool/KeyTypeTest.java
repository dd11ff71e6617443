package io.jreign.certtool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyTypeTest {
  @ParameterizedTest
  @EnumSource(KeyType.class)
  void generatesKeysItRecognises(KeyType type) {
    KeyPair keys = type.generate();
    assertEquals(type, KeyType.of(keys.getPublic()));
    assertEquals(type, KeyType.of(keys.getPrivate()));
    assertEquals(type, KeyType.fromCliName(type.cliName().toUpperCase()));
    assertTrue(Keys.matches(keys.getPrivate(), keys.getPublic()));
  }

  @Test
  void describesKeys() {
    assertEquals("EC P-256", KeyType.describe(KeyType.EC_P256.generate().getPublic()));
    assertEquals("Ed25519", KeyType.describe(KeyType.ED25519.generate().getPublic()));
    assertEquals("RSA 3072", KeyType.describe(KeyType.RSA_3072.generate().getPublic()));
  }

  @Test
  void rejectsUnknownNames() {
    CertToolException e = assertThrows(CertToolException.class, () -> KeyType.fromCliName("dsa"));
    assertEquals("unknown key type 'dsa' (expected one of ec-p256, ed25519, rsa-3072)", e.getMessage());
  }

  @Test
  void rejectsOtherCurves() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair p384 = generator.generateKeyPair();
    assertThrows(CertToolException.class, () -> KeyType.of(p384.getPublic()));
    assertEquals("EC 384-bit", KeyType.describe(p384.getPublic()));
  }

  @Test
  void keysOfDifferentPairsDoNotMatch() {
    KeyPair one = KeyType.EC_P256.generate();
    KeyPair other = KeyType.EC_P256.generate();
    KeyPair rsa = KeyType.RSA_3072.generate();
    assertEquals(false, Keys.matches(one.getPrivate(), other.getPublic()));
    assertEquals(false, Keys.matches(one.getPrivate(), rsa.getPublic()));
  }
}
