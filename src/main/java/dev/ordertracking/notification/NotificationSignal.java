package dev.ordertracking.notification;

import dev.ordertracking.platform.WakeUp;
import jakarta.enterprise.context.ApplicationScoped;

/** Wakes every dispatcher loop of this process when it has just committed messages that are due. */
@ApplicationScoped
public class NotificationSignal extends WakeUp {
}
