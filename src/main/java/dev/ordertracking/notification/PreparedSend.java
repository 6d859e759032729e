package dev.ordertracking.notification;

import dev.ordertracking.journey.Journey;

/** A claimed message cleared to go, rendered, with the order as it was when that was decided. */
record PreparedSend(ClaimedNotification n, RenderedMessage rendered, Journey journey) {
}
