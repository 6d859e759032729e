package dev.ordertracking.notification.email;

import dev.ordertracking.platform.TrackingSettings;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Signed customer links that work without logging in: unsubscribe links in e-mails
 * ({@code {public-base-url}/unsubscribe/{token}}) and the preferences link of the tracking page
 * ({@code /preferences/{token}}).
 *
 * <p>A token is {@code base64url(customerId) "." base64url(version expiry-seconds MAC)}, the MAC being
 * HMAC-SHA256 over expiry and customer id with a key derived from the signing key for one purpose.
 * So an unsubscribe token never opens the preferences page (which can turn messages back on) nor
 * the other way round, and every token ends: see {@link LinkSettings.Links}.
 *
 * <p>The key is {@code tracking.notifications.link-signing-key}; without it a random key per process
 * is used, so links stop working on restart and differ between replicas (production refuses to
 * start without it, see {@code ProductionSettingsCheck}).
 */
@ApplicationScoped
public class UnsubscribeLinks {

    /** What a link is for; each purpose signs with its own key. */
    public enum Purpose {
        UNSUBSCRIBE, PREFERENCES
    }

    /** What a presented token turned out to be. */
    public sealed interface Check {
    }

    /** Signed by us for this purpose and not expired. */
    public record Valid(String customerId) implements Check {
    }

    /** Signed by us for this purpose, but its time is over. */
    public record Expired(Instant expiredAt) implements Check {
    }

    /** Malformed, forged, or signed for another purpose. */
    public record Invalid() implements Check {
    }

    private static final Logger LOG = Logger.getLogger(UnsubscribeLinks.class);
    private static final String ALGORITHM = "HmacSHA256";
    /** Tokens before links had purposes and an end: HMAC(key, "unsubscribe:" customerId). */
    private static final byte[] UNVERSIONED_PURPOSE = "unsubscribe:".getBytes(StandardCharsets.UTF_8);
    private static final byte VERSION = 1;
    private static final int SIGNATURE_BYTES = 32;
    private static final int VERSIONED_BYTES = 1 + Long.BYTES + SIGNATURE_BYTES;
    public static final int MIN_KEY_BYTES = 32;
    /** Longer tokens are not ours; bounds the work an arbitrary request can cause. */
    private static final int MAX_TOKEN_LENGTH = 512;
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final String baseUrl;
    private final SecretKeySpec key;
    private final SecretKeySpec unsubscribeKey;
    private final SecretKeySpec preferencesKey;
    private final LinkSettings.Links validity;
    private final Clock clock;

    @Inject
    public UnsubscribeLinks(TrackingSettings tracking, LinkSettings settings, Clock clock) {
        this(tracking.publicBaseUrl(), settings.linkSigningKey(), settings.links(), clock);
    }

    UnsubscribeLinks(String publicBaseUrl, Optional<String> signingKey, LinkSettings.Links validity,
                     Clock clock) {
        this.baseUrl = publicBaseUrl.replaceAll("/+$", "");
        this.validity = validity;
        this.clock = clock;
        byte[] keyBytes = signingKey.filter(k -> !k.isBlank())
                .map(k -> k.getBytes(StandardCharsets.UTF_8))
                .orElseGet(UnsubscribeLinks::randomKey);
        if (keyBytes.length < MIN_KEY_BYTES) {
            LOG.warnf("tracking.notifications.link-signing-key has %d bytes; use at least %d random ones",
                    keyBytes.length, MIN_KEY_BYTES);
        }
        this.key = new SecretKeySpec(keyBytes, ALGORITHM);
        this.unsubscribeKey = derive("unsubscribe");
        this.preferencesKey = derive("preferences");
    }

    /** The unsubscribe URL for a customer's e-mails. */
    public String urlFor(String customerId) {
        return baseUrl + "/unsubscribe/" + tokenFor(Purpose.UNSUBSCRIBE, customerId);
    }

