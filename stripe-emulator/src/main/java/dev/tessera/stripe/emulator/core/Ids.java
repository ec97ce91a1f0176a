package dev.tessera.stripe.emulator.core;

import java.security.SecureRandom;

/** Ids with Stripe's prefixes and alphabet, e.g. {@code cus_Qx1...}, {@code cs_test_a1...}. */
public final class Ids {
  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static String random(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }

  /** Stripe's common 24-character form, e.g. {@code pi_3PgafyB7WZ01zgkW...}. */
  public static String next(String prefix) {
    return prefix + "_1" + random(23);
  }

  /** Shorter ids used by Stripe for customers, products and subscription items. */
  public static String shortId(String prefix) {
    return prefix + "_" + random(14);
  }

  public static String checkoutSession() {
    return "cs_test_a1" + random(56);
  }

  public static String account() {
    return "acct_1" + random(15);
  }

  public static String requestId() {
    return "req_" + random(14);
  }

  public static String upperCode(int length) {
    String upper = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = upper.charAt(RANDOM.nextInt(upper.length()));
    }
    return new String(out);
  }
}
