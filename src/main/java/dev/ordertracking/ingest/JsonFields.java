package dev.ordertracking.ingest;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Reads fields of a JSON object with a precise reason when one is missing or malformed. */
final class JsonFields {

    static final int MAX_ID_LENGTH = 200;
    static final int MAX_TEXT_LENGTH = 2_000;
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,15}(\\.\\d{1,6})?");
    /**
     * RFC 3339 date-time and full-date. java.time's ISO formatters alone also take what RFC 3339 does
     * not allow: no seconds (09:15Z), hour-only or second offsets (+01, +01:00:30), a bare decimal
     * point (09:15:00.Z) and signed years beyond 9999 (+12026-11-20).
     */
    private static final Pattern RFC3339_DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final Pattern RFC3339_FULL_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private JsonFields() {
    }

    static JsonNode object(JsonNode parent, String field, String path, boolean required) throws InvalidEventException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidEventException(path + " is required");
            }
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidEventException(path + " must be an object");
        }
        return node;
    }

    static String id(JsonNode parent, String field, String path) throws InvalidEventException {
        return text(parent, field, path, true, MAX_ID_LENGTH);
    }

    static String requiredText(JsonNode parent, String field, String path) throws InvalidEventException {
        return text(parent, field, path, true, MAX_TEXT_LENGTH);
    }

    static String optionalText(JsonNode parent, String field, String path) throws InvalidEventException {
        return text(parent, field, path, false, MAX_TEXT_LENGTH);
    }

    static String text(JsonNode parent, String field, String path, boolean required, int maxLength)
            throws InvalidEventException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidEventException(path + " is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidEventException(path + " must be a string, got " + kind(node));
        }
        String value = node.textValue();
        if (required && value.isBlank()) {
            throw new InvalidEventException(path + " must not be empty");
        }
        if (value.length() > maxLength) {
            throw new InvalidEventException(path + " is longer than " + maxLength + " characters");
        }
        if (value.indexOf('\u0000') >= 0) {
            throw new InvalidEventException(path + " contains a NUL character");
        }
        return value;
    }

    static Instant instant(JsonNode parent, String field, String path, boolean required) throws InvalidEventException {
        String text = text(parent, field, path, required, 64);
        return text == null ? null : instant(text, path);
    }

    /** RFC 3339: date, time and an offset are all required. */
    static Instant instant(String text, String path) throws InvalidEventException {
        if (RFC3339_DATE_TIME.matcher(text).matches()) {
            try {
                return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                // e.g. month 13 or February 30: rejected below
            }
        }
        throw new InvalidEventException(path + " '" + shorten(text) + "' is not an RFC 3339 date-time with offset");
    }

    static LocalDate date(JsonNode parent, String field, String path, boolean required) throws InvalidEventException {
        String text = text(parent, field, path, required, 32);
        if (text == null) {
            return null;
        }
        if (RFC3339_FULL_DATE.matcher(text).matches()) {
            try {
                return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (DateTimeParseException e) {
                // e.g. 2026-11-31: rejected below
            }
        }
        throw new InvalidEventException(path + " '" + shorten(text) + "' is not a calendar date (yyyy-MM-dd)");
    }

    static BigDecimal money(JsonNode parent, String field, String path) throws InvalidEventException {
        String text = text(parent, field, path, false, 40);
        if (text == null) {
            return null;
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new InvalidEventException(path + " '" + shorten(text) + "' is not a decimal string");
        }
        return new BigDecimal(text);
    }

    static <E extends Enum<E>> E enumValue(JsonNode parent, String field, String path, Class<E> type,
                                           boolean required) throws InvalidEventException {
        String text = text(parent, field, path, required, 64);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(path + " '" + shorten(text) + "' is not one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).filter(JsonFields::isOffered)
                    .map(Enum::name).toList());
        }
    }

    /** Values of ours that producers may not send are not offered in error messages. */
    private static boolean isOffered(Enum<?> value) {
        return !(value instanceof dev.ordertracking.journey.ShipmentStatus s) || s.isContractStatus();
    }

    static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
