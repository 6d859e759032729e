package dev.ordertracking.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads a record as a CloudEvents 1.0 event, structured JSON mode or binary mode ({@code ce_*}
 * headers), and checks it against the contract.
 */
public final class CloudEventParser {

    /** The default of {@code tracking.ingest.max-record-bytes}: the contract's events are a few KB. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 65_536;
    /**
     * Order ids: letters, digits, '-', '_', '.' and ':', starting with a letter or digit, at most 64
     * characters. Enough for the shops' own ids (Olist's 32 hex digits, UUIDs, "ORD-2026-000123",
     * "shop:4711"), and safe anywhere an id goes: a URL path segment (no '/', '?', '#', '%', never
     * "." or ".."), HTML, logs and SQL.
     */
    public static final java.util.regex.Pattern ORDER_ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    static final String ORDER_ID_RULE = "1-64 letters, digits, '-', '_', '.' or ':', starting with a letter or digit";

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private final FactReader facts = new FactReader();
    private final int maxRecordBytes;

    public CloudEventParser() {
        this(DEFAULT_MAX_RECORD_BYTES);
    }

    /** @param maxRecordBytes the largest record taken: value, key and headers together */
    public CloudEventParser(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    public ParsedRecord parse(IncomingRecord record) {
        try {
            checkEnvelope(record);
            return isBinaryMode(record) ? parseBinary(record) : parseStructured(record);
        } catch (InvalidEventException e) {
            return new ParsedRecord.Rejected(record, e.getMessage());
        }
    }

    /** What any record must meet before its content is read. */
    private void checkEnvelope(IncomingRecord record) throws InvalidEventException {
        long size = record.value() == null ? 0 : record.value().length;
        if (record.key() != null) {
            size += record.key().length();
        }
        for (IncomingRecord.Header h : record.headers()) {
            size += h.name().length() + (h.value() == null ? 0 : h.value().length);
        }
        if (size > maxRecordBytes) {
            throw new InvalidEventException("record is larger than " + maxRecordBytes + " bytes (value, key and headers)");
        }
    }

    private static boolean isBinaryMode(IncomingRecord record) {
        return record.header("ce_specversion") != null;
    }

    private ParsedRecord parseStructured(IncomingRecord record) throws InvalidEventException {
        JsonNode event = readJson(record.value(), "value");
        if (!event.isObject()) {
            throw new InvalidEventException("value must be a JSON object (a CloudEvent), got " + JsonFields.kind(event));
        }
        Attributes a = new Attributes(
                JsonFields.text(event, "specversion", "specversion", true, 16),
                JsonFields.text(event, "id", "id", true, JsonFields.MAX_ID_LENGTH),
                JsonFields.text(event, "source", "source", true, JsonFields.MAX_TEXT_LENGTH),
                JsonFields.text(event, "type", "type", true, 200),
                JsonFields.text(event, "time", "time", true, 64),
                JsonFields.text(event, "subject", "subject", true, JsonFields.MAX_ID_LENGTH),
                JsonFields.text(event, "datacontenttype", "datacontenttype", false, 200));
        JsonNode data = event.get("data");
        if (event.has("data_base64")) {
            throw new InvalidEventException("data_base64 is not accepted; data must be a JSON object");
        }
        return accept(record, a, data);
    }

    private ParsedRecord parseBinary(IncomingRecord record) throws InvalidEventException {
        // The same limits as the attributes of a structured event.
        Attributes a = new Attributes(header(record, "ce_specversion", true, 16),
                header(record, "ce_id", true, JsonFields.MAX_ID_LENGTH),
                header(record, "ce_source", true, JsonFields.MAX_TEXT_LENGTH), header(record, "ce_type", true, 200),
                header(record, "ce_time", true, 64), header(record, "ce_subject", true, JsonFields.MAX_ID_LENGTH),
                header(record, "content-type", false, 200));
        JsonNode data = record.value() == null ? null : readJson(record.value(), "value (data)");
        return accept(record, a, data);
    }

    private ParsedRecord accept(IncomingRecord record, Attributes a, JsonNode data) throws InvalidEventException {
        if (!"1.0".equals(a.specversion)) {
            throw new InvalidEventException("specversion '" + JsonFields.shorten(a.specversion) + "' is not 1.0");
        }
        if (!EventTypes.ACCEPTED.contains(a.type)) {
            return new ParsedRecord.Skipped(record, a.type);
        }
        try {
            new URI(a.source);
        } catch (URISyntaxException e) {
            throw new InvalidEventException("source '" + JsonFields.shorten(a.source) + "' is not a URI-reference");
        }
        Instant time = JsonFields.instant(a.time, "time");
        if (!ORDER_ID.matcher(a.subject).matches()) {
            throw new InvalidEventException("subject '" + JsonFields.shorten(a.subject) + "' is not an order id ("
                    + ORDER_ID_RULE + ")");
        }
        if (record.key() != null && record.key().length() > JsonFields.MAX_ID_LENGTH) {
            throw new InvalidEventException("record key is longer than " + JsonFields.MAX_ID_LENGTH + " characters");
        }
        if (record.key() != null && record.key().indexOf('\u0000') >= 0) {
            throw new InvalidEventException("record key contains a NUL character");
        }
        if (record.key() != null && !record.key().equals(a.subject)) {
            throw new InvalidEventException("record key '" + JsonFields.shorten(record.key())
                    + "' differs from subject '" + JsonFields.shorten(a.subject) + "'");
        }
        if (a.datacontenttype != null && !isJson(a.datacontenttype)) {
            throw new InvalidEventException("datacontenttype '" + JsonFields.shorten(a.datacontenttype)
                    + "' is not application/json");
        }
        if (data == null || data.isNull()) {
            throw new InvalidEventException("data is required");
        }
        if (!data.isObject()) {
            throw new InvalidEventException("data must be an object, got " + JsonFields.kind(data));
        }
        var fact = facts.read(a.type, data);
        if (containsNul(data)) {
            // PostgreSQL cannot store U+0000 in jsonb, even in fields we do not read.
            throw new InvalidEventException("data contains a NUL character (\\u0000)");
        }
        if (!fact.orderId().equals(a.subject)) {
            throw new InvalidEventException("data.orderId '" + JsonFields.shorten(fact.orderId())
                    + "' differs from subject '" + JsonFields.shorten(a.subject) + "'");
        }
        return new ParsedRecord.Accepted(record, a.id, a.type, a.source, time, a.subject, data, fact);
    }

    /** {@code application/json}, parameters such as a charset allowed. */
    private static boolean isJson(String mediaType) {
        String type = mediaType.split(";", 2)[0].trim();
        return type.equals("application/json");
    }

    private static boolean containsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\u0000') >= 0;
        }
        if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (field.getKey().indexOf('\u0000') >= 0 || containsNul(field.getValue())) {
                    return true;
                }
            }
            return false;
        }
        for (JsonNode child : node) {
            if (containsNul(child)) {
                return true;
            }
        }
        return false;
    }

    private JsonNode readJson(byte[] bytes, String what) throws InvalidEventException {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidEventException(what + " is empty");
        }
        if (bytes.length > maxRecordBytes) {
            throw new InvalidEventException(what + " is larger than " + maxRecordBytes + " bytes");
        }
        // JSON between systems is UTF-8 (RFC 8259). The JSON parser alone lets some invalid sequences through
        // (overlong forms, code points above U+10FFFF) and decodes them into other text than was sent.
        try {
            utf8(bytes);
        } catch (CharacterCodingException e) {
            throw new InvalidEventException(what + " is not valid UTF-8");
        }
        try {
            return json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("malformed JSON in " + what + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidEventException("unreadable " + what + ": " + e.getMessage());
        }
    }

    private static String header(IncomingRecord record, String name, boolean required, int maxLength)
            throws InvalidEventException {
        byte[] raw = record.header(name);
        if (raw == null) {
            if (required) {
                throw new InvalidEventException("header " + name + " is required in binary mode");
            }
            return null;
        }
        String value;
        try {
            value = utf8(raw);
        } catch (CharacterCodingException e) {
            throw new InvalidEventException("header " + name + " is not valid UTF-8");
        }
        if (required && value.isBlank()) {
            throw new InvalidEventException("header " + name + " must not be empty");
        }
        if (value.length() > maxLength) {
            throw new InvalidEventException("header " + name + " is longer than " + maxLength + " characters");
        }
        if (value.indexOf('\u0000') >= 0) {
            throw new InvalidEventException("header " + name + " contains a NUL character");
        }
        return value;
    }

    /** Strict UTF-8: malformed input is an error, never replaced. */
    private static String utf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    private record Attributes(String specversion, String id, String source, String type, String time,
                              String subject, String datacontenttype) {
    }
}
