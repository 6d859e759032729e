package dev.ordertracking.notification;

import dev.ordertracking.journey.Journey;
import dev.ordertracking.platform.AfterCommit;
import dev.ordertracking.platform.TransientFailures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Records what became of claimed messages, each in its own transaction, while the claim is still ours. */
@ApplicationScoped
public class DispatchOutcomes {

    private static final Logger LOG = Logger.getLogger(DispatchOutcomes.class);

    private final NotificationStore ledger;
    private final Fallbacks fallbacks;
    private final NotificationSignal signal;
    private final AfterCommit afterCommit;
    private final Clock clock;

    public DispatchOutcomes(NotificationStore ledger, Fallbacks fallbacks, NotificationSignal signal,
                            AfterCommit afterCommit, Clock clock) {
        this.ledger = ledger;
        this.fallbacks = fallbacks;
        this.signal = signal;
        this.afterCommit = afterCommit;
        this.clock = clock;
    }

    void record(ClaimedNotification n, Transition outcome) {
        Instant now = clock.instant();
        inNewTransaction(() -> ledger.completeClaim(n, outcome, now));
    }

    /**
     * Records a provider's answer to a send. The send has happened: while the database cannot be
     * reached the answer is kept and recorded once it can. Dropped, the message would be claimed
     * again in doubt after its lease, and SMTP cannot be asked whether it took an e-mail: it would
     * go out twice. Recording twice is harmless (only while the claim is still ours).
     */
    void recordAnswer(ClaimedNotification n, Transition outcome, BooleanSupplier keepTrying)
            throws InterruptedException {
        Duration pause = Duration.ofMillis(200);
        while (true) {
            try {
                record(n, outcome);
                return;
            } catch (RuntimeException e) {
                if (!keepTrying.getAsBoolean() || !TransientFailures.isTransient(e)) {
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

    /** Keeps the texts about to go out: a send in doubt is recognised by its text. */
    void saveTexts(List<PreparedSend> sends) {
        inNewTransaction(() -> ledger.saveRendered(sends.stream().map(s -> new NotificationStore.RenderedText(
                s.n().id(), s.rendered().subject(), s.rendered().text())).toList()));
    }

    /**
     * Marks the message failed for good and, in the same transaction, plans it on the customer's
     * other channel; the dispatchers are woken for that one once it is committed.
     */
    void failPermanently(ClaimedNotification n, Journey journey, String code, String message, Instant now) {
        Transition failed = Transition.failed(NotificationStatus.FAILED, "permanent failure", null, code, message);
        inNewTransaction(() -> {
            if (ledger.completeClaim(n, failed, now)
                    && fallbacks.plan(n.id(), n.channel(), n.milestone(), n.shipmentId(), n.incidentId(),
                    n.incidentRevision(), n.causeReceivedAt(), journey, now)) {
                afterCommit.run(signal::wake);
            }
        });
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    private static void inNewTransaction(SqlWork work) {
        QuarkusTransaction.requiringNew().run(() -> {
            try {
                work.run();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
