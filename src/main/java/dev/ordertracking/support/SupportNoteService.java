package dev.ordertracking.support;

import dev.ordertracking.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Notes support keeps on an order: who wrote what, when. Notes are never edited or deleted. */
@ApplicationScoped
public class SupportNoteService {

    public static final int MAX_LENGTH = 2000;

    public record NewNote(@NotBlank @Size(max = MAX_LENGTH) String text) {
    }

    public record NoteView(UUID id, String author, String text, Instant createdAt) {
    }

    private final SupportNoteStore store;
    private final Clock clock;

    public SupportNoteService(SupportNoteStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public NoteView add(String orderId, String author, String text) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty() || body.length() > MAX_LENGTH) {
            throw new Refusal.InvalidRequest("a note needs 1 to " + MAX_LENGTH + " characters");
        }
        NoteView note = new NoteView(UUID.randomUUID(), author, body, clock.instant());
        if (!store.add(orderId, note)) {
            throw new Refusal.Unknown("no order " + orderId);
        }
        return note;
    }
}
