package dev.ordertracking.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordertracking.ingest.CloudEventParser;
import dev.ordertracking.ingest.IncomingRecord;
import dev.ordertracking.ingest.ParsedRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import static dev.ordertracking.contract.EventCorpus.at;
import static dev.ordertracking.contract.EventCorpus.dotted;
import static dev.ordertracking.contract.EventCorpus.pointer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service's validator ({@link CloudEventParser}) and the contract's JSON Schema must reach the
 * same verdict on a deterministic corpus of valid and mutated events. Where the service is
 * documented to be stricter than the contract (length limits, blank required texts, locale, time
 * zone and currency checks, data.orderId = subject), the event is marked and only the direction
 * "contract-invalid implies rejected" is asserted. The order id's characters are in the schema
 * (a clarification of v1), so there both must agree.
 */
class ParserAgreesWithSchemaTest {

    private static final long SEED = 20261120L;
    private static final int CORPUS_SIZE = 3_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String HUGE = "x".repeat(10_000);

    /** Required texts the service also refuses when blank (the contract only says "required"). */
    private static final Set<String> BLANK_CHECKED = Set.of("data.orderId", "data.customer.id", "data.shipmentId",
            "data.carrier", "data.trackingNumber");
    /** Values the service checks against java.util.Locale, java.time.ZoneId and java.util.Currency. */
    private static final Set<String> SERVICE_CHECKED_CODES = Set.of("data.customer.locale", "data.customer.timeZone",
            "data.currency");
    private static final Set<String> INSTANT_FIELDS = Set.of("time", "data.placedAt", "data.confirmedAt",
            "data.cancelledAt", "data.shippedAt", "data.occurredAt");
    private static final Set<String> DATE_FIELDS = Set.of("data.promisedDeliveryDate", "data.estimatedDeliveryDate");

    static final List<String> BAD_INSTANTS = List.of(
            "2026-11-20T09:15:00", "2026-11-20", "2026-11-20 09:15:00Z", "2026-11-20T25:00:00Z",
            "2026-02-30T09:15:00Z", "20.11.2026 09:15", "1763630100", "yesterday", "2026-W47-5T09:15:00Z",
            "2026-11-20T09:15:00+0100",
            // accepted by java.time's ISO_OFFSET_DATE_TIME, but not RFC 3339 date-times
            "2026-11-20T09:15Z", "2026-11-20T09:15:00+01", "2026-11-20T09:15:00+01:00:30",
            "2026-11-20T09:15:00.Z", "+12026-11-20T09:15:00Z");
    static final List<String> BAD_DATES = List.of(
            "2026-11-31", "2025-02-29", "26.11.2026", "2026/11/26", "2026-11-26T00:00:00Z", "2026-11-26Z",
            "20261126", "2026-1-5", "2026-11", "next week",
            // accepted by java.time's ISO_LOCAL_DATE, but not an RFC 3339 full-date
            "+12026-11-26");
    static final List<String> PHONES = List.of(
            "09121234567", "+0121234567", "+98 912 123 4567", "+98-912-1234567", "+1234567", "+1234567890123456",
            "989121234567", "+", "tel:+989121234567",
            // valid: 8 and 15 digits
            "+12345678", "+123456789012345");

    enum Kind { NONE, REMOVE, RETYPE, BAD_DATE, EMPTY, BAD_VALUE, UNKNOWN_TYPE, EXTRA_FIELD, HUGE, PHONE, NO_CONTACT }

    /**
     * One applied mutation. {@code stricter} names the documented way the service is stricter than
     * the contract, or is null. {@code blame} says which reasons name the right place.
     */
    record Mutation(Kind kind, String path, String description, String stricter, Predicate<String> blame) {
    }

    private final CloudEventParser parser = new CloudEventParser();

