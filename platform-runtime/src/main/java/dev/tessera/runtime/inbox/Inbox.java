package dev.tessera.runtime.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The idempotent-consumer inbox. A consumer calls {@link #firstDelivery} inside the transaction that
 * applies the message: the row and the effects commit together, so a redelivery after a crash, a
 * duplicate, or a replay from the earliest offset finds the row and applies nothing twice. A rolled
 * back handling leaves no row, so the retry is not mistaken for a duplicate.
 */
@ApplicationScoped
public class Inbox {

    private static final String RECORD = "insert into inbox_message (consumer, message_id) values (?, ?) "
            + "on conflict do nothing";

    private final DataSource dataSource;

    Inbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records that {@code consumer} handles {@code messageId}; true the first time, false for a message
     * this consumer already handled (commit-wise). Concurrent first deliveries serialize on the primary
     * key: the second waits for the first transaction and then sees a duplicate.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String messageId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(RECORD)) {
            insert.setString(1, consumer);
            insert.setString(2, messageId);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record inbox message " + messageId + " for " + consumer, e);
        }
    }
}
