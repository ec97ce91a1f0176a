package dev.tessera.ledger.report.api;

import dev.tessera.ledger.LedgerErrorCode;
import dev.tessera.ledger.report.domain.CsvTable;
import dev.tessera.runtime.error.PlatformErrorCode;
import dev.tessera.runtime.error.ProblemException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Every report answers JSON or CSV: {@code ?format=csv|json} decides, else the {@code Accept} header (the first
 * acceptable of {@code application/json} and {@code text/csv}, JSON for {@code *}{@code /*}).
 */
public final class ReportResponses {

    public static final String TEXT_CSV = "text/csv";
    private static final MediaType CSV = new MediaType("text", "csv", "UTF-8");

    private ReportResponses() {
    }

    public static Response render(HttpHeaders headers, String format, String filename, Object json, Supplier<CsvTable> csv) {
        if (wantsCsv(headers, format)) {
            return Response.ok(csv.get().write(), CSV)
                    .header("Content-Disposition", "attachment; filename=\"" + filename + ".csv\"")
                    .build();
        }
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static boolean wantsCsv(HttpHeaders headers, String format) {
        if (format != null && !format.isBlank()) {
            return switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new ProblemException(LedgerErrorCode.INVALID_QUERY, "format must be csv or json")
                        .withFieldErrors(java.util.List.of(new dev.tessera.runtime.error.FieldError("format",
                                "must be csv or json")));
            };
        }
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isWildcardType() || MediaType.APPLICATION_JSON_TYPE.isCompatible(accepted)) {
                return false;
            }
            if (accepted.getType().equalsIgnoreCase("text") && accepted.getSubtype().equalsIgnoreCase("csv")) {
                return true;
            }
        }
        throw new ProblemException(PlatformErrorCode.NOT_ACCEPTABLE, "reports are available as application/json or text/csv");
    }
}
