package dev.tessera.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.ledger.report.domain.CsvTable;
import dev.tessera.runtime.error.ErrorCodes;
import org.junit.jupiter.api.Test;

/** Plain unit checks: error codes follow the platform's rules; CSV fields are quoted and defused. */
class LedgerErrorCodeTest {

    @Test
    void errorCodesAreValid() {
        ErrorCodes.verify(LedgerErrorCode.class);
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndDefusesFormulas() {
        String csv = new CsvTable("a", "b", "c", "d").row("x,y", "say \"hi\"", "=cmd()", "-12.50").write();
        assertThat(csv).isEqualTo("a,b,c,d\r\n\"x,y\",\"say \"\"hi\"\"\",'=cmd(),-12.50\r\n");
    }
}
