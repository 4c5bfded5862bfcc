package dev.tideflow.config.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/** AES-256-GCM with a fresh random 96-bit nonce per encryption and a 128-bit tag. */
final class AesGcm {

    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {
    }

    static byte[] randomKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    static byte[] randomNonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    static byte[] encrypt(byte[] key, byte[] nonce, byte[] plaintext, byte[] associatedData) {
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce);
            cipher.updateAAD(associatedData);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new SecretCryptoException("AES-GCM encryption failed: " + e.getMessage(), e);
        }
    }

    /** Throws {@link AEADBadTagException} when the ciphertext, nonce, key or associated data do not match. */
    static byte[] decrypt(byte[] key, byte[] nonce, byte[] ciphertext, byte[] associatedData)
            throws AEADBadTagException {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce);
            cipher.updateAAD(associatedData);
            return cipher.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new SecretCryptoException("AES-GCM decryption failed: " + e.getMessage(), e);
        }
    }

    /** {@code nonce || ciphertext+tag}: the form used where one opaque blob is stored. */
    static byte[] seal(byte[] key, byte[] plaintext, byte[] associatedData) {
        byte[] nonce = randomNonce();
        byte[] sealed = encrypt(key, nonce, plaintext, associatedData);
        byte[] out = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return out;
    }

    static byte[] open(byte[] key, byte[] sealed, byte[] associatedData) throws AEADBadTagException {
        if (sealed.length < NONCE_BYTES + TAG_BYTES) {
            throw new SecretCryptoException("sealed blob is " + sealed.length + " bytes, shorter than nonce and tag");
        }
        return decrypt(key, Arrays.copyOfRange(sealed, 0, NONCE_BYTES),
                Arrays.copyOfRange(sealed, NONCE_BYTES, sealed.length), associatedData);
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        if (key.length != KEY_BYTES) {
            throw new SecretCryptoException("AES-256 needs a 32-byte key, got " + key.length + " bytes");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
        return cipher;
    }
}
