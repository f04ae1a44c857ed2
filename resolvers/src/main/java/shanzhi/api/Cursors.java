package shanzhi.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;

/**
 * Seals keyset positions into opaque cursors with the deployment's cursor key (shared by every
 * replica), and opens them again only for the same binding: the connection (field coordinate,
 * parent, arguments) and the caller (subject, client) a cursor was handed to.
 * <p>
 * AES-256-GCM from the JDK, the binding as associated data (it is not in the cursor). Each cursor
 * gets its own key: {@code HMAC-SHA256(deployment key, 16 random bytes)}, the random bytes carried
 * in the cursor, so the fixed nonce is never used twice with one key. A gateway hands out about a
 * hundred cursors per page: random 96-bit GCM nonces under one key would reach their safe limit
 * (2^32 messages) within days. Layout, base64url: version 1 | 16 random bytes | ciphertext | tag.
 * Put into every request's GraphQLContext by the gateway.
 */
public final class Cursors {
    private static final byte VERSION = 1;
    private static final int SALT_BYTES = 16;
    private static final int TAG_BYTES = 16;
    /** Far above any cursor this class makes; longer input is refused before decoding. */
    private static final int MAX_LENGTH = 256;
    private static final int ECHOED = 8;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public Cursors(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("A cursor key is 32 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public static Cursors of(DataFetchingEnvironment env) {
        return of(env.getGraphQlContext());
    }

    public static Cursors of(GraphQLContext context) {
        Cursors cursors = context.get(Cursors.class);
        if (cursors == null) {
            throw new IllegalStateException("No cursor key in the GraphQL context: connections cannot be paged");
        }
        return cursors;
    }

    String seal(byte[] binding, String position) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, salt);
            cipher.updateAAD(binding);
            byte[] sealed = cipher.doFinal(position.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer
                    .allocate(1 + SALT_BYTES + sealed.length).put(VERSION).put(salt).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JVM", e);
        }
    }

    /** The position sealed in {@code cursor}; BAD_USER_INPUT unless it was sealed for this binding. */
    String open(byte[] binding, String cursor) {
        if (cursor.length() > MAX_LENGTH) {
            throw unknown(cursor);
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw unknown(cursor);
        }
        if (raw.length < 1 + SALT_BYTES + TAG_BYTES || raw[0] != VERSION) {
            throw unknown(cursor);
        }
        byte[] salt = new byte[SALT_BYTES];
        System.arraycopy(raw, 1, salt, 0, SALT_BYTES);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, salt);
            cipher.updateAAD(binding);
            byte[] position = cipher.doFinal(raw, 1 + SALT_BYTES, raw.length - 1 - SALT_BYTES);
            return new String(position, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException tamperedOrForeign) {
            throw unknown(cursor);
        }
    }

    private Cipher cipher(int mode, byte[] salt) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(mac.doFinal(salt), "AES"), new GCMParameterSpec(TAG_BYTES * 8, new byte[12]));
        return cipher;
    }

    /** Echoes at most a short prefix, and only if it is plain base64url. */
    static BadUserInput unknown(String cursor) {
        String prefix = cursor.length() > ECHOED ? cursor.substring(0, ECHOED) : cursor;
        boolean plain = prefix.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'));
        return new BadUserInput("Unknown cursor for this connection"
                + (plain && !prefix.isEmpty() ? ": '" + prefix + (cursor.length() > ECHOED ? "…'" : "'") : ""));
    }
}