    /** The path of a customer's message-preferences page, {@code /preferences/{token}}. */
    public String preferencesPath(String customerId) {
        return "/preferences/" + tokenFor(Purpose.PREFERENCES, customerId);
    }

    String tokenFor(Purpose purpose, String customerId) {
        if (customerId == null || customerId.isEmpty()) {
            throw new IllegalArgumentException("a customer id is required");
        }
        byte[] id = customerId.getBytes(StandardCharsets.UTF_8);
        long expiry = clock.instant().plus(validFor(purpose)).getEpochSecond();
        ByteBuffer proof = ByteBuffer.allocate(VERSIONED_BYTES).put(VERSION).putLong(expiry)
                .put(sign(keyFor(purpose), expiry, id));
        return ENCODER.encodeToString(id) + "." + ENCODER.encodeToString(proof.array());
    }

    /** Whether a token opens the unsubscribe link, and for whom. */
    public Check unsubscribe(String token) {
        return check(Purpose.UNSUBSCRIBE, token);
    }

    /** Whether a token opens the preferences page, and for whom. */
    public Check preferences(String token) {
        return check(Purpose.PREFERENCES, token);
    }

    Check check(Purpose purpose, String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return new Invalid();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return new Invalid();
        }
        byte[] id = decode(token.substring(0, dot));
        byte[] proof = decode(token.substring(dot + 1));
        if (id == null || id.length == 0 || proof == null) {
            return new Invalid();
        }
        Optional<String> customerId = utf8(id);
        if (customerId.isEmpty()) {
            return new Invalid();
        }
        if (proof.length == SIGNATURE_BYTES) {
            // Links sent before tokens had an end were unsubscribe links only (the preferences link
            // is made afresh on every view of the tracking page); mails in inboxes still carry them.
            boolean accepted = purpose == Purpose.UNSUBSCRIBE && validity.acceptUnversionedUnsubscribe()
                    && MessageDigest.isEqual(signUnversioned(id), proof);
            return accepted ? new Valid(customerId.get()) : new Invalid();
        }
        if (proof.length != VERSIONED_BYTES || proof[0] != VERSION) {
            return new Invalid();
        }
        ByteBuffer buffer = ByteBuffer.wrap(proof, 1, proof.length - 1);
        long expiry = buffer.getLong();
        byte[] signature = new byte[SIGNATURE_BYTES];
        buffer.get(signature);
        if (!MessageDigest.isEqual(sign(keyFor(purpose), expiry, id), signature)) {
            return new Invalid();
        }
        Instant expiresAt = Instant.ofEpochSecond(expiry);
        return clock.instant().isBefore(expiresAt) ? new Valid(customerId.get()) : new Expired(expiresAt);
    }

    private Duration validFor(Purpose purpose) {
        return purpose == Purpose.UNSUBSCRIBE ? validity.unsubscribeValidFor() : validity.preferencesValidFor();
    }

    private SecretKeySpec keyFor(Purpose purpose) {
        return purpose == Purpose.UNSUBSCRIBE ? unsubscribeKey : preferencesKey;
    }

    private SecretKeySpec derive(String purpose) {
        return new SecretKeySpec(mac(key, ("order-tracking link key v1: " + purpose).getBytes(StandardCharsets.UTF_8)),
                ALGORITHM);
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
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

    private static byte[] sign(SecretKeySpec purposeKey, long expiry, byte[] customerId) {
        return mac(purposeKey, ByteBuffer.allocate(Long.BYTES).putLong(expiry).array(), customerId);
    }

    private byte[] signUnversioned(byte[] customerId) {
        return mac(key, UNVERSIONED_PURPOSE, customerId);
    }

    private static byte[] mac(SecretKeySpec key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] randomKey() {
        LOG.warn("tracking.notifications.link-signing-key is not set: unsubscribe and preferences links are signed"
                + " with a random key of this process and stop working on restart and on other replicas");
        byte[] key = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
