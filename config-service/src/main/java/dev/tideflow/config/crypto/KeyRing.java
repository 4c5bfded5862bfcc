package dev.tideflow.config.crypto;

import javax.crypto.AEADBadTagException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The key-encryption keys (KEKs) by version, and the version new secrets are encrypted under.
 *
 * <p>Envelope encryption: every value gets its own random 256-bit data key and nonce; the value is encrypted with
 * AES-256-GCM under the data key with the address (scope, key) as associated data; the data key is sealed with
 * the active KEK with the address and the KEK version as associated data. Moving a ciphertext to another address
 * or editing its version field therefore fails authentication. Because the version is bound where the data key is
 * wrapped, {@link #rewrap} moves a secret to a new KEK by re-sealing the 32-byte data key only: the value's
 * ciphertext is kept as it is and its plaintext is never produced.
 */
public final class KeyRing {

    private static final String VALUE_LABEL = "tfenc:v1:value";
    private static final String WRAP_LABEL = "tfenc:v1:data-key";

    private final Map<Integer, byte[]> keks;
    private final int activeVersion;

    /** @param keks key material by version (32 bytes each); {@code activeVersion} must be among them */
    public KeyRing(Map<Integer, byte[]> keks, int activeVersion) {
        TreeMap<Integer, byte[]> copy = new TreeMap<>();
        keks.forEach((version, key) -> {
            if (version < 1) {
                throw new IllegalArgumentException("key versions start at 1, got " + version);
            }
            if (key.length != AesGcm.KEY_BYTES) {
                throw new IllegalArgumentException("key version " + version + " is " + key.length
                        + " bytes, expected " + AesGcm.KEY_BYTES);
            }
            copy.put(version, key.clone());
        });
        if (!copy.containsKey(activeVersion)) {
            throw new IllegalArgumentException("active key version " + activeVersion + " is not in the key ring "
                    + copy.keySet());
        }
        this.keks = Collections.unmodifiableMap(copy);
        this.activeVersion = activeVersion;
    }

    public int activeVersion() {
        return activeVersion;
    }

    public SortedSet<Integer> versions() {
        return new TreeSet<>(keks.keySet());
    }

    public boolean has(int version) {
        return keks.containsKey(version);
    }

    /** Encrypts under a fresh data key wrapped by the active KEK. */
    public String encrypt(String plaintext, SecretAddress address) {
        byte[] dataKey = AesGcm.randomKey();
        try {
            byte[] nonce = AesGcm.randomNonce();
            byte[] ciphertext = AesGcm.encrypt(dataKey, nonce, plaintext.getBytes(StandardCharsets.UTF_8),
                    address.associatedData(VALUE_LABEL));
            return new EnvelopeCiphertext(activeVersion, wrap(dataKey, activeVersion, address), nonce, ciphertext)
                    .format();
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    public String decrypt(String text, SecretAddress address) {
        EnvelopeCiphertext envelope = EnvelopeCiphertext.parse(text);
        byte[] dataKey = unwrap(envelope, address);
        try {
            return new String(AesGcm.decrypt(dataKey, envelope.nonce(), envelope.ciphertext(),
                    address.associatedData(VALUE_LABEL)), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretCryptoException("secret at " + address + " failed authentication: its ciphertext was"
                    + " altered or belongs to another scope or key", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * The same secret with its data key re-sealed under the active KEK; the value ciphertext and nonce are
     * unchanged. A secret already under the active version is returned as it is.
     */
    public String rewrap(String text, SecretAddress address) {
        EnvelopeCiphertext envelope = EnvelopeCiphertext.parse(text);
        if (envelope.kekVersion() == activeVersion) {
            return text;
        }
        byte[] dataKey = unwrap(envelope, address);
        try {
            return new EnvelopeCiphertext(activeVersion, wrap(dataKey, activeVersion, address), envelope.nonce(),
                    envelope.ciphertext()).format();
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The KEK version a stored secret names, without decrypting it. */
    public static int versionOf(String text) {
        return EnvelopeCiphertext.parse(text).kekVersion();
    }

    private byte[] wrap(byte[] dataKey, int version, SecretAddress address) {
        return AesGcm.seal(keks.get(version), dataKey, address.associatedData(WRAP_LABEL, version));
    }

    private byte[] unwrap(EnvelopeCiphertext envelope, SecretAddress address) {
        byte[] kek = keks.get(envelope.kekVersion());
        if (kek == null) {
            throw new SecretCryptoException("secret at " + address + " names key version " + envelope.kekVersion()
                    + ", which is not in the key ring " + keks.keySet() + " (retired or never created)");
        }
        try {
            return AesGcm.open(kek, envelope.wrappedKey(), address.associatedData(WRAP_LABEL,
                    envelope.kekVersion()));
        } catch (AEADBadTagException e) {
            throw new SecretCryptoException("data key of the secret at " + address + " failed authentication under"
                    + " key version " + envelope.kekVersion() + ": wrong key version, another scope or key, or"
                    + " altered", e);
        }
    }

    @Override
    public String toString() {
        return "KeyRing{versions=" + keks.keySet() + ", active=" + activeVersion + "}";
    }
}
