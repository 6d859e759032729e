package dev.ordertracking.notification;

import dev.ordertracking.journey.StoredJourneys;
import dev.ordertracking.journey.Journey;
import dev.ordertracking.journey.JourneyStore;
import dev.ordertracking.journey.OrderStatus;
import dev.ordertracking.notification.email.EmailRequest;
import dev.ordertracking.notification.email.EmailResult;
import dev.ordertracking.notification.email.EmailSender;
import dev.ordertracking.notification.email.UnsubscribeLinks;
import dev.ordertracking.notification.sms.SmsOptOuts;
import dev.ordertracking.notification.sms.SmsRequest;
import dev.ordertracking.notification.sms.SmsResult;
import dev.ordertracking.notification.sms.SmsSender;
import dev.ordertracking.platform.TrackingConfig;
import dev.ordertracking.platform.TransientFailures;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends due messages. One loop per channel claims a batch (rows other replicas hold are skipped),
 * checks each against the order as it is now (consent, quiet hours, daily cap, still worth saying),
 * renders it, and sends it through the channel's provider with bounded concurrency (and, for SMS,
 * a send rate). Each outcome is recorded in its own transaction right after the provider answered.
 */
@ApplicationScoped
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);
    private static final Duration DAY = Duration.ofHours(24);

    private final NotificationLedger ledger;
    private final StoredJourneys journeys;
    private final JourneyStore journeyStore;
    private final MessageRenderer renderer;
    private final SmsSender sms;
    private final EmailSender email;
    private final SmsOptOuts optOuts;
    private final UnsubscribeLinks unsubscribeLinks;
    private final NotificationSignal signal;
    private final NotificationSettings settings;
    private final TrackingConfig config;
    private final Clock clock;
    private final QuietHours quietHours;
    private final Backoff backoff;
    private final RateLimiter smsRate;
    private final Fallbacks fallbacks;
    private final IncidentNotes incidentNotes;
    private final ProviderTrouble trouble;
    private final SendSpans sendSpans;
    private final Map<Channel, ExecutorService> senders = new EnumMap<>(Channel.class);
    /** Messages claimed and not yet answered, per channel: claims never run ahead of the senders. */
    private final Map<Channel, Semaphore> slots = new EnumMap<>(Channel.class);
    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean running;

    public NotificationDispatcher(NotificationLedger ledger, StoredJourneys journeys, JourneyStore journeyStore,
                                  MessageRenderer renderer, SmsSender sms, EmailSender email, SmsOptOuts optOuts,
                                  UnsubscribeLinks unsubscribeLinks, NotificationSignal signal,
                                  NotificationSettings settings, TrackingConfig config, Clock clock,
                                  Fallbacks fallbacks, IncidentNotes incidentNotes, ProviderTrouble trouble,
                                  SendSpans sendSpans) {
        this.sendSpans = sendSpans;
        this.incidentNotes = incidentNotes;
        this.trouble = trouble;
        this.ledger = ledger;
        this.journeys = journeys;
        this.journeyStore = journeyStore;
        this.renderer = renderer;
        this.sms = sms;
        this.email = email;
        this.optOuts = optOuts;
        this.unsubscribeLinks = unsubscribeLinks;
        this.signal = signal;
        this.settings = settings;
        this.config = config;
        this.clock = clock;
        this.quietHours = QuietHours.of(settings.quietHours());
        this.backoff = new Backoff(settings.dispatch().initialBackoff(), settings.dispatch().maxBackoff());
        this.smsRate = new RateLimiter(settings.dispatch().smsPerSecond());
        this.fallbacks = fallbacks;
    }

    void start(@Observes StartupEvent event) throws Exception {
        settings.channelsByMilestone(); // a mistyped channel stops the start, naming the setting
        for (Channel channel : Channel.values()) {
            if (!configured(channel)) {
                LOG.warnf("%s provider is not configured: %s messages wait (status WAITING_FOR_PROVIDER)", channel,
                        channel);
            }
        }
        if (!settings.dispatch().enabled()) {
            LOG.info("Notification dispatch is turned off (tracking.notifications.dispatch.enabled=false)");
            return;
        }
        running = true;
        for (Channel channel : Channel.values()) {
            if (configured(channel)) {
                QuarkusTransaction.requiringNew().call(() -> ledger.wakeWaiting(channel, clock.instant()));
            }
            int concurrency = channel == Channel.SMS ? settings.dispatch().smsConcurrency()
                    : settings.dispatch().emailConcurrency();
            // Twice the senders, so the next messages are prepared while the current ones are on the wire.
            slots.put(channel, new Semaphore(slotCount(channel)));
            senders.put(channel, Executors.newFixedThreadPool(concurrency, r -> {
                Thread t = new Thread(r, "notify-" + channel.name().toLowerCase(Locale.ROOT));
                t.setDaemon(true);
                return t;
            }));
            Thread loop = new Thread(() -> loop(channel), "dispatch-" + channel.name().toLowerCase(Locale.ROOT));
            loop.setDaemon(true);
            loops.add(loop);
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        signal.wake();
        for (Thread loop : loops) {
            loop.join(Duration.ofSeconds(10).toMillis());
        }
        senders.values().forEach(ExecutorService::shutdown);
    }

    /** Messages claimed and not yet answered at most: twice the channel's senders. */
    private int slotCount(Channel channel) {
        return 2 * (channel == Channel.SMS ? settings.dispatch().smsConcurrency()
                : settings.dispatch().emailConcurrency());
    }

    public boolean configured(Channel channel) {
        return channel == Channel.SMS ? sms.configured() : email.configured();
    }

    private void loop(Channel channel) {
        Duration pause = Duration.ofMillis(200);
        while (running) {
            try {
                long seen = signal.generation();
                Round round = dispatchRound(channel);
                pause = Duration.ofMillis(200);
                if (round.nothingDue()) {
                    signal.await(seen, settings.dispatch().idlePoll());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Dispatching %s failed, trying again in %d ms: %s", channel, pause.toMillis(), e.toString());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                        : pause.multipliedBy(2);
            }
        }
    }

    /**
     * How one round of a channel's loop ended: how many messages it claimed, and whether it claimed
     * none because every send slot stayed busy (a backlog still waiting) rather than because
     * nothing was due.
     */
    record Round(int claimed, boolean slotsBusy) {

        /**
         * Only a round that found nothing due lets the loop sleep until new messages or the idle
         * poll. After busy slots it claims again at once: sleeping then would let a backlog drain
         * by one round of slots per idle poll.
         */
        boolean nothingDue() {
            return claimed == 0 && !slotsBusy;
        }
    }

    /**
     * Claims as many due messages of a channel as there are free send slots (at most a batch),
     * prepares them and hands them to the channel's senders without waiting for the answers, so a
     * slow answer never holds up the next batch. Returns how many it claimed; 0 when nothing was
     * due or no slot came free within the idle poll.
     */
    public int dispatchOnce(Channel channel) throws Exception {
        return dispatchRound(channel).claimed();
    }

    Round dispatchRound(Channel channel) throws Exception {
        Semaphore free = slots.get(channel);
        if (free.availablePermits() == 0) {
            // Every slot is busy: rather than claim rows we cannot send yet, wait until the senders
            // have taken the queued messages (as many slots as senders), then claim the next ones
            // at once, while the senders are still busy with those.
            int senders = slotCount(channel) / 2;
            if (!free.tryAcquire(senders, settings.dispatch().idlePoll().toMillis(), TimeUnit.MILLISECONDS)) {
                return new Round(0, true);
            }
            free.release(senders);
        }
        int limit = Math.min(settings.dispatch().batchSize(), free.availablePermits());
        if (limit == 0) {
            return new Round(0, true); // another caller took the slots meanwhile
        }
        Instant now = clock.instant();
        List<ClaimedNotification> claimed = QuarkusTransaction.requiringNew().call(() ->
                ledger.claim(channel, limit, now, settings.dispatch().lease()));
        if (claimed.isEmpty()) {
            return new Round(0, false);
        }
        free.acquire(claimed.size());
        // A claimed message's slot is this method's to give back until a sender takes the message,
        // also when the database fails half-way (the claims then run out and are taken again): a
        // slot not given back is lost for good, and with all of them lost the channel stops sending.
        int slotsHeld = claimed.size();
        try {
            Set<String> orderIds = new LinkedHashSet<>();
            claimed.forEach(c -> orderIds.add(c.orderId()));
            Context context = QuarkusTransaction.requiringNew().call(() -> new Context(journeys.load(orderIds),
                    journeyStore.trackingTokens(orderIds),
                    ledger.consent(phones(claimed)),
                    ledger.sentSince(orderIds, channel, now.minus(DAY),
                            claimed.stream().map(ClaimedNotification::id).toList()),
                    incidentNotes.load(claimed.stream().map(ClaimedNotification::incidentId)
                            .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet())),
                    incidentNotes.thankYous(claimed.stream().filter(c -> c.milestone() == Milestone.FEEDBACK_REQUEST)
                            .map(ClaimedNotification::orderId).collect(java.util.stream.Collectors.toSet()))));
            List<Send> sends = new ArrayList<>();
            for (ClaimedNotification n : claimed) {
                try {
                    Object prepared = prepare(n, context);
                    if (prepared instanceof Send send) {
                        sends.add(send);
                        continue;
                    }
                    record(n, (Transition) prepared);
                } catch (Exception e) {
                    // The claim runs out and the message is tried again (in doubt, so reconciled first).
                    LOG.warnf("Message %s could not be prepared: %s", n.id(), e.toString());
                }
                free.release();
                slotsHeld--;
            }
            if (sends.isEmpty()) {
                return new Round(claimed.size(), false);
            }
            // The texts are stored before anything is sent: a send in doubt is recognised by its text.
            QuarkusTransaction.requiringNew().run(() -> {
                try {
                    ledger.saveRendered(sends.stream().map(x -> new NotificationLedger.RenderedText(x.n().id(),
                            x.rendered().subject(), x.rendered().text())).toList());
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            for (Send send : sends) {
                logBody(send.n(), send.rendered(), "sending");
                senders.get(channel).execute(() -> {
                    try {
                        if (leaseNearlyOver(send.n())) {
                            // Another dispatcher may claim it any moment now; sending as well could send it
                            // twice. Left alone, it is claimed again in doubt and checked with the provider.
                            LOG.debugf("Message %s waited too long to be sent; left for the next claim",
                                    send.n().id());
                            return;
                        }
                        Span span = sendSpans.start(send.n());
                        try (Scope ignored = span.makeCurrent()) {
                            Transition outcome = channel == Channel.SMS
                                    ? sendSms(send.n(), send.rendered(), send.journey())
                                    : sendEmail(send.n(), send.rendered(), send.journey());
                            SendSpans.outcome(span, outcome);
                            if (outcome != null) {
                                recordAnswer(send.n(), outcome);
                            }
                        } catch (Exception e) {
                            SendSpans.failed(span, e);
                            throw e;
                        } finally {
                            span.end();
                        }
                    } catch (Exception e) {
                        LOG.warnf("Message %s could not be sent: %s", send.n().id(), e.toString());
                    } finally {
                        free.release();
                    }
                });
                slotsHeld--; // the sender gives it back
            }
            return new Round(claimed.size(), false);
        } finally {
            free.release(slotsHeld);
        }
    }

    /** True once three quarters of the claim's lease are gone: too late to start a send. */
    private boolean leaseNearlyOver(ClaimedNotification n) {
        Duration lease = settings.dispatch().lease();
        return n.lastClaimedAt() != null
                && clock.instant().isAfter(n.lastClaimedAt().plus(lease.minus(lease.dividedBy(4))));
    }

    /** A message ready to go to its provider. */
    private record Send(ClaimedNotification n, Rendered rendered, Journey journey) {
    }

    private void record(ClaimedNotification n, Transition outcome) {
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> {
            try {
                ledger.completeClaim(n, outcome, now);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Records a provider's answer to a send. The send has happened: while the database cannot be
     * reached the answer is kept and recorded once it can. Dropped, the message would be claimed
     * again in doubt after its lease, and SMTP cannot be asked whether it took an e-mail: it would
     * go out twice. Recording twice is harmless (only while the claim is still ours).
     */
    private void recordAnswer(ClaimedNotification n, Transition outcome) throws InterruptedException {
        Duration pause = Duration.ofMillis(200);
        while (true) {
            try {
                record(n, outcome);
                return;
            } catch (RuntimeException e) {
                if (!running || !TransientFailures.isTransient(e)) {
                    throw e;
                }
                LOG.warnf("Recording the answer to message %s failed, trying again in %d ms: %s", n.id(),
                        pause.toMillis(), e.toString());
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                        : pause.multipliedBy(2);
            }
        }
    }

    private record Context(Map<String, Journey> journeys, Map<String, String> tokens, Map<String, Consent> consent,
                           Map<String, Integer> sentToday, Map<java.util.UUID, IncidentNotes.Note> incidents,
                           Map<String, IncidentNotes.Note> thankYous) {

        /** Counts a message against the order's cap as it is sent, so one batch cannot exceed it. */
        synchronized boolean takeFromCap(String orderId, int cap) {
            int sent = sentToday.getOrDefault(orderId, 0);
            if (sent >= cap) {
                return false;
            }
            sentToday.put(orderId, sent + 1);
            return true;
        }
    }

    private static Map<String, String> phones(List<ClaimedNotification> claimed) {
        Map<String, String> phones = new HashMap<>();
        claimed.forEach(c -> phones.put(c.customerId(), c.channel() == Channel.SMS ? c.recipient() : null));
        return phones;
    }

    /** What becomes of a claimed message without sending it (a {@link Transition}), or the {@link Send}. */
    private Object prepare(ClaimedNotification n, Context context) throws Exception {
        Instant now = clock.instant();
        Journey journey = context.journeys().get(n.orderId());
        if (journey == null) {
            return Transition.to(NotificationStatus.FAILED, "the order's events are gone");
        }
        Consent consent = context.consent().getOrDefault(n.customerId(), Consent.DEFAULT);
        String refusal = consent.refusal(n.channel(), n.recipient());
        if (refusal != null) {
            return Transition.to(NotificationStatus.SUPPRESSED, refusal);
        }
        String pointless = pointless(n.milestone(), journey);
        if (pointless != null && n.resendOf() == null) {
            return Transition.to(NotificationStatus.DROPPED, pointless);
        }
        ZoneId zone = ZoneId.of(n.timeZone());
        if (n.channel() == Channel.SMS) {
            Instant until = quietHours.deferUntil(now, zone).orElse(null);
            if (until != null) {
                return Transition.later(NotificationStatus.DEFERRED, "quiet hours in " + n.timeZone() + " until "
                        + until, until);
            }
        }
        if (n.inDoubt() && n.channel() == Channel.SMS) {
            SmsSender.Reconciliation found = sms.findSent(n.recipient(), n.body(), n.previousClaimedAt() != null
                    ? n.previousClaimedAt() : now.minus(DAY));
            if (found.sid() != null) {
                return Transition.accepted(NotificationStatus.ACCEPTED, found.sid(), "queued", now);
            }
            if (!found.answered()) {
                return retry(n, null, "could not ask Twilio whether an earlier attempt went through", now);
            }
        }
        IncidentNotes.Note incident = n.incidentId() == null ? null : context.incidents().get(n.incidentId());
        if (incident != null && n.incidentRevision() != null && n.incidentRevision() < incident.revision()
                && n.resendOf() == null) {
            // The text is written from the incident as it is now, so this notice would say just what
            // the later one says: the customer gets that one only.
            return Transition.to(NotificationStatus.DROPPED, "superseded: notice " + incident.revision()
                    + " of the same incident tells the newer date");
        }
        if (!configured(n.channel())) {
            Rendered rendered = render(n, journey, context, zone);
            QuarkusTransaction.requiringNew().run(() -> {
                try {
                    ledger.saveRendered(List.of(new NotificationLedger.RenderedText(n.id(), rendered.subject(),
                            rendered.text())));
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            logBody(n, rendered, "not sent: provider not configured");
            return Transition.later(NotificationStatus.WAITING_FOR_PROVIDER, n.channel()
                    + " provider is not configured", now.plus(settings.dispatch().unconfiguredRecheck()));
        }
        // Apologies are not capped: there is at most one per incident and revision, and they matter most.
        if (n.resendOf() == null && n.incidentId() == null
                && !context.takeFromCap(n.orderId(), settings.dailyCapPerOrder())) {
            return Transition.to(NotificationStatus.DROPPED, "daily cap of " + settings.dailyCapPerOrder() + " "
                    + n.channel() + " messages for this order reached");
        }
        Rendered rendered;
        try {
            rendered = render(n, journey, context, zone);
        } catch (RuntimeException e) {
            // A template that cannot say this (e.g. far too long for 2 SMS segments) will not improve with retries.
            LOG.errorf("Message %s cannot be rendered: %s", n.id(), e.getMessage());
            return Transition.failed(NotificationStatus.FAILED, "cannot be rendered", null, "RENDER", e.getMessage());
        }
        return new Send(n, rendered, journey);
    }

    private Transition sendSms(ClaimedNotification n, Rendered rendered, Journey journey) throws Exception {
        smsRate.acquire();
        SmsResult result = sms.send(new SmsRequest(n.recipient(), rendered.text(), n.id().toString()));
        Instant now = clock.instant();
        if (result instanceof SmsResult.Accepted a) {
            trouble.succeeded(Channel.SMS);
            return Transition.accepted(NotificationStatus.ACCEPTED, a.providerMessageId(), a.providerStatus(), now);
        }
        if (result instanceof SmsResult.Failed f) {
            String code = f.providerCode() == null ? (f.httpStatus() == 0 ? Transition.CONNECTION_LOST : "HTTP "
                    + f.httpStatus()) : String.valueOf(f.providerCode());
            if (f.isTransient()) {
                trouble.failed(Channel.SMS, code, f.providerMessage(), now);
                return retry(n, code, f.providerMessage(), now);
            }
            if (sms.optOutCode(f.providerCode())) {
                QuarkusTransaction.requiringNew().run(() -> {
                    try {
                        optOuts.optOut(n.recipient(), now, "twilio:" + f.providerCode());
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            return failPermanently(n, journey, code, f.providerMessage(), now);
        }
        return Transition.later(NotificationStatus.WAITING_FOR_PROVIDER, "SMS provider is not configured",
                now.plus(settings.dispatch().unconfiguredRecheck()));
    }

    private Transition sendEmail(ClaimedNotification n, Rendered rendered, Journey journey) {
        EmailResult result = email.send(new EmailRequest(n.recipient(), rendered.subject(), rendered.html(),
                rendered.text(), "<" + n.id() + "@order-tracking>", rendered.unsubscribeUrl()));
        Instant now = clock.instant();
        if (result instanceof EmailResult.Accepted a) {
            trouble.succeeded(Channel.EMAIL);
            return Transition.accepted(NotificationStatus.SENT, a.messageId(), "accepted by SMTP server", now);
        }
        if (result instanceof EmailResult.Failed f) {
            String code = f.code() == null ? Transition.CONNECTION_LOST : f.code();
            if (f.isTransient()) {
                trouble.failed(Channel.EMAIL, code, f.message(), now);
                return retry(n, code, f.message(), now);
            }
            return failPermanently(n, journey, code, f.message(), now);
        }
        return Transition.later(NotificationStatus.WAITING_FOR_PROVIDER, "e-mail provider is not configured",
                now.plus(settings.dispatch().unconfiguredRecheck()));
    }

    private Transition retry(ClaimedNotification n, String code, String message, Instant now) {
        if (n.attempts() >= settings.dispatch().maxAttempts()) {
            return Transition.failed(NotificationStatus.FAILED, "gave up after " + n.attempts() + " attempts", null,
                    code, message);
        }
        Duration delay = backoff.delay(n.attempts(), ThreadLocalRandom.current());
        return Transition.failed(NotificationStatus.RETRYING, "attempt " + n.attempts() + " failed; next in "
                + delay.toSeconds() + " s", now.plus(delay), code, message);
    }

    /** Marks the message failed and, in the same transaction, plans it on the customer's other channel. */
    private Transition failPermanently(ClaimedNotification n, Journey journey, String code, String message,
                                       Instant now) {
        Transition failed = Transition.failed(NotificationStatus.FAILED, "permanent failure", null, code, message);
        QuarkusTransaction.requiringNew().run(() -> {
            try {
                if (ledger.completeClaim(n, failed, now)
                        && fallbacks.plan(n.id(), n.channel(), n.milestone(), n.shipmentId(), n.incidentId(),
                        n.incidentRevision(), n.causeReceivedAt(), journey, now)) {
                    signal.wake();
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return null;
    }

    private String pointless(Milestone milestone, Journey journey) {
        if (journey.status() == OrderStatus.CANCELLED && milestone != Milestone.CANCELLED) {
            return "superseded: the order was cancelled";
        }
        if (journey.status() == OrderStatus.DELIVERED && milestone != Milestone.DELIVERED
                && MilestoneDetector.supersededBy(Milestone.DELIVERED).contains(milestone)) {
            return "superseded: the order was delivered";
        }
        return null;
    }

    private record Rendered(String subject, String text, String html, String unsubscribeUrl) {
    }

    private Rendered render(ClaimedNotification n, Journey journey, Context context, ZoneId zone) {
        Locale locale = LocalizedText.resolve(n.locale(), config.defaults().locale());
        String token = context.tokens().get(n.orderId());
        IncidentNotes.Note note = n.incidentId() == null ? null : context.incidents().get(n.incidentId());
        MessageModel.Amends amends = note == null ? null
                : MessageModels.amends(note, n.milestone(), n.incidentRevision() == null ? 1 : n.incidentRevision(),
                locale, zone);
        IncidentNotes.Note thankYou = context.thankYous().get(n.orderId());
        if (amends == null && n.milestone() == Milestone.FEEDBACK_REQUEST && thankYou != null) {
            amends = MessageModels.thankYou(thankYou, locale, zone);
        }
        String trackingUrl = token == null ? null : config.publicBaseUrl().replaceAll("/+$", "") + "/t/" + token;
        if (n.channel() == Channel.SMS) {
            // A retry sends exactly the text of the first attempt, so Twilio's copy can be recognised.
            String text = n.body() != null ? n.body()
                    : renderer.sms(n.milestone(), locale, MessageModels.of(journey, n.milestone(), n.shipmentId(),
                    locale, zone, trackingUrl, null, amends)).text();
            return new Rendered(null, text, null, null);
        }
        String unsubscribe = unsubscribeLinks.urlFor(n.customerId());
        RenderedEmail mail = renderer.email(n.milestone(), locale, MessageModels.of(journey, n.milestone(),
                n.shipmentId(), locale, zone, trackingUrl, unsubscribe, amends));
        return new Rendered(mail.subject(), mail.text(), mail.html(), unsubscribe);
    }

    private void logBody(ClaimedNotification n, Rendered rendered, String what) {
        if (settings.logBodies()) {
            LOG.infof("%s %s %s to %s (%s): %s%s", n.channel(), n.milestone(), n.orderId(), n.recipient(), what,
                    rendered.subject() == null ? "" : rendered.subject() + " | ", rendered.text());
        }
    }
}
