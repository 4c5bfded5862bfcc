package dev.tideflow.config.crypto;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyRingTest {

    private static final SecretAddress WEBHOOK = new SecretAddress("service/executor", "webhook.secret");

    private final byte[] kek1 = MasterKey.newKek();
    private final byte[] kek2 = MasterKey.newKek();
    private final KeyRing ring = new KeyRing(Map.of(1, kek1, 2, kek2), 1);

    @Test
    void roundTripNamesTheActiveVersion() {
        String plaintext = "s3cr3t-ünïcødé-" + "x".repeat(1000);
        String stored = ring.encrypt(plaintext, WEBHOOK);

        assertTrue(stored.startsWith("tfenc:v1:1:"), stored);
        assertFalse(stored.contains("s3cr3t"), "no plaintext in the stored form");
        assertEquals(1, KeyRing.versionOf(stored));
        assertEquals(plaintext, ring.decrypt(stored, WEBHOOK));
        assertEquals("", ring.decrypt(ring.encrypt("", WEBHOOK), WEBHOOK));
    }

    @Test
    void theSameValueEncryptsDifferentlyEveryTime() {
        assertNotEquals(ring.encrypt("same", WEBHOOK), ring.encrypt("same", WEBHOOK));
    }

    @Test
    void everyTamperedByteFailsAuthentication() {
        String stored = ring.encrypt("attack at dawn", WEBHOOK);
        EnvelopeCiphertext envelope = EnvelopeCiphertext.parse(stored);
        for (int field = 0; field < 3; field++) {
            byte[][] parts = {envelope.wrappedKey().clone(), envelope.nonce().clone(), envelope.ciphertext().clone()};
            for (int i = 0; i < parts[field].length; i++) {
                parts[field][i] ^= 0x01;
                String tampered = new EnvelopeCiphertext(1, parts[0], parts[1], parts[2]).format();
                SecretCryptoException e = assertThrows(SecretCryptoException.class,
                        () -> ring.decrypt(tampered, WEBHOOK));
                assertTrue(e.getMessage().contains("failed authentication"), e.getMessage());
                parts[field][i] ^= 0x01;
            }
        }
    }

    @Test
    void aCiphertextMovedToAnotherKeyOrScopeFailsToDecrypt() {
        String stored = ring.encrypt("token", WEBHOOK);

        for (SecretAddress elsewhere : new SecretAddress[] {
                new SecretAddress("service/executor", "webhook.secret2"),
                new SecretAddress("service/policy-engine", "webhook.secret"),
                new SecretAddress("global", "webhook.secret"),
                // Same characters split differently between scope and key.
                new SecretAddress("service/executor/webhook", "secret")}) {
            SecretCryptoException e = assertThrows(SecretCryptoException.class,
                    () -> ring.decrypt(stored, elsewhere), elsewhere.toString());
            assertTrue(e.getMessage().contains("failed authentication"), e.getMessage());
            assertThrows(SecretCryptoException.class,
                    () -> new KeyRing(Map.of(1, kek1, 2, kek2), 2).rewrap(stored, elsewhere));
        }
    }

    @Test
    void aCiphertextRelabelledWithAnotherKeyVersionFailsToDecrypt() {
        String stored = ring.encrypt("token", WEBHOOK);
        String relabelled = stored.replaceFirst("^tfenc:v1:1:", "tfenc:v1:2:");

        SecretCryptoException e = assertThrows(SecretCryptoException.class, () -> ring.decrypt(relabelled, WEBHOOK));
        assertTrue(e.getMessage().contains("key version 2"), e.getMessage());

        // Even with the right KEK behind the wrong label, the version is part of the wrap's associated data.
        KeyRing swapped = new KeyRing(Map.of(1, kek2, 2, kek1), 2);
        assertThrows(SecretCryptoException.class, () -> swapped.decrypt(relabelled, WEBHOOK));
    }

    @Test
    void aKeyVersionMissingFromTheRingIsNamed() {
        String stored = new KeyRing(Map.of(7, MasterKey.newKek()), 7).encrypt("x", WEBHOOK);

        SecretCryptoException e = assertThrows(SecretCryptoException.class, () -> ring.decrypt(stored, WEBHOOK));
        assertTrue(e.getMessage().contains("key version 7") && e.getMessage().contains("not in the key ring"),
                e.getMessage());
    }

    @Test
    void aWrongKeyUnderTheRightVersionFailsToDecrypt() {
        String stored = ring.encrypt("x", WEBHOOK);
        KeyRing impostor = new KeyRing(Map.of(1, MasterKey.newKek()), 1);

        assertThrows(SecretCryptoException.class, () -> impostor.decrypt(stored, WEBHOOK));
    }

    @Test
    void truncatedOrMalformedInputIsRefusedWithTheReason() {
        String stored = ring.encrypt("some secret value", WEBHOOK);
        Map<String, String> cases = Map.of(
                stored.substring(0, stored.length() - 4), "failed authentication",
                stored.substring(0, stored.lastIndexOf(':') + 3), "truncated",
                stored.substring(0, stored.lastIndexOf(':')), "format",
                "plain text", "format",
                "tfenc:v2:1:a:b:c", "format version",
                "tfenc:v1:x:a:b:c", "not a number",
                "tfenc:v1:0:a:b:c", "at least 1",
                "tfenc:v1:1:!!:b:c", "base64",
                "", "format");
        cases.forEach((input, reason) -> {
            SecretCryptoException e = assertThrows(SecretCryptoException.class, () -> ring.decrypt(input, WEBHOOK),
                    input);
            assertTrue(e.getMessage().contains(reason), input + " -> " + e.getMessage());
        });
        assertThrows(SecretCryptoException.class, () -> ring.decrypt(null, WEBHOOK));
        String shortKey = stored.replaceFirst("^(tfenc:v1:1:)[^:]{8}", "$1");
        SecretCryptoException e = assertThrows(SecretCryptoException.class, () -> ring.decrypt(shortKey, WEBHOOK));
        assertTrue(e.getMessage().contains("wrapped key"), e.getMessage());
    }

    @Test
    void noncesAndDataKeysNeverRepeat() {
        Set<String> nonces = new HashSet<>();
        Set<String> wrapNonces = new HashSet<>();
        Base64.Encoder b64 = Base64.getEncoder();
        int count = 20_000;
        for (int i = 0; i < count; i++) {
            EnvelopeCiphertext envelope = EnvelopeCiphertext.parse(ring.encrypt("v", WEBHOOK));
            assertEquals(12, envelope.nonce().length, "96-bit nonce");
            nonces.add(b64.encodeToString(envelope.nonce()));
            wrapNonces.add(b64.encodeToString(Arrays.copyOf(envelope.wrappedKey(), 12)));
        }
        assertEquals(count, nonces.size());
        assertEquals(count, wrapNonces.size());
    }

    @Test
    void rewrapMovesTheDataKeyToTheActiveVersionAndKeepsTheValueCiphertext() {
        String underOne = ring.encrypt("rotate me", WEBHOOK);
        KeyRing rotated = new KeyRing(Map.of(1, kek1, 2, kek2), 2);

        String underTwo = rotated.rewrap(underOne, WEBHOOK);

        assertEquals(2, KeyRing.versionOf(underTwo));
        EnvelopeCiphertext before = EnvelopeCiphertext.parse(underOne);
        EnvelopeCiphertext after = EnvelopeCiphertext.parse(underTwo);
        assertArrayEquals(before.ciphertext(), after.ciphertext(), "the value itself is not re-encrypted");
        assertArrayEquals(before.nonce(), after.nonce());
        assertEquals("rotate me", rotated.decrypt(underTwo, WEBHOOK));
        assertEquals(underTwo, rotated.rewrap(underTwo, WEBHOOK), "already current: unchanged");
        // Once version 1 is gone, only the rewrapped form still opens.
        KeyRing retired = new KeyRing(Map.of(2, kek2), 2);
        assertEquals("rotate me", retired.decrypt(underTwo, WEBHOOK));
        assertThrows(SecretCryptoException.class, () -> retired.decrypt(underOne, WEBHOOK));
    }

    @Test
    void aRingRefusesBadKeysAndAMissingActiveVersion() {
        assertThrows(IllegalArgumentException.class, () -> new KeyRing(Map.of(1, new byte[16]), 1));
        assertThrows(IllegalArgumentException.class, () -> new KeyRing(Map.of(1, kek1), 2));
        assertThrows(IllegalArgumentException.class, () -> new KeyRing(Map.of(0, kek1), 0));
        assertFalse(ring.toString().contains(Base64.getEncoder().encodeToString(kek1)));
    }
}
