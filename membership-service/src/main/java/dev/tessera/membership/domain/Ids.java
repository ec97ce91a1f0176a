package dev.tessera.membership.domain;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Our record ids: a prefix and 80 random bits. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String membership() {
        return "mbr_" + random();
    }

    public static String entitlement() {
        return "ent_" + random();
    }

    private static String random() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
