package dev.ordertracking.outbox;

import dev.ordertracking.platform.WakeUp;
import jakarta.enterprise.context.ApplicationScoped;

/** Lets a commit in this process wake the relay at once instead of waiting for its next poll. */
@ApplicationScoped
public class OutboxSignal extends WakeUp {
}
