package dev.ordertracking.replay;

import dev.ordertracking.ingest.DeadLetterService;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Sends dead-lettered records back to the topic they came from, after the cause was fixed (a
 * producer corrected, a service release that accepts them):
 * {@code DeadLetterReplayCommand [--topic orders.v1.dlq ...] [--since 2026-11-20T00:00:00Z]
 * [--reason-contains text] [--dry-run] [--bootstrap-servers host:port]}.
 * Key, value and the original headers go back unchanged, plus {@code dlq-replayed-from}. Repeating a
 * replay is safe: the service applies an event id once, and a record that is still bad is simply
 * dead-lettered again.
 */
public final class DeadLetterReplayCommand {

    static final String USAGE = "usage: DeadLetterReplayCommand [--topic <dlq-topic>]... [--since <instant>]"
            + " [--reason-contains <text>] [--dry-run] [--bootstrap-servers host:port]";
    public static final String REPLAYED_FROM = "dlq-replayed-from";
    private static final Set<String> DEAD_LETTER_HEADERS = Set.of(DeadLetterService.REASON, DeadLetterService.SOURCE_TOPIC,
            DeadLetterService.SOURCE_PARTITION, DeadLetterService.SOURCE_OFFSET, DeadLetterService.DEAD_LETTERED_AT, REPLAYED_FROM);

    record Options(List<String> topics, Instant since, String reasonContains, boolean dryRun, String bootstrapServers) {

        static Options parse(String[] args, String defaultBootstrap) {
            List<String> topics = new ArrayList<>();
            Instant since = null;
            String reason = null;
            boolean dryRun = false;
            String bootstrap = defaultBootstrap;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--topic" -> topics.add(value(args, ++i));
                    case "--since" -> since = Instant.parse(value(args, ++i));
                    case "--reason-contains" -> reason = value(args, ++i);
                    case "--dry-run" -> dryRun = true;
                    case "--bootstrap-servers" -> bootstrap = value(args, ++i);
                    default -> throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                }
            }
            return new Options(topics.isEmpty() ? List.of("orders.v1.dlq", "shipments.v1.dlq") : topics, since,
                    reason, dryRun, bootstrap);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    /** What a replay did: records read, replayed, and left alone, with the reasons of those replayed. */
    public record Summary(int read, int replayed, int skipped, Map<String, Integer> replayedByReason) {
    }

    private DeadLetterReplayCommand() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args, System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS",
                    ReplayCommand.localStackBroker()));
        } catch (RuntimeException e) {
            System.err.println("dlq-replay: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Summary summary = replay(options);
        System.out.printf("%s %d of %d dead letters (%d left alone)%n", options.dryRun() ? "would replay" : "replayed",
                summary.replayed(), summary.read(), summary.skipped());
        summary.replayedByReason().forEach((reason, n) -> System.out.printf("  %6d  %s%n", n, reason));
    }

    public static Summary replay(Options options) {
        Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        int read = 0;
        int skipped = 0;
        Map<String, Integer> byReason = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                     new ByteArraySerializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : options.topics()) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            seek(consumer, partitions, options.since());
            List<Future<?>> sends = new ArrayList<>();
            while (!reachedEnd(consumer, ends)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    read++;
                    String reason = text(record, DeadLetterService.REASON);
                    String source = text(record, DeadLetterService.SOURCE_TOPIC);
                    if (source == null || (options.reasonContains() != null
                            && (reason == null || !reason.contains(options.reasonContains())))) {
                        skipped++;
                        continue;
                    }
                    byReason.merge(reason == null ? "(no reason)" : reason, 1, Integer::sum);
                    if (!options.dryRun()) {
                        List<Header> headers = new ArrayList<>();
                        for (Header h : record.headers()) {
                            if (!DEAD_LETTER_HEADERS.contains(h.key())) {
                                headers.add(h);
                            }
                        }
                        headers.add(new RecordHeader(REPLAYED_FROM, (record.topic() + "/" + record.partition() + "/"
                                + record.offset()).getBytes(StandardCharsets.UTF_8)));
                        sends.add(producer.send(new ProducerRecord<>(source, null, record.key(), record.value(), headers)));
                    }
                }
            }
            for (Future<?> send : sends) {
                send.get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("dead-letter replay failed: " + e.getMessage(), e);
        }
        int replayed = byReason.values().stream().mapToInt(Integer::intValue).sum();
        return new Summary(read, replayed, skipped, byReason);
    }

    private static void seek(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, Instant since) {
        if (since == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp at = found.get(p);
            if (at == null) {
                consumer.seekToEnd(List.of(p));
            } else {
                consumer.seek(p, at.offset());
            }
        }
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static String text(ConsumerRecord<?, ?> record, String header) {
        Header h = record.headers().lastHeader(header);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
