package dev.ordertracking.notification.email;

import com.icegreen.greenmail.util.GreenMail;
import dev.ordertracking.testing.GreenMailResource;
import dev.ordertracking.testing.InjectGreenMail;
import dev.ordertracking.testing.ScriptedSmtpResource;
import dev.ordertracking.testing.ScriptedSmtpServer;
import io.quarkus.mailer.Mailer;
import io.quarkus.mailer.MailerName;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The e-mail sender against real SMTP servers: GreenMail for what arrives, a scripted server for
 * refusals, and a port nothing listens on. The two resources declared here apply to every
 * {@code @QuarkusTest} of the run.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
@QuarkusTestResource(ScriptedSmtpResource.class)
class EmailSenderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    EmailSender sender;

    @Inject
    @MailerName(ScriptedSmtpResource.SCRIPTED)
    Mailer scriptedMailer;

    @Inject
    @MailerName(ScriptedSmtpResource.UNREACHABLE)
    Mailer unreachableMailer;

    @Inject
    @MailerName(ScriptedSmtpResource.IMPATIENT)
    Mailer impatientMailer;

    @InjectGreenMail
    GreenMail greenMail;

    ScriptedSmtpServer scripted;

    @Test
    void anEmailArrivesWithBothPartsItsMessageIdAndOneClickUnsubscribe() throws Exception {
        String to = uniqueAddress();
        String messageId = "<" + UUID.randomUUID() + "@tracking.shop.example>";
        String unsubscribe = "https://tracking.shop.example/unsubscribe/abc.def";
        EmailResult result = sender.send(new EmailRequest(to, "Seu pedido está a caminho",
                "<p>Your order <b>is on its way</b></p>", "Your order is on its way", messageId, unsubscribe));

        assertEquals(new EmailResult.Accepted(messageId), result);
        MimeMessage received = receivedBy(to);
        assertEquals("Seu pedido está a caminho", received.getSubject());
        assertEquals(GreenMailResource.FROM, ((InternetAddress) received.getFrom()[0]).getAddress());
        assertEquals(messageId, received.getMessageID());
        assertEquals("<" + unsubscribe + ">", received.getHeader("List-Unsubscribe", null));
        assertEquals("List-Unsubscribe=One-Click", received.getHeader("List-Unsubscribe-Post", null));

        assertTrue(received.isMimeType("multipart/alternative"), received.getContentType());
        Multipart parts = (Multipart) received.getContent();
        assertEquals(2, parts.getCount());
        BodyPart text = parts.getBodyPart(0);
        BodyPart html = parts.getBodyPart(1);
        assertTrue(text.isMimeType("text/plain"), text.getContentType());
        assertEquals("Your order is on its way", text.getContent().toString().trim());
        assertTrue(html.isMimeType("text/html"), html.getContentType());
        assertEquals("<p>Your order <b>is on its way</b></p>", html.getContent().toString().trim());
    }

    @Test
    void withoutAnUnsubscribeUrlThereAreNoListHeaders() throws Exception {
        String to = uniqueAddress();
        String messageId = "<" + UUID.randomUUID() + "@tracking.shop.example>";
        assertInstanceOf(EmailResult.Accepted.class,
                sender.send(new EmailRequest(to, "Delivered", "<p>Delivered</p>", "Delivered", messageId, null)));

        MimeMessage received = receivedBy(to);
        assertEquals(messageId, received.getMessageID());
        assertNull(received.getHeader("List-Unsubscribe"));
        assertNull(received.getHeader("List-Unsubscribe-Post"));
    }

    @Test
    void theRunsMailerIsConfiguredAndOneWithoutSenderOrInMockModeIsNot() {
        assertTrue(sender.configured());
        EmailRequest request = request(uniqueAddress());

        EmailSender withoutFrom = new EmailSender(scriptedMailer, Optional.empty(), Optional.of(false), TIMEOUT);
        assertFalse(withoutFrom.configured());
        assertEquals(new EmailResult.NotConfigured(), withoutFrom.send(request));

        EmailSender blankFrom = new EmailSender(scriptedMailer, Optional.of(" "), Optional.of(false), TIMEOUT);
        assertFalse(blankFrom.configured());

        EmailSender mocked = new EmailSender(scriptedMailer, Optional.of(GreenMailResource.FROM), Optional.of(true),
                TIMEOUT);
        assertFalse(mocked.configured());
        assertEquals(new EmailResult.NotConfigured(), mocked.send(request));
    }

    @Test
    void aRefusedConnectionIsTransient() {
        EmailResult.Failed failed = assertInstanceOf(EmailResult.Failed.class,
                senderOver(unreachableMailer).send(request(uniqueAddress())));
        assertTrue(failed.isTransient());
        assertNull(failed.code());
        assertTrue(failed.message().contains("Connection refused"), failed.message());
    }

    @Test
    void aTemporaryRefusalOfTheRecipientIsTransientWithItsCode() {
        String to = uniqueAddress();
        scripted.replyToRcpt(to, "451 4.3.0 Mailbox temporarily unavailable");

        EmailResult.Failed failed = assertInstanceOf(EmailResult.Failed.class,
                senderOver(scriptedMailer).send(request(to)));
        assertEquals(new EmailResult.Failed("451", "451 4.3.0 Mailbox temporarily unavailable", true), failed);
    }

    @Test
    void aPermanentRefusalOfTheRecipientIsPermanentWithItsCode() {
        String to = uniqueAddress();
        scripted.replyToRcpt(to, "550 5.1.1 No such user here");

        EmailResult.Failed failed = assertInstanceOf(EmailResult.Failed.class,
                senderOver(scriptedMailer).send(request(to)));
        assertEquals(new EmailResult.Failed("550", "550 5.1.1 No such user here", false), failed);
    }

    @Test
    void refusalsOfTheMessageItselfAreClassifiedByTheirCode() {
        String later = uniqueAddress();
        scripted.replyToData(later, "452 4.3.1 Insufficient system storage");
        assertEquals(new EmailResult.Failed("452", "452 4.3.1 Insufficient system storage", true),
                senderOver(scriptedMailer).send(request(later)));

        String never = uniqueAddress();
        scripted.replyToData(never, "554 5.7.1 Message rejected as spam");
        assertEquals(new EmailResult.Failed("554", "554 5.7.1 Message rejected as spam", false),
                senderOver(scriptedMailer).send(request(never)));
    }

    @Test
    void aServerThatAcceptsIsAcceptance() {
        EmailRequest request = request(uniqueAddress());
        assertEquals(new EmailResult.Accepted(request.messageId()), senderOver(scriptedMailer).send(request));
    }

    @Test
    void anAddressTheMailerCannotParseIsPermanent() {
        EmailResult.Failed failed = assertInstanceOf(EmailResult.Failed.class,
                sender.send(request("not an address")));
        assertFalse(failed.isTransient());
        assertNull(failed.code());
    }

    @Test
    void aServerThatNeverGreetsTimesOutAsTransientAndTheRetryIsDelivered() {
        EmailSender sender = new EmailSender(impatientMailer, Optional.of(GreenMailResource.FROM), Optional.of(false),
                ScriptedSmtpResource.IMPATIENT_TIMEOUT);
        EmailRequest request = request(uniqueAddress());
        scripted.greet(false);
        try {
            long start = System.nanoTime();
            EmailResult.Failed failed = assertInstanceOf(EmailResult.Failed.class, sender.send(request));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(new EmailResult.Failed(null, "no answer from the SMTP server within PT2S", true), failed);
            assertTrue(took.compareTo(ScriptedSmtpResource.IMPATIENT_TIMEOUT) >= 0, "waited the timeout: " + took);
        } finally {
            scripted.greet(true);
        }
        assertEquals(new EmailResult.Accepted(request.messageId()), sender.send(request));
        assertEquals(1, scripted.acceptedFor(request.to()), "delivered once");
    }

    @Test
    void aServerThatStallsMidConversationTimesOutAsTransientAndTheRetryIsDelivered() {
        EmailSender sender = new EmailSender(impatientMailer, Optional.of(GreenMailResource.FROM), Optional.of(false),
                ScriptedSmtpResource.IMPATIENT_TIMEOUT);
        EmailRequest request = request(uniqueAddress());
        scripted.stallAtRcpt(request.to());
        try {
            EmailResult.Failed failed = assertInstanceOf(EmailResult.Failed.class, sender.send(request));
            assertEquals(new EmailResult.Failed(null, "no answer from the SMTP server within PT2S", true), failed);
        } finally {
            scripted.greet(true);
        }
        assertEquals(0, scripted.acceptedFor(request.to()));
        assertEquals(new EmailResult.Accepted(request.messageId()), sender.send(request));
        assertEquals(1, scripted.acceptedFor(request.to()), "delivered once");
    }

    private EmailSender senderOver(Mailer mailer) {
        return new EmailSender(mailer, Optional.of(GreenMailResource.FROM), Optional.of(false), TIMEOUT);
    }

    private static EmailRequest request(String to) {
        return new EmailRequest(to, "Shipped", "<p>Shipped</p>", "Shipped",
                "<" + UUID.randomUUID() + "@tracking.shop.example>", null);
    }

    private static String uniqueAddress() {
        return "c-" + UUID.randomUUID() + "@customer.example";
    }

    private MimeMessage receivedBy(String address) {
        return await().atMost(TIMEOUT).until(() -> Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> sentTo(m, address)).findFirst().orElse(null), m -> m != null);
    }

    private static boolean sentTo(MimeMessage message, String address) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients)
                    .anyMatch(r -> ((InternetAddress) r).getAddress().equalsIgnoreCase(address));
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }
}
