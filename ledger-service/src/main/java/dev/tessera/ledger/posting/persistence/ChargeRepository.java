package dev.tessera.ledger.posting.persistence;

import dev.tessera.ledger.posting.domain.Attribution;
import dev.tessera.ledger.posting.domain.ChargeFacts;
import dev.tessera.ledger.support.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The posted charges and how much of each refunds and disputes have taken back. */
@ApplicationScoped
public class ChargeRepository {

    private static final String COLUMNS = "charge_id, charge_type, seller_id, buyer_id, offering_kind, offering_id, "
            + "stripe_account, presentment_currency, presentment_amount, settlement_currency, gross, stripe_fee, "
            + "commission_bps, reduced_presentment, reduced_gross, commission_open, seller_open, paid_at, available_on, "
            + "transaction_id";

    private final DataSource dataSource;

    ChargeRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<ChargeFacts> find(String chargeId) {
        return Jdbc.queryOne(dataSource, "select " + COLUMNS + " from ledger_charge where charge_id = ?",
                ChargeRepository::map, chargeId);
    }

    /** The charge, its row locked until the end of the transaction: refunds and disputes of one charge take turns. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ChargeFacts> lock(String chargeId) {
        return Jdbc.queryOne(dataSource, "select " + COLUMNS + " from ledger_charge where charge_id = ? for update",
                ChargeRepository::map, chargeId);
    }

    /** A seller's sales paid in [from, to) (to may be null), locked, oldest first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ChargeFacts> lockSales(String sellerId, Instant from, Instant to) {
        String sql = "select " + COLUMNS + " from ledger_charge where seller_id = ? and charge_type = 'sale' "
                + "and paid_at >= ?" + (to == null ? "" : " and paid_at < ?") + " order by charge_id for update";
        return to == null ? Jdbc.query(dataSource, sql, ChargeRepository::map, sellerId, from)
                : Jdbc.query(dataSource, sql, ChargeRepository::map, sellerId, from, to);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(ChargeFacts c) {
        Jdbc.update(dataSource, "insert into ledger_charge (" + COLUMNS + ") values "
                        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                c.chargeId(), c.chargeType().dbValue(), c.sellerId(), c.buyerId(), c.offeringKind(), c.offeringId(),
                c.stripeAccount(), c.presentmentCurrency(), c.presentmentAmount(), c.settlementCurrency(), c.gross(),
                c.stripeFee(), c.commissionBps(), c.reducedPresentment(), c.reducedGross(), c.commissionOpen(),
                c.sellerOpen(), c.paidAt(), c.availableOn(), c.transactionId());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void update(ChargeFacts c) {
        Jdbc.update(dataSource, "update ledger_charge set commission_bps = ?, reduced_presentment = ?, reduced_gross = ?, "
                        + "commission_open = ?, seller_open = ? where charge_id = ?",
                c.commissionBps(), c.reducedPresentment(), c.reducedGross(), c.commissionOpen(), c.sellerOpen(),
                c.chargeId());
    }

    static ChargeFacts map(ResultSet rs) throws SQLException {
        return new ChargeFacts(rs.getString("charge_id"), Attribution.ChargeType.fromDb(rs.getString("charge_type")),
                rs.getString("seller_id"), rs.getString("buyer_id"), rs.getString("offering_kind"),
                rs.getString("offering_id"), rs.getString("stripe_account"), rs.getString("presentment_currency"),
                rs.getLong("presentment_amount"), rs.getString("settlement_currency"), rs.getLong("gross"),
                rs.getLong("stripe_fee"), rs.getInt("commission_bps"), rs.getLong("reduced_presentment"),
                rs.getLong("reduced_gross"), rs.getLong("commission_open"), rs.getLong("seller_open"),
                Jdbc.instant(rs, "paid_at"), Jdbc.instant(rs, "available_on"), rs.getLong("transaction_id"));
    }
}
