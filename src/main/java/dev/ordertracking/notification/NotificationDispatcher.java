package dev.ordertracking.notification;

import dev.ordertracking.platform.WorkerLoop;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends due messages. One loop per channel claims a batch (rows other replicas hold are skipped),
 * gathers what is known about them, lets the send-time rules decide each ({@link SendPreparation},
 * {@link SendRules}: consent, quiet hours, still worth saying, daily cap, ...), and hands the ones
 * to send to the channel's senders with bounded concurrency (and, for SMS, a send rate). Each
 * outcome is recorded in its own transaction right after the provider answered.
 */
@ApplicationScoped
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);

    private final NotificationStore ledger;
    private final DispatchFacts facts;
    private final SendPreparation preparation;
    private final MessageSends sends;
    private final NotificationSignal signal;
    private final NotificationSettings settings;
    private final Clock clock;
    private final Map<Channel, ExecutorService> senders = new EnumMap<>(Channel.class);
    /** Messages claimed and not yet answered, per channel: claims never run ahead of the senders. */
    private final Map<Channel, Semaphore> slots = new EnumMap<>(Channel.class);
    private final List<WorkerLoop> loops = new ArrayList<>();
    private volatile boolean running;

    public NotificationDispatcher(NotificationStore ledger, DispatchFacts facts, SendPreparation preparation,
                                  MessageSends sends, NotificationSignal signal, NotificationSettings settings,
                                  Clock clock) {
        this.ledger = ledger;
        this.facts = facts;
        this.preparation = preparation;
        this.sends = sends;
        this.signal = signal;
        this.settings = settings;
        this.clock = clock;
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
            String name = channel.name().toLowerCase(Locale.ROOT);
            slots.put(channel, new Semaphore(slotCount(channel)));
            senders.put(channel, Executors.newFixedThreadPool(senderCount(channel), r -> {
                Thread t = new Thread(r, "notify-" + name);
                t.setDaemon(true);
                return t;
            }));
            WorkerLoop loop = new WorkerLoop("dispatch-" + name, "Dispatching " + channel, signal,
                    Duration.ofSeconds(10), () -> dispatchRound(channel).nothingDue()
                    ? settings.dispatch().idlePoll() : Duration.ZERO);
            loops.add(loop);
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        WorkerLoop.stopAll(loops);
        senders.values().forEach(ExecutorService::shutdown);
    }

    private int senderCount(Channel channel) {
        return channel == Channel.SMS ? settings.dispatch().smsConcurrency() : settings.dispatch().emailConcurrency();
    }

    /**
     * Messages claimed and not yet answered at most: twice the channel's senders, so the next
     * messages are prepared while the current ones are on the wire.
     */
    private int slotCount(Channel channel) {
        return 2 * senderCount(channel);
    }

    public boolean configured(Channel channel) {
        return sends.configured(channel);
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
            int senderCount = senderCount(channel);
            if (!free.tryAcquire(senderCount, settings.dispatch().idlePoll().toMillis(), TimeUnit.MILLISECONDS)) {
                return new Round(0, true);
            }
            free.release(senderCount);
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
            BatchFacts batch = QuarkusTransaction.requiringNew().call(() -> facts.load(channel, claimed, now));
            List<PreparedSend> ready = new ArrayList<>();
            for (ClaimedNotification n : claimed) {
                try {
                    Optional<PreparedSend> send = preparation.prepare(n, batch);
                    if (send.isPresent()) {
                        ready.add(send.get());
                        continue;
                    }
                } catch (Exception e) {
                    // The claim runs out and the message is tried again (in doubt, so reconciled first).
                    LOG.warnf("Message %s could not be prepared: %s", n.id(), e.toString());
                }
                free.release();
                slotsHeld--;
            }
            if (ready.isEmpty()) {
                return new Round(claimed.size(), false);
            }
            preparation.keepTexts(ready);
            for (PreparedSend send : ready) {
                senders.get(channel).execute(() -> {
                    try {
                        sends.send(send, () -> running);
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
}
