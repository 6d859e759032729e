package dev.ordertracking.notification.email;

import dev.ordertracking.notification.NotificationSettings;
import dev.ordertracking.platform.TrackingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Unsubscribe links that work without login: the token is the customer id and an HMAC-SHA256 of it
 * ({@code tracking.notifications.link-signing-key}), so it cannot be made up for another customer.
 */
@ApplicationScoped
public class UnsubscribeLinks {

    private static final Logger LOG = Logger.getLogger(UnsubscribeLinks.class);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String PURPOSE = "unsubscribe:email:";

    private final byte[] key;
    private final String baseUrl;

    @Inject
    public UnsubscribeLinks(NotificationSettings settings, TrackingConfig config) {
        this(settings.linkSigningKey().filter(k -> !k.isBlank())
                        .map(k -> k.getBytes(StandardCharsets.UTF_8))
                        .orElseGet(UnsubscribeLinks::randomKey),
                config.publicBaseUrl());
        if (settings.linkSigningKey().filter(k -> !k.isBlank()).isEmpty()) {
            LOG.warn("tracking.notifications.link-signing-key is not set: unsubscribe links use a random key and "
                    + "stop working after a restart and in other replicas");
        }
    }

    UnsubscribeLinks(byte[] key, String baseUrl) {
        this.key = key.clone();
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    public String urlFor(String customerId) {
        return baseUrl + "/unsubscribe/" + tokenFor(customerId);
    }

    public String tokenFor(String customerId) {
        byte[] id = customerId.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(id) + "." + ENCODER.encodeToString(mac(id));
    }

    /** The customer a token was made for; empty for anything malformed or not signed by us. */
    public Optional<String> customerOf(String token) {
        if (token == null || token.length() > 1024) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] id = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(id))) {
                return Optional.empty();
            }
            return Optional.of(new String(id, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] customerId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(PURPOSE.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(customerId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
