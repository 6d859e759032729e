package dev.ordertracking.replay;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Replays the Olist sample as contract events into Kafka:
 * {@code ReplayCommand <olist-dir> [--bootstrap-servers host:port] [--shift-days N | --shift-to-today] [--limit N]}.
 * Event ids are stable, so replaying twice is deduplicated by the service.
 */
public final class ReplayCommand {

    static final String USAGE = "usage: ReplayCommand <olist-dir> [--bootstrap-servers host:port]"
            + " [--shift-days N | --shift-to-today] [--limit N]";

    private ReplayCommand() {
    }

    /** Parsed command line; {@code limit} is a number of orders (each replayed with all its events). */
    record Options(Path dir, String bootstrapServers, long shiftDays, boolean shiftToToday, Integer limit) {

        static Options parse(String[] args, String defaultBootstrap) {
            Path dir = null;
            String bootstrap = defaultBootstrap;
            Long shiftDays = null;
            boolean shiftToToday = false;
            Integer limit = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--bootstrap-servers" -> bootstrap = value(args, ++i);
                    case "--shift-days" -> shiftDays = number(args, ++i);
                    case "--shift-to-today" -> shiftToToday = true;
                    case "--limit" -> limit = Math.toIntExact(number(args, ++i));
                    default -> {
                        if (args[i].startsWith("--") || dir != null) {
                            throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                        }
                        dir = Path.of(args[i]);
                    }
                }
            }
            if (dir == null) {
                throw new IllegalArgumentException("the Olist directory is missing");
            }
            if (shiftDays != null && shiftToToday) {
                throw new IllegalArgumentException("--shift-days and --shift-to-today exclude each other");
            }
            if (limit != null && limit < 0) {
                throw new IllegalArgumentException("--limit must not be negative");
            }
            return new Options(dir, bootstrap, shiftDays == null ? 0 : shiftDays, shiftToToday, limit);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }

        private static long number(String[] args, int i) {
            String value = value(args, i);
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(args[i - 1] + " needs a whole number, not '" + value + "'");
            }
        }
    }

    /** The broker of a running local stack ({@code ./mvnw quarkus:dev}), else the usual default. */
    static String localStackBroker() {
        java.nio.file.Path file = java.nio.file.Path.of("target", "local-stack", "kafka", "bootstrap-servers");
        try {
            return java.nio.file.Files.isRegularFile(file) ? java.nio.file.Files.readString(file).trim() : "localhost:9092";
        } catch (java.io.IOException e) {
            return "localhost:9092";
        }
    }

    public static void main(String[] args) {
        String defaultBootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", localStackBroker());
        Options options;
        try {
            options = Options.parse(args, defaultBootstrap);
        } catch (IllegalArgumentException e) {
            System.err.println("replay: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try {
            run(options);
        } catch (Exception e) {
            System.err.println("replay failed: " + describe(e));
            System.exit(1);
        }
    }

    static void run(Options options) throws Exception {
        long started = System.nanoTime();
        if (!Files.isRegularFile(options.dir().resolve(OlistDataset.ORDERS_FILE))) {
            throw new IllegalArgumentException("no " + OlistDataset.ORDERS_FILE + " in " + options.dir().toAbsolutePath());
        }
        List<OlistOrder> orders = OlistDataset.load(options.dir()).orders();
        if (options.limit() != null && options.limit() < orders.size()) {
            orders = orders.subList(0, options.limit());
        }
        long shiftDays = options.shiftToToday() ? daysToToday(orders) : options.shiftDays();
        List<ContractEvent> events = new OlistEventMapper(shiftDays).mapAll(orders);
        System.out.printf("replaying %d orders as %d events to %s (shift %+d days)%n",
                orders.size(), events.size(), options.bootstrapServers(), shiftDays);

        Map<String, Long> counts;
        try (Producer<String, String> producer = new KafkaProducer<>(producerConfig(options.bootstrapServers()))) {
            counts = publish(producer, events);
        }
        counts.forEach((type, count) -> System.out.printf("  %-24s %7d%n", type, count));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("published %d events in %d ms%n", total,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** Days that move the latest purchase date onto today's date (UTC). */
    static long daysToToday(List<OlistOrder> orders) {
        LocalDate latest = orders.stream().map(OlistOrder::purchase).max(Comparator.naturalOrder())
                .map(LocalDateTime::toLocalDate)
                .orElseThrow(() -> new IllegalArgumentException("no orders to replay"));
        return ChronoUnit.DAYS.between(latest, LocalDate.now(ZoneOffset.UTC));
    }

    static Properties producerConfig(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "olist-replay");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"); // lz4-java is on the compile classpath
        // Fail within seconds, not minutes, when the broker is unreachable.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        return config;
    }

    /**
     * Sends every event (structured-mode CloudEvent, key = order id), waits until all are acknowledged
     * and returns how many of each type were published. Throws on the first failed send.
     */
    public static Map<String, Long> publish(Producer<String, String> producer, List<ContractEvent> events) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(events.size());
        AtomicBoolean failed = new AtomicBoolean();
        for (ContractEvent event : events) {
            if (failed.get()) {
                break; // without a broker each send would block for max.block.ms: stop at the first failure
            }
            ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), event.json());
            record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            sends.add(producer.send(record, (metadata, error) -> {
                if (error != null) {
                    failed.set(true);
                }
            }));
        }
        producer.flush();
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < sends.size(); i++) {
            ContractEvent event = events.get(i);
            try {
                sends.get(i).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("could not publish " + event.type() + " of order " + event.key()
                        + " to " + event.topic() + ": " + describe(e.getCause()), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka acknowledgements", e);
            }
            counts.merge(event.type(), 1L, Long::sum);
        }
        return counts;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e.getCause() != null && e.getCause() != e && e.getCause().getMessage() != null
                && !message.contains(e.getCause().getMessage())
                ? message + " (" + e.getCause().getMessage() + ")" : message;
    }
}
