package dev.tessera.notification.domain;

/** A message ready to send, in the locale whose templates rendered it. */
public record Rendered(String locale, String subject, String text, String html) {
}
