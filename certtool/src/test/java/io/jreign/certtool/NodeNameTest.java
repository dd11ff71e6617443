package io.jreign.certtool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeNameTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "Z", "7", "node-1", "worker_2.eu", "app@host1", "a.b-c_d@e",
      "a123456789012345678901234567890123456789012345678901234567890123"})
  void acceptsValidNames(String name) {
    assertTrue(NodeName.isValid(name));
    assertEquals(name, NodeName.of(name).value());
    assertEquals(name, NodeName.of(name).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-a", ".a", "_a", "@a", "a b", "a/b", "a:b", "a,b", "é", "a\n",
      "a1234567890123456789012345678901234567890123456789012345678901234"})
  void rejectsInvalidNames(String name) {
    assertFalse(NodeName.isValid(name));
    CertToolException e = assertThrows(CertToolException.class, () -> NodeName.of(name));
    assertTrue(e.getMessage().contains("is not a valid node name"), e.getMessage());
    assertTrue(e.getMessage().contains(NodeName.RULE), e.getMessage());
  }

  @Test
  void rejectsNull() {
    assertFalse(NodeName.isValid(null));
    assertThrows(CertToolException.class, () -> NodeName.of(null));
  }

  @Test
  void ordersByValue() {
    assertTrue(NodeName.of("a").compareTo(NodeName.of("b")) < 0);
  }
}
