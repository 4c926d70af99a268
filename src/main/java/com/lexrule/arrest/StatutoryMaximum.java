package com.lexrule.arrest;

import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.util.CellReference;

import com.lexrule.policy.PolicyCatalog;
import com.lexrule.policy.table.PolicyProblem;
import com.lexrule.sentencing.SentenceBand;

/**
 * The heaviest punishment the statute allows for a crime, as the crime catalog states it: the kind of punishment and,
 * for a term, its length in months (拘役 or 有期徒刑). A band name would be read two ways at its edges; a kind and a
 * number are not. The band it falls in follows CL art. 99 (以上、以下、以内 include the number itself), as
 * {@link SentenceBand} defines the bands.
 */
public record StatutoryMaximum(Kind kind, Integer termMonths) {

    public static final String KIND = "maxPenalty";
    public static final String TERM_MONTHS = "maxTermMonths";
    public static final String ARTICLE = "article";

    /** 法定最高刑种, in increasing severity. */
    public enum Kind { CRIMINAL_DETENTION, FIXED_TERM, LIFE, DEATH }

    /** CL art. 42: 拘役 lasts one to six months. */
    static final int DETENTION_MAX_MONTHS = 6;
    /** CL art. 45: 有期徒刑 lasts six months to fifteen years for one crime. */
    static final int FIXED_TERM_MIN_MONTHS = 6;
    static final int FIXED_TERM_MAX_MONTHS = 180;

    /** The band of CPL 81 this maximum reaches. */
    public SentenceBand band() {
        return switch (kind) {
            case CRIMINAL_DETENTION -> SentenceBand.CRIMINAL_DETENTION;
            case FIXED_TERM -> SentenceBand.ofTermMonths(termMonths);
            case LIFE, DEATH -> SentenceBand.TEN_YEARS_OR_MORE;
        };
    }

    static StatutoryMaximum of(PolicyCatalog.Entry crime) {
        Kind kind = Kind.valueOf(crime.attribute(KIND).orElseThrow());
        return new StatutoryMaximum(kind, crime.attribute(TERM_MONTHS).map(Integer::valueOf).orElse(null));
    }

    /** Each crime's maximum must be a known kind, with a lawful term for a term and none for life or death. */
    static List<PolicyProblem> check(PolicyCatalog catalog, String file, String sheet) {
        List<PolicyProblem> problems = new ArrayList<>();
        for (PolicyCatalog.Entry crime : catalog.entries(sheet).values()) {
            String kindText = crime.attribute(KIND).orElse("");
            Kind kind = null;
            for (Kind k : Kind.values()) {
                if (k.name().equals(kindText)) kind = k;
            }
            if (kind == null) {
                problems.add(problem(catalog, file, sheet, crime, KIND, "罪名 " + crime.code() + " 的法定最高刑种须为 "
                        + java.util.Arrays.toString(Kind.values()) + " 之一，实际为 '" + kindText + "'"));
                continue;
            }
            String monthsText = crime.attribute(TERM_MONTHS).orElse("");
            Integer months = null;
            if (!monthsText.isEmpty()) {
                try {
                    months = Integer.valueOf(monthsText);
                } catch (NumberFormatException e) {
                    problems.add(problem(catalog, file, sheet, crime, TERM_MONTHS, "罪名 " + crime.code()
                            + " 的法定最高刑期须为整数月，实际为 '" + monthsText + "'"));
                    continue;
                }
            }
            switch (kind) {
                case CRIMINAL_DETENTION -> {
                    if (months == null || months < 1 || months > DETENTION_MAX_MONTHS) {
                        problems.add(problem(catalog, file, sheet, crime, TERM_MONTHS, "罪名 " + crime.code()
                                + " 的最高刑为拘役，须填写一至六个月（刑法第四十二条），实际为 '" + monthsText + "'"));
                    }
                }
                case FIXED_TERM -> {
                    if (months == null || months < FIXED_TERM_MIN_MONTHS || months > FIXED_TERM_MAX_MONTHS) {
                        problems.add(problem(catalog, file, sheet, crime, TERM_MONTHS, "罪名 " + crime.code()
                                + " 的最高刑为有期徒刑，须填写六至一百八十个月（刑法第四十五条），实际为 '" + monthsText + "'"));
                    }
                }
                case LIFE, DEATH -> {
                    if (months != null) {
                        problems.add(problem(catalog, file, sheet, crime, TERM_MONTHS, "罪名 " + crime.code()
                                + " 的最高刑为无期徒刑或者死刑，刑期一栏须留空，实际为 '" + monthsText + "'"));
                    }
                }
            }
            if (!crime.attribute(ARTICLE).orElse("").startsWith("《刑法》第")) {
                problems.add(problem(catalog, file, sheet, crime, ARTICLE, "罪名 " + crime.code()
                        + " 须写明法定最高刑所在的刑法条款（以《刑法》第…开头）"));
            }
        }
        return problems;
    }

    private static PolicyProblem problem(PolicyCatalog catalog, String file, String sheet, PolicyCatalog.Entry crime,
                                         String key, String message) {
        int column = catalog.column(sheet, key);
        return PolicyProblem.ofCell(file, sheet, column < 0 ? null : new CellReference(crime.row() - 1, column).formatAsString(), message);
    }
}
