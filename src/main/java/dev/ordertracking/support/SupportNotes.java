package dev.ordertracking.support;

import dev.ordertracking.platform.ProblemException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.Response;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Notes support keeps on an order: who wrote what, when. Notes are never edited or deleted. */
@ApplicationScoped
public class SupportNotes {

    public static final int MAX_LENGTH = 2000;

    public record NewNote(@NotBlank @Size(max = MAX_LENGTH) String text) {
    }

    public record NoteView(UUID id, String author, String text, java.time.Instant createdAt) {
    }

    private final AgroalDataSource dataSource;
    private final Clock clock;

    public SupportNotes(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public NoteView add(String orderId, String author, String text) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty() || body.length() > MAX_LENGTH) {
            throw ProblemException.badRequest("a note needs 1 to " + MAX_LENGTH + " characters");
        }
        NoteView note = new NoteView(UUID.randomUUID(), author, body, clock.instant());
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     insert into support_note (id, order_id, author, body, created_at)
                     select ?, order_id, ?, ?, ? from order_journey where order_id = ?""")) {
            s.setObject(1, note.id());
            s.setString(2, author);
            s.setString(3, body);
            s.setTimestamp(4, Timestamp.from(note.createdAt()));
            s.setString(5, orderId);
            if (s.executeUpdate() == 0) {
                throw new ProblemException(Response.Status.NOT_FOUND, "no order " + orderId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("writing a note failed", e);
        }
        return note;
    }

    /** An order's notes, oldest first: one parameter, the order id. */
    static final String OF_ORDER =
            "select id, author, body, created_at from support_note where order_id = ? order by created_at, id";

    public List<NoteView> ofOrder(String orderId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(OF_ORDER)) {
            s.setString(1, orderId);
            try (ResultSet rs = s.executeQuery()) {
                return notes(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading notes failed", e);
        }
    }

    static List<NoteView> notes(ResultSet rs) throws SQLException {
        List<NoteView> notes = new ArrayList<>();
        while (rs.next()) {
            notes.add(new NoteView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                    rs.getTimestamp(4).toInstant()));
        }
        return notes;
    }
}
