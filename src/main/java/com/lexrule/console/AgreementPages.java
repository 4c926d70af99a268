package com.lexrule.console;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.lexrule.policy.PolicyRegistry;
import com.lexrule.review.AgreementStatistics;

import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

/**
 * 一致率: the officers' agreement with the recommendations (JINHUA's measure) month by month, overall and by policy
 * version, crime type and colour, each point with the counts behind it; the statistics are the review's own
 * (AgreementStatistics over its daily rollup), asked once a month of the period and once for the whole period.
 */
@Path("/console/agreement")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({"auditor", "legal-officer", "policy-approver", "admin"})
public class AgreementPages {

    private static final int DEFAULT_MONTHS = 12;
    private static final int MAX_MONTHS = 36;

    private final Pages pages;
    private final AgreementStatistics statistics;
    private final PolicyRegistry registry;

    public AgreementPages(Pages pages, AgreementStatistics statistics, PolicyRegistry registry) {
        this.pages = pages;
        this.statistics = statistics;
        this.registry = registry;
    }

    /** One chart over time and the table of its points: per series, per month, agreed / decided. */
    @TemplateData
    public record Breakdown(String id, String title, String chart, List<String> periods, List<Line> lines) {
    }

    @TemplateData
    public record Line(String key, List<Cell> cells) {
    }

    @TemplateData
    public record Cell(long decided, long agreed, String rate) {
    }

    @GET
    public Response agreement(@QueryParam("family") String family, @QueryParam("months") String months) {
        List<String> families = registry.families();
        String chosen = family == null || family.isBlank() ? families.get(0) : family.strip();
        TemplateInstance page = pages.page("agreement.html", "agreement", "一致率").data("families", families).data("family", chosen);
        int n;
        try {
            n = months == null || months.isBlank() ? DEFAULT_MONTHS : Integer.parseInt(months.strip());
            if (n < 1 || n > MAX_MONTHS) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            return Response.status(400).entity(page.data("months", months).data("error", "months：月数须为 1 至 " + MAX_MONTHS + " 之间的整数")
                    .data("total", null)).build();
        }
        if (!families.contains(chosen)) {
            return Response.status(400).entity(page.data("months", n).data("error", "family：没有政策族 " + chosen).data("total", null)).build();
        }
        LocalDate today = registry.today();
        YearMonth last = YearMonth.from(today);
        List<String> periods = new ArrayList<>();
        List<AgreementStatistics.Agreement> monthly = new ArrayList<>();
        for (YearMonth m = last.minusMonths(n - 1L); !m.isAfter(last); m = m.plusMonths(1)) {
            periods.add(m.toString());
            LocalDate end = m.equals(last) ? today : m.atEndOfMonth();
            monthly.add(statistics.of(chosen, m.atDay(1), end));
        }
        AgreementStatistics.Agreement total;
        try {
            total = statistics.of(chosen, last.minusMonths(n - 1L).atDay(1), today);
        } catch (ValidationException e) {
            return Response.status(400).entity(page.data("months", n).data("error", e.getMessage()).data("total", null)).build();
        }
        List<Breakdown> breakdowns = List.of(
                breakdown("overall", "总体一致率（按月）", periods, monthly, a -> List.of(new AgreementStatistics.Rate("总体", a.decided(), a.agreed(), a.agreementRate()))),
                breakdown("by-version", "按政策版本（按月）", periods, monthly, AgreementStatistics.Agreement::byPolicyVersion),
                breakdown("by-crime-type", "按罪名（按月）", periods, monthly, AgreementStatistics.Agreement::byCrimeType),
                breakdown("by-color", "按颜色（按月）", periods, monthly, AgreementStatistics.Agreement::byColor));
        return Response.ok(page.data("months", n).data("error", null).data("total", total)
                .data("totalRate", total.agreementRate() == null ? "—" : Charts.percent(total.agreementRate().doubleValue()))
                .data("breakdowns", breakdowns)
                .data("versionChart", Charts.rates("整个期间按政策版本的一致率", total.byPolicyVersion()))
                .data("crimeChart", Charts.rates("整个期间按罪名的一致率", total.byCrimeType()))
                .data("colorChart", Charts.rates("整个期间按颜色的一致率", total.byColor()))).build();
    }

    private static Breakdown breakdown(String id, String title, List<String> periods, List<AgreementStatistics.Agreement> monthly,
                                       Function<AgreementStatistics.Agreement, List<AgreementStatistics.Rate>> groups) {
        TreeSet<String> keys = new TreeSet<>();
        monthly.forEach(a -> groups.apply(a).stream().filter(r -> r.decided() > 0).forEach(r -> keys.add(r.key())));
        Map<String, List<Charts.Point>> series = new LinkedHashMap<>();
        List<Line> lines = new ArrayList<>();
        for (String key : keys) {
            List<Charts.Point> points = new ArrayList<>();
            List<Cell> cells = new ArrayList<>();
            for (AgreementStatistics.Agreement a : monthly) {
                AgreementStatistics.Rate r = groups.apply(a).stream().filter(x -> x.key().equals(key)).findFirst().orElse(null);
                Charts.Point p = r == null ? new Charts.Point(0, 0) : new Charts.Point(r.decided(), r.agreed());
                points.add(p);
                cells.add(new Cell(p.decided(), p.agreed(), p.rate() == null ? "" : Charts.percent(p.rate())));
            }
            series.put(key, points);
            lines.add(new Line(key, cells));
        }
        return new Breakdown(id, title, Charts.lines(title, periods, series), periods, lines);
    }
}
