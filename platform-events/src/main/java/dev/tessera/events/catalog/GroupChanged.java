package dev.tessera.events.catalog;

import java.time.Instant;

/**
 * Payload of the {@code catalog.group.*} events, version 1; subject: the group id. {@code status} is {@code draft},
 * {@code active} or {@code archived}.
 */
public record GroupChanged(
        String groupId,
        String sellerId,
        String name,
        String description,
        String status,
        Instant updatedAt) {
}