    @Test
    void theParserAndTheSchemaAgree() throws Exception {
        Random random = new Random(SEED);
        EventCorpus corpus = new EventCorpus(random);
        List<ObjectNode> examples = EventCorpus.INCOMING_TYPES.stream().map(ContractSchema::example).toList();

        Map<Kind, Integer> byKind = new EnumMap<>(Kind.class);
        Map<String, int[]> stricterOutcomes = new TreeMap<>();
        int schemaValid = 0;
        int schemaInvalid = 0;
        int fullyCompared = 0;
        int skipped = 0;
        List<String> disagreements = new ArrayList<>();

        for (int i = 0; i < CORPUS_SIZE; i++) {
            ObjectNode event = i < 5 || random.nextInt(10) == 0
                    ? examples.get(i % examples.size()).deepCopy()
                    : corpus.validEvent(corpus.pick(EventCorpus.INCOMING_TYPES));
            List<Mutation> mutations = new ArrayList<>();
            if (i >= 5 && i % 8 != 0) {
                mutations.add(mutate(event, random, corpus, false));
                if (random.nextInt(4) == 0 && mutations.get(0).kind() != Kind.UNKNOWN_TYPE) {
                    mutations.add(mutate(event, random, corpus, true));
                }
            }
            mutations.forEach(m -> byKind.merge(m.kind(), 1, Integer::sum));
            if (mutations.isEmpty()) {
                byKind.merge(Kind.NONE, 1, Integer::sum);
            }
            JsonNode subjectNode = event.get("subject");
            String subject = subjectNode != null && subjectNode.isTextual() ? subjectNode.textValue() : null;
            JsonNode orderId = event.path("data").path("orderId");
            if (subject != null && !subject.isEmpty() && orderId.isTextual() && !orderId.textValue().equals(subject)) {
                mutations.add(new Mutation(Kind.NONE, "data.orderId", "data.orderId != subject",
                        "data.orderId must equal subject", r -> r.startsWith("data.orderId ")));
            }

            byte[] bytes = ContractSchema.JSON.writeValueAsBytes(event);
            boolean valid = ContractSchema.validate(ContractSchema.JSON.readTree(bytes)).isEmpty();
            ParsedRecord parsed = parser.parse(new IncomingRecord("orders.v1", 0, i, subject, List.of(), bytes));
            if (valid) {
                schemaValid++;
            } else {
                schemaInvalid++;
            }

            String problem = null;
            String stricter = mutations.stream().map(Mutation::stricter).filter(s -> s != null).findFirst().orElse(null);
            boolean unknownType = mutations.stream().anyMatch(m -> m.kind() == Kind.UNKNOWN_TYPE);
            if (unknownType) {
                if (!(parsed instanceof ParsedRecord.Skipped) || !valid) {
                    problem = "unknown type: expected skipped and schema-valid";
                }
                skipped += parsed instanceof ParsedRecord.Skipped ? 1 : 0;
            } else if (parsed instanceof ParsedRecord.Skipped
                    && EventCorpus.INCOMING_TYPES.contains(event.path("type").asText())) {
                problem = "skipped a known type";
            } else if (parsed instanceof ParsedRecord.Skipped) {
                skipped++; // a retype left a type no one knows (e.g. "oops"): skipping it is right
            } else if (stricter != null) {
                if (!valid && !(parsed instanceof ParsedRecord.Rejected)) {
                    problem = "accepted a contract-invalid event";
                }
                int[] counts = stricterOutcomes.computeIfAbsent(stricter, k -> new int[3]);
                counts[valid ? (parsed instanceof ParsedRecord.Rejected ? 1 : 0) : 2]++;
            } else {
                fullyCompared++;
                if (valid != parsed instanceof ParsedRecord.Accepted) {
                    problem = valid ? "rejected a contract-valid event" : "accepted a contract-invalid event";
                }
            }
            if (problem == null && parsed instanceof ParsedRecord.Rejected rejected) {
                String reason = rejected.reason();
                if (reason == null || reason.isBlank()) {
                    problem = "rejected without a reason";
                } else if (!mutations.isEmpty() && mutations.stream().noneMatch(m -> m.blame().test(reason))) {
                    problem = "reason does not name the mutated field";
                }
            }
            if (problem != null) {
                disagreements.add("#" + i + " " + problem + "; mutations " + mutations.stream()
                        .map(Mutation::description).toList() + "; parser: " + outcome(parsed)
                        + "; schema: " + (valid ? "valid" : ContractSchema.validate(event)));
            }
        }

        System.out.printf("contract corpus: %d events (seed %d), schema-valid %d, schema-invalid %d%n",
                CORPUS_SIZE, SEED, schemaValid, schemaInvalid);
        System.out.printf("  mutations by kind: %s%n", byKind);
        System.out.printf("  full agreement asserted on %d events, unknown types skipped %d%n", fullyCompared, skipped);
        stricterOutcomes.forEach((why, c) -> System.out.printf(
                "  service stricter (%s): contract-valid accepted %d, contract-valid rejected %d, contract-invalid rejected %d%n",
                why, c[0], c[1], c[2]));
        System.out.printf("  disagreements: %d%n", disagreements.size());
        disagreements.stream().limit(40).forEach(d -> System.out.println("    " + d.replace(HUGE, "x{10000}")));

        assertEquals(List.of(), disagreements.stream().limit(20).map(d -> d.replace(HUGE, "x{10000}")).toList(),
                disagreements.size() + " disagreements");
        assertTrue(schemaValid >= 400 && schemaInvalid >= 1_000, "corpus has enough of both: " + schemaValid
                + " valid, " + schemaInvalid + " invalid");
        for (Kind kind : Kind.values()) {
            assertTrue(byKind.getOrDefault(kind, 0) >= 40, "too few " + kind + ": " + byKind);
        }
    }

