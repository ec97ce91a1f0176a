package dev.tessera.checkout.domain;

import dev.tessera.checkout.CheckoutConfig;
import dev.tessera.checkout.persistence.OfferingRepository;
import dev.tessera.checkout.persistence.PriceRepository;
import dev.tessera.events.catalog.CatalogEventTypes;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * The plans sellers subscribe to (seller to platform), kept in the catalog as offerings of kind
 * {@code platform_plan} with id {@code plan_<code>}, so checkout treats them like any subscription. Their names,
 * prices and commission rates are configuration: at startup the catalog is brought in line with it, a changed
 * price becoming a new price (the old one stays as history) and every change a catalog event.
 */
@ApplicationScoped
public class PlatformPlans {

    private static final Logger LOG = Logger.getLogger(PlatformPlans.class);

    private final CheckoutConfig config;
    private final OfferingRepository offerings;
    private final PriceRepository prices;
    private final CatalogService catalog;

    PlatformPlans(CheckoutConfig config, OfferingRepository offerings, PriceRepository prices, CatalogService catalog) {
        this.config = config;
        this.offerings = offerings;
        this.prices = prices;
        this.catalog = catalog;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            apply();
        } catch (RuntimeException e) {
            // another instance starting at the same moment may have won the race; the next start converges
            LOG.warnf("could not bring platform plans in line with the configuration: %s", e.toString());
        }
    }

    public static String offeringId(String planCode) {
        return "plan_" + planCode;
    }

    @Transactional
    public void apply() {
        String currency = config.platformPlans().currency().toUpperCase(Locale.ROOT);
        for (Map.Entry<String, CheckoutConfig.Plan> entry : config.platformPlans().plans().entrySet()) {
            String code = entry.getKey().toLowerCase(Locale.ROOT);
            CheckoutConfig.Plan plan = entry.getValue();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Offering.Details details = new Offering.Details(plan.name(), null, null, null, null, List.of(), null, null);
            Offering offering = offerings.findForUpdate(offeringId(code)).orElse(null);
            if (offering == null) {
                offering = Offering.create(offeringId(code), null, OfferingKind.PLATFORM_PLAN, details, now);
                offering.makePlatformPlan(code, plan.commissionBasisPoints());
                offering.changeStatus(CatalogStatus.ACTIVE, now);
                OfferingPrice price = OfferingPrice.create(offering.id(), plan.amountMinor(), currency, "month", now);
                offering.priceChanged(price.id(), now);
                offerings.persist(offering);
                prices.persist(price);
                catalog.announced(CatalogEventTypes.OFFERING_CREATED, offering);
                LOG.infof("platform plan %s created", code);
                continue;
            }
            boolean changed = false;
            if (!plan.name().equals(offering.name())) {
                offering.apply(details, now);
                changed = true;
            }
            if (!Objects.equals(offering.commissionBasisPoints(), plan.commissionBasisPoints())) {
                offering.changeCommission(plan.commissionBasisPoints(), now);
                changed = true;
            }
            if (!offering.isActive()) {
                offering.changeStatus(CatalogStatus.ACTIVE, now);
                changed = true;
            }
            if (changed) {
                catalog.announced(CatalogEventTypes.OFFERING_UPDATED, offering);
            }
            OfferingPrice current = prices.findById(offering.currentPriceId());
            if (current == null || !current.sameAs(plan.amountMinor(), currency, "month")) {
                catalog.replacePrice(offering, plan.amountMinor(), currency, "month");
                LOG.infof("platform plan %s now costs %d %s a month", code, plan.amountMinor(), currency);
            }
        }
    }
}
