package dev.ordertracking.notification.email;

import jakarta.enterprise.context.ApplicationScoped;

/** Placeholder until signed links land. */
@ApplicationScoped
public class UnsubscribeLinks {

    public String urlFor(String customerId) {
        return null;
    }
}