    /** Applies one random mutation to {@code event}. */
    private Mutation mutate(ObjectNode event, Random random, EventCorpus corpus, boolean second) {
        while (true) {
            Kind kind = Kind.values()[1 + random.nextInt(Kind.values().length - 1)];
            if (second && kind == Kind.UNKNOWN_TYPE) {
                continue;
            }
            Mutation m = tryMutate(kind, event, random, corpus);
            if (m != null) {
                return m;
            }
        }
    }

    private Mutation tryMutate(Kind kind, ObjectNode event, Random random, EventCorpus corpus) {
        List<List<Object>> all = EventCorpus.paths(event);
        return switch (kind) {
            case REMOVE -> {
                List<List<Object>> members = all.stream().filter(p -> p.get(p.size() - 1) instanceof String).toList();
                List<Object> path = corpus.pick(members);
                yield edit(event, kind, path, null, random);
            }
            case RETYPE -> {
                List<Object> path = corpus.pick(all);
                yield edit(event, kind, path, otherType(at(event, path), random), random);
            }
            case BAD_DATE -> {
                List<List<Object>> dates = all.stream().filter(p -> INSTANT_FIELDS.contains(dotted(p))
                        || DATE_FIELDS.contains(dotted(p))).toList();
                if (dates.isEmpty()) {
                    yield null;
                }
                List<Object> path = corpus.pick(dates);
                boolean instant = INSTANT_FIELDS.contains(dotted(path));
                yield edit(event, kind, path, NODES.textNode(corpus.pick(instant ? BAD_INSTANTS : BAD_DATES)), random);
            }
            case EMPTY, HUGE -> {
                List<List<Object>> strings = all.stream().filter(p -> at(event, p).isTextual()).toList();
                List<Object> path = corpus.pick(strings);
                yield edit(event, kind, path, NODES.textNode(kind == Kind.EMPTY ? "" : HUGE), random);
            }
            case BAD_VALUE -> {
                List<List<Object>> enums = all.stream().filter(p -> Set.of("specversion", "source", "datacontenttype",
                        "data.status", "data.reason").contains(dotted(p)) && !(dotted(p).equals("data.reason")
                        && !"shipment.status_changed".equals(event.path("type").asText()))).toList();
                if (random.nextInt(5) == 0 && event.path("subject").isTextual() && event.path("data").path("orderId").isTextual()) {
                    // an order id outside the contract's characters, the same in subject and data.orderId
                    String id = corpus.pick("A1001/../../orders/OTHER", "A 1001", "..", ".A1001", "A1001#2", "A1001?x=1",
                            "A1001%2F", "\u00c91001", "A1001/", "Z".repeat(65));
                    JsonEdits.apply(event, "/data/orderId", NODES.textNode(id));
                    yield edit(event, kind, List.of("subject"), NODES.textNode(id), random);
                }
                List<Object> path = random.nextInt(4) == 0 ? List.of("type") : corpus.pick(enums);
                String value = switch (dotted(path)) {
                    case "specversion" -> corpus.pick("0.3", "1", "2.0", "1.0.0", "1.0 ");
                    case "source" -> corpus.pick("/shop/check out", "http://shop example/", "%zz", "https://x/[y]");
                    case "datacontenttype" -> corpus.pick("text/plain", "application/xml", "json", "APPLICATION/JSON",
                            "application/json-patch+json", "application/cloudevents+json");
                    case "data.status" -> corpus.pick("CREATED", "in_transit", "LOST_IN_SPACE", "Delivered", "DELAYED");
                    case "data.reason" -> corpus.pick("ALIENS", "weather", "DELAY", "CARRIER DELAY");
                    default -> {
                        List<String> others = new ArrayList<>(EventCorpus.INCOMING_TYPES);
                        others.remove(event.path("type").asText());
                        yield corpus.pick(others);
                    }
                };
                Mutation m = edit(event, kind, path, NODES.textNode(value), random);
                if (dotted(path).equals("type")) {
                    // the data is now read as another type: any data field may be the one missing
                    yield new Mutation(kind, m.path(), m.description(), null,
                            r -> r.startsWith("type ") || r.startsWith("data."));
                }
                yield m;
            }
            case UNKNOWN_TYPE -> edit(event, kind, List.of("type"),
                    NODES.textNode(corpus.pick("order.refunded", "shipment.returned", "order.placed.v2", "Order.Placed")),
                    random);
            case EXTRA_FIELD -> {
                List<List<Object>> objects = new ArrayList<>();
                objects.add(List.of());
                all.stream().filter(p -> at(event, p).isObject()).forEach(objects::add);
                List<Object> path = new ArrayList<>(corpus.pick(objects));
                path.add("extra" + random.nextInt(1000));
                JsonNode value = switch (random.nextInt(6)) {
                    case 0 -> NODES.textNode("surprise");
                    case 1 -> NODES.numberNode(random.nextInt());
                    case 2 -> NODES.nullNode();
                    case 3 -> NODES.objectNode().put("nested", true).set("list", NODES.arrayNode().add(1).add("two"));
                    case 4 -> NODES.arrayNode().add(NODES.objectNode().put("status", "NOT_AN_ENUM"));
                    default -> NODES.textNode(HUGE);
                };
                yield edit(event, kind, path, value, random);
            }
            case PHONE -> {
                if (!event.path("data").path("customer").isObject()) {
                    yield null;
                }
                yield edit(event, kind, List.of("data", "customer", "phone"), NODES.textNode(corpus.pick(PHONES)), random);
            }
            case NO_CONTACT -> {
                JsonNode customer = event.path("data").path("customer");
                if (!customer.isObject()) {
                    yield null;
                }
                boolean asNull = random.nextBoolean();
                for (String f : List.of("email", "phone")) {
                    JsonEdits.apply(event, "/data/customer/" + f, asNull ? NODES.nullNode() : null);
                }
                yield new Mutation(kind, "data.customer", (asNull ? "null" : "remove") + " email and phone", null,
                        r -> r.startsWith("data.customer "));
            }
            case NONE -> null;
        };
    }

