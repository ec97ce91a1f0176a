package dev.tessera.ledger.journal.persistence;

import dev.tessera.ledger.journal.domain.AccountKey;
import dev.tessera.ledger.journal.domain.AccountType;
import dev.tessera.ledger.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Accounts are created on first use, each in a short transaction of its own. Their ids never change, so they
 * are cached.
 */
@ApplicationScoped
public class AccountRepository {

    // Only rows missing from the committed state are inserted (NOT EXISTS reads the last committed version and
    // never waits): this short transaction must never wait for a posting in progress, which may itself be waiting
    // for the posting that started this transaction, a cycle PostgreSQL could not see as a deadlock.
    private static final String INSERT = "insert into ledger_account (type, owner_id, currency) "
            + "select k.type, k.owner_id, k.currency from unnest(?::text[], ?::text[], ?::text[]) as k(type, owner_id, currency) "
            + "where not exists (select 1 from ledger_account a where a.type = k.type and a.owner_id = k.owner_id "
            + "and a.currency = k.currency) order by 1, 2, 3 on conflict do nothing";
    private static final String INSERT_SELLER_BALANCE = "insert into seller_balance (seller_id, currency, pending, available, "
            + "paid_out, version, last_transaction_id, updated_at) select distinct k.s, k.c, 0, 0, 0, 0, 0, now() "
            + "from unnest(?::text[], ?::text[]) as k(s, c) where not exists (select 1 from seller_balance b "
            + "where b.seller_id = k.s and b.currency = k.c) order by 1, 2 on conflict do nothing";
    private static final String SELECT = "select a.id, a.type, a.owner_id, a.currency from ledger_account a "
            + "join unnest(?::text[], ?::text[], ?::text[]) as k(type, owner_id, currency) "
            + "on a.type = k.type and a.owner_id = k.owner_id and a.currency = k.currency";

    private final DataSource dataSource;
    private final Map<AccountKey, Long> ids = new ConcurrentHashMap<>();

    AccountRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The ids of {@code keys}, creating the accounts that do not exist yet. Creation runs in a transaction of its
     * own, committed before the posting goes on: an account is harmless even if the posting then rolls back, and
     * postings never hold locks on freshly created account rows (or a new seller's balance row, created with its
     * accounts), which would otherwise let two postings that meet the same new seller deadlock.
     */
    public Map<AccountKey, Long> idsOf(Collection<AccountKey> keys) {
        Map<AccountKey, Long> result = new HashMap<>();
        List<AccountKey> missing = new ArrayList<>();
        for (AccountKey key : keys) {
            Long id = ids.get(key);
            if (id != null) {
                result.put(key, id);
            } else if (!missing.contains(key)) {
                missing.add(key);
            }
        }
        if (missing.isEmpty()) {
            return result;
        }
        Map<AccountKey, Long> created = QuarkusTransaction.requiringNew().call(() -> create(missing));
        ids.putAll(created);
        result.putAll(created);
        for (AccountKey key : missing) {
            if (!result.containsKey(key)) {
                throw new IllegalStateException("account " + key + " could not be created");
            }
        }
        return result;
    }

    private Map<AccountKey, Long> create(List<AccountKey> missing) {
        Map<AccountKey, Long> found = new HashMap<>();
        Jdbc.with(dataSource, connection -> {
            Object[] arrays = {
                    Jdbc.texts(connection, missing.stream().map(k -> k.type().dbValue()).toList()),
                    Jdbc.texts(connection, missing.stream().map(AccountKey::ownerId).toList()),
                    Jdbc.texts(connection, missing.stream().map(AccountKey::currency).toList())};
            try (PreparedStatement insert = Jdbc.prepare(connection, INSERT, arrays)) {
                insert.executeUpdate();
            }
            try (PreparedStatement select = Jdbc.prepare(connection, SELECT, arrays); ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.put(key(rs), rs.getLong("id"));
                }
            }
            List<AccountKey> sellers = missing.stream().filter(k -> k.type().owner() == AccountType.Owner.SELLER)
                    .sorted().toList();
            if (!sellers.isEmpty()) {
                try (PreparedStatement insert = Jdbc.prepare(connection, INSERT_SELLER_BALANCE,
                        Jdbc.texts(connection, sellers.stream().map(AccountKey::ownerId).toList()),
                        Jdbc.texts(connection, sellers.stream().map(AccountKey::currency).toList()))) {
                    insert.executeUpdate();
                }
            }
            return null;
        });
        return found;
    }

    /** An existing account's id, without creating it. */
    public Optional<Long> find(AccountKey key) {
        Long cached = ids.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        return Jdbc.queryOne(dataSource, "select id from ledger_account where type = ? and owner_id = ? and currency = ?",
                rs -> rs.getLong(1), key.type().dbValue(), key.ownerId(), key.currency());
    }

    /** Locks an account's row until the end of the transaction (to serialize checks of one buyer's credits). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(long accountId) {
        Jdbc.query(dataSource, "select id from ledger_account where id = ? for update", rs -> rs.getLong(1), accountId);
    }

    static AccountKey key(ResultSet rs) throws java.sql.SQLException {
        return new AccountKey(AccountType.fromDb(rs.getString("type")), rs.getString("owner_id"), rs.getString("currency"));
    }
}
