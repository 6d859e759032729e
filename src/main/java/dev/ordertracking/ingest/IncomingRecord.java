package dev.ordertracking.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A record as it came off the event log, before anything is made of it. */
public record IncomingRecord(String topic, int partition, long offset, String key, List<Header> headers,
                             byte[] value) {

    public record Header(String name, byte[] value) {
    }

    /** The last header of that name, or null. */
    public byte[] header(String name) {
        byte[] found = null;
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                found = h.value();
            }
        }
        return found;
    }

    public String coordinates() {
        return topic + "/" + partition + "@" + offset;
    }

    String keyOrEmpty() {
        return key == null ? "" : key;
    }

    static String utf8(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
