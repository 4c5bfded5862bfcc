package dev.tideflow.config.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MasterKeyTest {

    @Test
    void sealedKeksOpenOnlyWithTheSameMasterKeyAndVersion() {
        MasterKey master = MasterKey.fromBase64(MasterKey.generateBase64(), "test");
        byte[] kek = MasterKey.newKek();
        String sealed = master.sealKek(3, kek);

        assertArrayEquals(kek, master.unsealKek(3, sealed));
        SecretCryptoException wrongVersion = assertThrows(SecretCryptoException.class,
                () -> master.unsealKek(4, sealed));
        assertTrue(wrongVersion.getMessage().contains("version 4"), wrongVersion.getMessage());
        MasterKey other = MasterKey.fromBase64(MasterKey.generateBase64(), "test");
        assertThrows(SecretCryptoException.class, () -> other.unsealKek(3, sealed));
        assertThrows(SecretCryptoException.class, () -> master.unsealKek(3, "not base64!"));
    }

    @Test
    void auditDigestsAreKeyedAndStable() {
        MasterKey master = MasterKey.fromBase64(MasterKey.generateBase64(), "test");
        MasterKey other = MasterKey.fromBase64(MasterKey.generateBase64(), "test");

        assertEquals(master.auditDigest("hunter2"), master.auditDigest("hunter2"));
        assertNotEquals(master.auditDigest("hunter2"), master.auditDigest("hunter3"));
        assertNotEquals(master.auditDigest("hunter2"), other.auditDigest("hunter2"));
        assertNotEquals(ValueDigest.sha256("hunter2").substring(7), master.auditDigest("hunter2").substring(12),
                "not the plain hash anyone can compute");
        assertTrue(master.auditDigest("x").matches("hmac-sha256:[0-9a-f]{64}"));
        assertEquals("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
                ValueDigest.sha256("hello"));
    }

    @Test
    void aMasterKeyMustBe256BitsOfBase64() {
        assertThrows(SecretCryptoException.class, () -> MasterKey.fromBase64("", "env"));
        assertThrows(SecretCryptoException.class, () -> MasterKey.fromBase64("%%%", "env"));
        SecretCryptoException shortKey = assertThrows(SecretCryptoException.class,
                () -> MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16]), "env X"));
        assertTrue(shortKey.getMessage().contains("16 bytes") && shortKey.getMessage().contains("env X"),
                shortKey.getMessage());
        byte[] raw = MasterKey.newKek();
        MasterKey urlSafe = MasterKey.fromBase64(Base64.getUrlEncoder().withoutPadding().encodeToString(raw), "u");
        MasterKey standard = MasterKey.fromBase64(" " + Base64.getEncoder().encodeToString(raw) + "\n", "s");
        assertEquals(standard.auditDigest("v"), urlSafe.auditDigest("v"));
        assertEquals("MasterKey{****}", standard.toString());
    }

    @Test
    void theFileWinsOverTheEnvironmentAndNeitherMeansNoKey(@TempDir Path dir) throws Exception {
        String fromFile = MasterKey.generateBase64();
        String fromEnv = MasterKey.generateBase64();
        Path file = dir.resolve("master.key");
        Files.writeString(file, fromFile + "\n");
        Map<String, String> env = Map.of("KEY_VAR", fromEnv);

        MasterKey loaded = MasterKeySource.load(Optional.of(file), "KEY_VAR", env::get).orElseThrow();
        assertEquals(MasterKey.fromBase64(fromFile, "f").auditDigest("v"), loaded.auditDigest("v"));
        MasterKey viaEnv = MasterKeySource.load(Optional.empty(), "KEY_VAR", env::get).orElseThrow();
        assertEquals(MasterKey.fromBase64(fromEnv, "e").auditDigest("v"), viaEnv.auditDigest("v"));
        assertTrue(MasterKeySource.load(Optional.empty(), "OTHER", env::get).isEmpty());

        SecretCryptoException missing = assertThrows(SecretCryptoException.class,
                () -> MasterKeySource.load(Optional.of(dir.resolve("absent.key")), "KEY_VAR", env::get));
        assertTrue(missing.getMessage().contains("absent.key"), missing.getMessage());
    }
}