    /** Sets (or with a null value removes) the node at {@code path} and describes the change. */
    private static Mutation edit(ObjectNode event, Kind kind, List<Object> path, JsonNode value, Random random) {
        String dotted = dotted(path);
        JsonEdits.apply(event, pointer(path), value);
        String description = kind + " " + dotted + (value == null ? "" : " = " + JsonEdits.shorten(value.toString()));
        boolean unknownField = path.stream().anyMatch(s -> s instanceof String name && name.startsWith("extra"));
        String stricter = null;
        if (!unknownField && value != null && value.isTextual()) {
            if (value.textValue().length() > 1_000) {
                stricter = "length limits";
            } else if (SERVICE_CHECKED_CODES.contains(dotted)) {
                stricter = "BCP 47 / IANA zone / ISO 4217 checks";
            } else if (value.textValue().isBlank() && BLANK_CHECKED.contains(dotted)) {
                stricter = "blank required texts";
            }
        }
        List<String> names = new ArrayList<>();
        names.add(dotted);
        if (dotted.startsWith("data.customer.email") || dotted.startsWith("data.customer.phone")) {
            names.add("data.customer"); // "data.customer needs an email or a phone"
        }
        return new Mutation(kind, dotted, description, stricter,
                r -> names.stream().anyMatch(n -> r.startsWith(n + " ")));
    }

    private static JsonNode otherType(JsonNode node, Random random) {
        List<JsonNode> choices = new ArrayList<>(List.of(NODES.textNode("oops"), NODES.numberNode(42),
                NODES.numberNode(3.5), NODES.booleanNode(true), NODES.nullNode(), NODES.objectNode(),
                NODES.arrayNode().add("a")));
        choices.removeIf(c -> c.getNodeType() == node.getNodeType() && !(node.isIntegralNumber() && c.isDouble()));
        return choices.get(random.nextInt(choices.size()));
    }

    private static String outcome(ParsedRecord parsed) {
        if (parsed instanceof ParsedRecord.Rejected r) {
            return "rejected: " + r.reason();
        }
        return parsed instanceof ParsedRecord.Skipped s ? "skipped " + s.type() : "accepted";
    }
}
