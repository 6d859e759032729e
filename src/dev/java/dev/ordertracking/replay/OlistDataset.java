package dev.ordertracking.replay;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Olist sample read from its CSV files: orders joined with their customer and items, in file order. */
public record OlistDataset(List<OlistOrder> orders) {

    public static final String ORDERS_FILE = "olist_orders_dataset.csv";
    public static final String CUSTOMERS_FILE = "olist_customers_dataset.csv";
    public static final String ITEMS_FILE = "olist_order_items_dataset.csv";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public OlistDataset {
        orders = List.copyOf(orders);
    }

    public static OlistDataset load(Path dir) throws IOException {
        Map<String, Map<String, String>> customers = new HashMap<>();
        for (Map<String, String> row : readCsv(dir.resolve(CUSTOMERS_FILE))) {
            customers.put(row.get("customer_id"), row);
        }
        Map<String, List<OlistOrder.Item>> items = new HashMap<>();
        for (Map<String, String> row : readCsv(dir.resolve(ITEMS_FILE))) {
            items.computeIfAbsent(row.get("order_id"), k -> new ArrayList<>()).add(new OlistOrder.Item(
                    row.get("product_id"), new BigDecimal(row.get("price")), new BigDecimal(row.get("freight_value"))));
        }
        List<OlistOrder> orders = new ArrayList<>();
        for (Map<String, String> row : readCsv(dir.resolve(ORDERS_FILE))) {
            String orderId = row.get("order_id");
            Map<String, String> customer = customers.get(row.get("customer_id"));
            if (customer == null) {
                throw new IllegalArgumentException("order " + orderId + ": customer " + row.get("customer_id")
                        + " is not in " + CUSTOMERS_FILE);
            }
            LocalDateTime estimated = timestamp(row, "order_estimated_delivery_date");
            orders.add(new OlistOrder(orderId, row.get("customer_id"), customer.get("customer_unique_id"),
                    row.get("order_status"),
                    timestamp(row, "order_purchase_timestamp"),
                    timestamp(row, "order_approved_at"),
                    timestamp(row, "order_delivered_carrier_date"),
                    timestamp(row, "order_delivered_customer_date"),
                    estimated == null ? null : estimated.toLocalDate(),
                    customer.get("customer_city"), customer.get("customer_state"),
                    customer.get("customer_zip_code_prefix"),
                    items.getOrDefault(orderId, List.of())));
        }
        return new OlistDataset(orders);
    }

    /** Reads a CSV file with a header row; each row becomes a map from column name to value (in column order). */
    public static List<Map<String, String>> readCsv(Path file) throws IOException {
        List<List<String>> rows = parseCsv(Files.readString(file, StandardCharsets.UTF_8));
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + " has no header row");
        }
        List<String> header = rows.get(0);
        List<Map<String, String>> result = new ArrayList<>(rows.size() - 1);
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(file + ": record " + r + " has " + row.size()
                        + " fields, the header has " + header.size());
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                values.put(header.get(c), row.get(c));
            }
            result.add(values);
        }
        return result;
    }

    /**
     * Splits RFC 4180 CSV text into records: fields may be quoted, a quoted field may hold commas,
     * line breaks and doubled quotes ({@code ""}). Lines end in LF or CRLF; blank lines are skipped.
     */
    public static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inQuotes = false;
        boolean fieldStarted = false; // distinguishes a quoted empty field from a blank line
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (inQuotes) {
                if (ch != '"') {
                    field.append(ch);
                } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    inQuotes = false;
                }
            } else if (ch == '"' && field.length() == 0) {
                inQuotes = true;
                fieldStarted = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRecord(rows, row, field, fieldStarted);
                row = new ArrayList<>();
                fieldStarted = false;
            } else {
                field.append(ch);
                fieldStarted = true;
            }
        }
        if (inQuotes) {
            throw new IllegalArgumentException("CSV ends inside a quoted field (record " + (rows.size() + 1) + ")");
        }
        endRecord(rows, row, field, fieldStarted);
        return rows;
    }

    private static void endRecord(List<List<String>> rows, List<String> row, StringBuilder field, boolean started) {
        if (started || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        field.setLength(0);
    }

    private static LocalDateTime timestamp(Map<String, String> row, String column) {
        String value = row.get(column);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.trim(), TIMESTAMP);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("order " + row.get("order_id") + ": " + column + " '" + value
                    + "' is not yyyy-MM-dd HH:mm:ss", e);
        }
    }
}
