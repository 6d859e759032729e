package dev.ordertracking.console;

import dev.ordertracking.support.OrderQueries;
import dev.ordertracking.support.OrderSearch;
import dev.ordertracking.support.OrderViews.OrderSummary;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The console's one search box: an order id, an e-mail address, a phone number or a tracking
 * number, whichever the text can be.
 */
@ApplicationScoped
public class ConsoleSearchService {

    static final int LIMIT = 50;
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]{5,}");

    /** What a search found; {@code exactOrder} when the text was an order id. */
    public record Found(String query, Optional<String> exactOrder, List<OrderSummary> orders) {
    }

    private final OrderQueries queries;

    public ConsoleSearchService(OrderQueries queries) {
        this.queries = queries;
    }

    public Found find(String text) {
        String q = text == null ? "" : text.strip();
        if (q.isEmpty() || q.length() > 320) {
            return new Found(q, Optional.empty(), List.of());
        }
        if (queries.exists(q)) {
            return new Found(q, Optional.of(q), List.of());
        }
        Map<String, OrderSummary> found = new LinkedHashMap<>();
        if (q.contains("@")) {
            add(found, search(Optional.of(q), Optional.empty(), Optional.empty()));
        } else {
            if (PHONE.matcher(q).matches()) {
                String digits = q.replaceAll("[\\s().-]", "");
                add(found, search(Optional.empty(), Optional.of(digits), Optional.empty()));
                if (!digits.startsWith("+")) {
                    add(found, search(Optional.empty(), Optional.of("+" + digits), Optional.empty()));
                }
            }
            add(found, search(Optional.empty(), Optional.empty(), Optional.of(q)));
        }
        List<OrderSummary> orders = found.values().stream()
                .sorted(Comparator.comparing(OrderSummary::placedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(LIMIT).toList();
        return new Found(q, Optional.empty(), orders);
    }

    private List<OrderSummary> search(Optional<String> email, Optional<String> phone, Optional<String> tracking) {
        return queries.search(new OrderSearch(email, phone, tracking, Optional.empty(), Optional.empty(), 0, LIMIT))
                .items();
    }

    private static void add(Map<String, OrderSummary> found, List<OrderSummary> orders) {
        orders.forEach(o -> found.putIfAbsent(o.orderId(), o));
    }
}
