package dev.ordertracking.support;

import dev.ordertracking.support.SupportNoteService.NoteView;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Owns {@code support_note}: notes are written once and never changed. */
@ApplicationScoped
public class SupportNoteStore {

    /** An order's notes, oldest first: one parameter, the order id. */
    static final String OF_ORDER =
            "select id, author, body, created_at from support_note where order_id = ? order by created_at, id";

    private final AgroalDataSource dataSource;

    public SupportNoteStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes the note on the order; false when there is no such order. */
    public boolean add(String orderId, NoteView note) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     insert into support_note (id, order_id, author, body, created_at)
                     select ?, order_id, ?, ?, ? from order_journey where order_id = ?""")) {
            s.setObject(1, note.id());
            s.setString(2, note.author());
            s.setString(3, note.text());
            s.setTimestamp(4, Timestamp.from(note.createdAt()));
            s.setString(5, orderId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("writing a note failed", e);
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
