package dev.ordertracking.notification;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Takes a claimed message through the send-time rules: gathers what is known, lets
 * {@link SendRules} decide, and acts on it. Every outcome but a send is recorded here; a send is
 * rendered and handed back.
 */
@ApplicationScoped
public class SendPreparation {

    private static final Logger LOG = Logger.getLogger(SendPreparation.class);

    private final SendRules rules;
    private final ProviderCalls providers;
    private final MessageTexts texts;
    private final DispatchOutcomes outcomes;
    private final Clock clock;

    public SendPreparation(NotificationSettings settings, ProviderCalls providers, MessageTexts texts,
                           DispatchOutcomes outcomes, Clock clock) {
        this.rules = new SendRules(QuietHours.of(settings.quietHours()), settings.dailyCapPerOrder(),
                settings.dispatch().unconfiguredRecheck(), ProviderCalls.retries(settings.dispatch()));
        this.providers = providers;
        this.texts = texts;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /** The message ready to send, or empty when it was settled otherwise (and recorded). */
    Optional<PreparedSend> prepare(ClaimedNotification n, BatchFacts batch) {
        SendFacts facts = batch.about(n, clock.instant(), providers.configured(n.channel()));
        SendDecision decision = rules.decide(n, facts);
        if (decision instanceof SendDecision.AskProviderFirst) {
            facts = facts.withEarlierAttempt(providers.earlierAttempt(n, facts.now()));
            decision = rules.decide(n, facts);
        }
        if (decision instanceof SendDecision.Settled settled) {
            outcomes.record(n, settled.transition(facts.now()));
            return Optional.empty();
        }
        if (decision instanceof SendDecision.WaitForProvider waiting) {
            // The text is kept, so the console shows what waits and a later send says the same.
            RenderedMessage rendered = texts.render(n, facts.journey(), batch);
            outcomes.saveTexts(List.of(new PreparedSend(n, rendered, facts.journey())));
            texts.logBody(n, rendered, "not sent: provider not configured");
            outcomes.record(n, waiting.transition());
            return Optional.empty();
        }
        if (!(decision instanceof SendDecision.Send)) {
            throw new IllegalStateException("no rule for " + decision);
        }
        if (SendRules.countsAgainstDailyCap(n)) {
            batch.countSent(n.orderId());
        }
        try {
            return Optional.of(new PreparedSend(n, texts.render(n, facts.journey(), batch), facts.journey()));
        } catch (RuntimeException e) {
            // A template that cannot say this (e.g. far too long for 2 SMS segments) will not improve with retries.
            LOG.errorf("Message %s cannot be rendered: %s", n.id(), e.getMessage());
            outcomes.record(n, Transition.failed(NotificationStatus.FAILED, "cannot be rendered", null, "RENDER",
                    e.getMessage()));
            return Optional.empty();
        }
    }

    /** Keeps the texts of the messages about to go out, before any goes: a send in doubt is recognised by its text. */
    void keepTexts(List<PreparedSend> sends) {
        outcomes.saveTexts(sends);
        sends.forEach(s -> texts.logBody(s.n(), s.rendered(), "sending"));
    }
}
