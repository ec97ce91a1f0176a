package dev.tessera.runtime.auth;

import dev.tessera.runtime.error.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, for the current request. This is the one place that decides whether a caller may act for a seller:
 * a {@code seller} token lists the seller ids it may act for in its {@code seller_ids} claim (a JSON array of strings),
 * and it may touch those sellers' data and nothing else. Resources call {@link #requireSeller(String)} or
 * {@link #requireSellerOrRole(String, String...)} before reading or changing anything that belongs to a seller, and
 * {@link #actsForSeller(String)} to filter lists.
 *
 * <p>Failures are {@link ProblemException}s, so they answer 401 {@code unauthenticated} when there is no valid token
 * and 403 {@code forbidden} when the token does not grant access.
 *
 * <p>The identity is read lazily: with {@code quarkus.http.auth.proactive=false}, merely injecting this bean does not
 * authenticate the request, calling one of its methods does (on a worker thread, as authentication may block).
 */
@RequestScoped
public class Caller {

    /** The claim listing the seller ids a {@code seller} token may act for. */
    public static final String SELLER_IDS_CLAIM = "seller_ids";
    /** The standard OpenID Connect claim for the user's e-mail address. */
    public static final String EMAIL_CLAIM = "email";

    private final SecurityIdentity identity;

    @Inject
    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isAuthenticated() {
        return !identity.isAnonymous();
    }

    /** @throws ProblemException 401 {@code unauthenticated} if the request carries no valid token */
    public void requireAuthenticated() {
        if (!isAuthenticated()) {
            throw ProblemException.unauthenticated("Authentication is required to access this resource.");
        }
    }

    /**
     * The caller's user id: the token's {@code sub} claim.
     *
     * @throws ProblemException 401 {@code unauthenticated} if the request is anonymous or the token has no subject
     */
    public String userId() {
        requireAuthenticated();
        String subject = jwt().map(JsonWebToken::getSubject)
                // A non-JWT identity (e.g. @TestSecurity in tests) has only its principal name to offer.
                .orElseGet(() -> identity.getPrincipal() == null ? null : identity.getPrincipal().getName());
        if (subject == null || subject.isBlank()) {
            throw ProblemException.unauthenticated("The token does not identify a user.");
        }
        return subject;
    }

    /** The caller's e-mail address from the {@code email} claim, if the token carries one. */
    public Optional<String> email() {
        return jwt().map(token -> token.<Object>getClaim(EMAIL_CLAIM)).flatMap(Caller::asString)
                .filter(email -> !email.isBlank());
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** True if the caller has at least one of {@code roles}. */
    public boolean hasAnyRole(String... roles) {
        for (String role : roles) {
            if (identity.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The seller ids from the {@code seller_ids} claim, in token order; empty if the claim is absent, is not an
     * array, or the request is anonymous. Non-string entries are ignored. Does not check the {@code seller} role; use
     * {@link #actsForSeller(String)} for decisions.
     */
    public Set<String> sellerIds() {
        Object claim = jwt().map(token -> token.<Object>getClaim(SELLER_IDS_CLAIM)).orElse(null);
        Set<String> ids = new LinkedHashSet<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                asString(value).ifPresent(ids::add);
            }
        } else if (claim instanceof Collection<?> collection) {
            for (Object value : collection) {
                asString(value).ifPresent(ids::add);
            }
        }
        return Collections.unmodifiableSet(ids);
    }

    /** True if the caller holds the {@code seller} role and {@code sellerId} is one of its {@code seller_ids}. */
    public boolean actsForSeller(String sellerId) {
        Objects.requireNonNull(sellerId, "sellerId");
        return isAuthenticated() && hasRole(Roles.SELLER) && sellerIds().contains(sellerId);
    }

    /**
     * Allows the request only if the caller acts for {@code sellerId} (see {@link #actsForSeller(String)}).
     *
     * @throws ProblemException 401 if anonymous, 403 {@code forbidden} if the caller may not act for the seller
     */
    public void requireSeller(String sellerId) {
        Objects.requireNonNull(sellerId, "sellerId");
        requireAuthenticated();
        if (!actsForSeller(sellerId)) {
            throw ProblemException.forbidden("You may not access seller " + sellerId + ".");
        }
    }

    /**
     * Allows the request if the caller has one of {@code roles} (platform staff such as {@link Roles#FINANCE} or
     * {@link Roles#OPS}, who may see every seller), or otherwise acts for {@code sellerId}.
     *
     * @throws ProblemException 401 if anonymous, 403 {@code forbidden} otherwise
     */
    public void requireSellerOrRole(String sellerId, String... roles) {
        Objects.requireNonNull(sellerId, "sellerId");
        requireAuthenticated();
        if (hasAnyRole(roles)) {
            return;
        }
        requireSeller(sellerId);
    }

    private Optional<JsonWebToken> jwt() {
        if (identity.isAnonymous()) {
            return Optional.empty();
        }
        return identity.getPrincipal() instanceof JsonWebToken token ? Optional.of(token) : Optional.empty();
    }

    private static Optional<String> asString(Object value) {
        if (value instanceof JsonString json) {
            return Optional.of(json.getString());
        }
        if (value instanceof String text) {
            return Optional.of(text);
        }
        return Optional.empty();
    }
}
