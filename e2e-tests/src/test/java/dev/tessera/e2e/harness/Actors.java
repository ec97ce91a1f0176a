package dev.tessera.e2e.harness;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tessera.testing.TestJwt;

/**
 * The people of a scenario, each with a unique id (topics, databases and the emulator are shared by every scenario
 * of the run) and a {@link TestJwt} token the services trust. Every buyer is remembered, so the replay scenario can
 * compare the state of everyone the run touched.
 */
public final class Actors {

    /** A seller acting for its own seller id. */
    public record Seller(String sellerId, String userId, String token) {
    }

    /** A signed-in buyer ({@code token} set) or a guest ({@code token} null, known by e-mail only). */
    public record Buyer(String userId, String email, String token) {

        public boolean guest() {
            return token == null;
        }

        /** The same person after signing in (a guest who creates an account, say, to claim a purchase). */
        public Buyer signedIn(String newUserId) {
            return new Buyer(newUserId, email, TestJwt.member(newUserId));
        }
    }

    private static final List<String> BUYERS = new CopyOnWriteArrayList<>();

    private Actors() {
    }

    public static String id(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    }

    public static Seller seller() {
        String sellerId = id("sel_e2e");
        String userId = id("usr_seller");
        return new Seller(sellerId, userId, TestJwt.seller(userId, sellerId));
    }

    public static Buyer member() {
        String userId = id("usr_e2e");
        BUYERS.add(userId);
        return new Buyer(userId, userId + "@buyers.example", TestJwt.member(userId));
    }

    public static Buyer guest() {
        String name = id("guest");
        return new Buyer(null, name + "@guests.example", null);
    }

    /** Remembers a user id that came to own something (a guest who claimed), for the replay comparison. */
    public static void remember(String userId) {
        BUYERS.add(userId);
    }

    /** Every signed-in buyer created in this JVM. */
    public static Set<String> everyBuyer() {
        return Set.copyOf(BUYERS);
    }

    public static String ops() {
        return TestJwt.ops(id("usr_ops"));
    }

    public static String finance() {
        return TestJwt.finance(id("usr_finance"));
    }
}
