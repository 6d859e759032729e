package dev.ordertracking.notification.flow;

import com.icegreen.greenmail.util.GreenMail;
import dev.ordertracking.testing.Notifications;
import dev.ordertracking.testing.TwilioStandIn;
import io.agroal.api.AgroalDataSource;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** What the customer received, as the Twilio stand-in and the SMTP server saw it. */
public final class FlowSupport {

    public static final Duration WAIT = Duration.ofSeconds(20);

    private FlowSupport() {
    }

    /** Today at 14:00 UTC: daytime for customers in London, Tehran and Sao Paulo alike. */
    public static Instant daytime() {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(14));
    }

    /** SMS the stand-in accepted for a number. */
    public static List<TwilioStandIn.RecordedRequest> sms(TwilioStandIn twilio, String phone) {
        return twilio.requests().stream()
                .filter(r -> phone.equals(r.to()) && r.method().equals("POST") && r.answeredStatus() == 201)
                .toList();
    }

    /** POSTs the stand-in received for a number, whatever it answered. */
    public static List<TwilioStandIn.RecordedRequest> smsAttempts(TwilioStandIn twilio, String phone) {
        return twilio.requests().stream().filter(r -> phone.equals(r.to()) && r.method().equals("POST")).toList();
    }

    public static List<MimeMessage> mails(GreenMail mail, String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                Address[] to = m.getAllRecipients();
                return to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    public static Notifications.Row awaitStatus(AgroalDataSource db, String orderId, String milestone, String channel,
                                         String... statuses) {
        List<String> wanted = List.of(statuses);
        return await().atMost(WAIT).until(() -> Notifications.one(db, orderId, milestone, channel),
                r -> r != null && wanted.contains(r.status()));
    }

    public static String trackingToken(AgroalDataSource db, String orderId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select tracking_token from order_journey where order_id = ?")) {
            s.setString(1, orderId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The order's journey status, or null before its order.placed. */
    public static String orderStatus(AgroalDataSource db, String orderId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select status from order_journey where order_id = ?")) {
            s.setString(1, orderId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many events of the order are stored. */
    public static int storedEvents(AgroalDataSource db, String orderId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from journey_event where order_id = ?")) {
            s.setString(1, orderId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void awaitOrder(AgroalDataSource db, String orderId) {
        await().atMost(WAIT).until(() -> trackingToken(db, orderId) != null);
    }

    /** The decoded part of this type ("text/html", "text/plain"), or null. */
    public static String part(jakarta.mail.Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    String found = part(multipart.getBodyPart(i), type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, ",");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
