package dev.ordertracking.notification.email;

import dev.ordertracking.notification.NotificationSettings;
import dev.ordertracking.platform.TrackingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Unsubscribe links that work without logging in: {@code {public-base-url}/unsubscribe/{token}}, the
 * token being {@code base64url(customerId) "." base64url(HMAC-SHA256(key, "unsubscribe:" customerId))}.
 * The purpose prefix keeps these signatures from being valid for any other link signed with the same key.
 *
 * <p>The key is {@code tracking.notifications.link-signing-key}; without it a random key per process
 * is used, so links stop working on restart and differ between replicas.
 */
@ApplicationScoped
public class UnsubscribeLinks {

    private static final Logger LOG = Logger.getLogger(UnsubscribeLinks.class);
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] PURPOSE = "unsubscribe:".getBytes(StandardCharsets.UTF_8);
    private static final int SIGNATURE_BYTES = 32;
    private static final int MIN_KEY_BYTES = 32;
    /** Longer tokens are not ours; bounds the work an arbitrary request can cause. */
    private static final int MAX_TOKEN_LENGTH = 512;
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final String baseUrl;
    private final SecretKeySpec key;

    @Inject
    public UnsubscribeLinks(TrackingConfig tracking, NotificationSettings settings) {
        this(tracking.publicBaseUrl(), settings.linkSigningKey());
    }

    UnsubscribeLinks(String publicBaseUrl, Optional<String> signingKey) {
        this.baseUrl = publicBaseUrl.replaceAll("/+$", "");
        byte[] keyBytes = signingKey.filter(k -> !k.isBlank())
                .map(k -> k.getBytes(StandardCharsets.UTF_8))
                .orElseGet(UnsubscribeLinks::randomKey);
        if (keyBytes.length < MIN_KEY_BYTES) {
            LOG.warnf("tracking.notifications.link-signing-key has %d bytes; use at least %d random ones",
                    keyBytes.length, MIN_KEY_BYTES);
        }
        this.key = new SecretKeySpec(keyBytes, ALGORITHM);
    }

    /** The unsubscribe URL for a customer's e-mails. */
    public String urlFor(String customerId) {
        return baseUrl + "/unsubscribe/" + tokenFor(customerId);
    }

    /**
     * The path of a customer's message-preferences page, {@code /preferences/{token}}: the same
     * signed token as the unsubscribe link, so it too works without logging in.
     */
    public String preferencesPath(String customerId) {
        return "/preferences/" + tokenFor(customerId);
    }

    String tokenFor(String customerId) {
        if (customerId == null || customerId.isEmpty()) {
            throw new IllegalArgumentException("a customer id is required");
        }
        byte[] id = customerId.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(id) + "." + ENCODER.encodeToString(sign(id));
    }

    /** The customer a token was issued for; empty when it is malformed or not signed with our key. */
    public Optional<String> customerOf(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] id = decode(token.substring(0, dot));
        byte[] signature = decode(token.substring(dot + 1));
        if (id == null || id.length == 0 || signature == null || signature.length != SIGNATURE_BYTES) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(sign(id), signature)) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(id)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Unpadded base64url in its one canonical spelling, or null. */
    private static byte[] decode(String part) {
        if (!BASE64URL.matcher(part).matches()) {
            return null;
        }
        try {
            byte[] bytes = DECODER.decode(part);
            // The decoder ignores unused trailing bits; one token per customer, not several.
            return ENCODER.encodeToString(bytes).equals(part) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private byte[] sign(byte[] customerId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(PURPOSE);
            return mac.doFinal(customerId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] randomKey() {
        LOG.warn("tracking.notifications.link-signing-key is not set: unsubscribe links are signed with a random"
                + " key of this process and stop working on restart and on other replicas");
        byte[] key = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
