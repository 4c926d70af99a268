package com.lexrule.responsibility;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.util.CellReference;

import com.lexrule.policy.PolicyCatalog;
import com.lexrule.policy.table.PolicyProblem;

/**
 * One crime's age of criminal responsibility, as its row of the crime catalog gives it (CL art. 17): the lowest age
 * at which it is punishable, and the outcome it must have caused for a person of 14–15 and of 12–13. The catalog
 * grows, so these are policy data; the ages 12, 14 and 16 and what ¶3 allows at most are the law's, checked here
 * when a policy version compiles, so a catalog can never make a child answer for more than CL 17 lets it.
 */
public record AgeOfResponsibility(int minimumAge, Set<InjuryOutcome> requiredAt14To15, Set<InjuryOutcome> requiredAt12To13) {

    public static final String MINIMUM_AGE = "minimumAge";
    public static final String HARM_AT_14_TO_15 = "harmAt14To15";
    public static final String HARM_AT_12_TO_13 = "harmAt12To13";
    public static final String AGE_ARTICLE = "ageArticle";

    /** CL 17 ¶1: from sixteen a person answers for every crime. */
    public static final int FULL_AGE = 16;
    /** CL 17 ¶2: from fourteen for the eight crimes it lists. */
    public static final int RELATIVE_AGE = 14;
    /** CL 17 ¶3 (2020 amendment): from twelve, for homicide or injury with the gravest results, with the SPP's approval. */
    public static final int LOWEST_AGE = 12;

    /** The results CL 17 ¶3 allows for a person of 12–13: nothing less makes a child of that age answer. */
    static final Set<InjuryOutcome> ALLOWED_AT_12_TO_13 = EnumSet.of(InjuryOutcome.DEATH, InjuryOutcome.SEVERE_DISABILITY_BY_CRUEL_MEANS);

    /** The crime's row of a checked catalog; {@link #check} has made sure it parses. */
    public static AgeOfResponsibility of(PolicyCatalog catalog, String sheet, String crimeType) {
        PolicyCatalog.Entry crime = catalog.entry(sheet, crimeType).orElseThrow();
        return new AgeOfResponsibility(Integer.parseInt(crime.attribute(MINIMUM_AGE).orElseThrow()),
                outcomes(crime.attribute(HARM_AT_14_TO_15).orElse("")), outcomes(crime.attribute(HARM_AT_12_TO_13).orElse("")));
    }

    /** Every row of the crime sheet against CL 17; each problem names its cell. */
    public static List<PolicyProblem> check(PolicyCatalog catalog, String catalogFile, String sheet) {
        List<PolicyProblem> problems = new ArrayList<>();
        for (PolicyCatalog.Entry crime : catalog.entries(sheet).values()) {
            String age = crime.attribute(MINIMUM_AGE).orElse("");
            int minimum = switch (age) {
                case "16" -> FULL_AGE;
                case "14" -> RELATIVE_AGE;
                case "12" -> LOWEST_AGE;
                default -> -1;
            };
            if (minimum < 0) {
                problems.add(problem(catalog, catalogFile, sheet, crime, MINIMUM_AGE, "罪名 " + crime.code()
                        + " 的刑事责任年龄下限须为 16、14 或 12（刑法第十七条），实际为 '" + age + "'"));
                continue;
            }
            String at14 = crime.attribute(HARM_AT_14_TO_15).orElse("");
            String at12 = crime.attribute(HARM_AT_12_TO_13).orElse("");
            checkOutcomes(catalog, catalogFile, sheet, crime, HARM_AT_14_TO_15, at14, EnumSet.allOf(InjuryOutcome.class), problems);
            checkOutcomes(catalog, catalogFile, sheet, crime, HARM_AT_12_TO_13, at12, ALLOWED_AT_12_TO_13, problems);
            if (minimum == FULL_AGE && !at14.isBlank()) {
                problems.add(problem(catalog, catalogFile, sheet, crime, HARM_AT_14_TO_15, "罪名 " + crime.code()
                        + " 的年龄下限为16，已满十四周岁不满十六周岁不负刑事责任，不应填写须造成的后果"));
            }
            if (minimum == LOWEST_AGE && at12.isBlank()) {
                problems.add(problem(catalog, catalogFile, sheet, crime, HARM_AT_12_TO_13, "罪名 " + crime.code()
                        + " 的年龄下限为12，须写明须造成的后果（刑法第十七条第三款：致人死亡或者以特别残忍手段致人重伤造成严重残疾）"));
            }
            if (minimum > LOWEST_AGE && !at12.isBlank()) {
                problems.add(problem(catalog, catalogFile, sheet, crime, HARM_AT_12_TO_13, "罪名 " + crime.code()
                        + " 的年龄下限为" + minimum + "，不应填写已满十二周岁不满十四周岁须造成的后果"));
            }
            if (!crime.attribute(AGE_ARTICLE).orElse("").startsWith("《刑法》第十七条")) {
                problems.add(problem(catalog, catalogFile, sheet, crime, AGE_ARTICLE, "罪名 " + crime.code()
                        + " 须写明刑事责任年龄的依据（《刑法》第十七条某款）"));
            }
        }
        return problems;
    }

    private static void checkOutcomes(PolicyCatalog catalog, String file, String sheet, PolicyCatalog.Entry crime, String key,
                                      String text, Set<InjuryOutcome> allowed, List<PolicyProblem> problems) {
        for (String code : split(text)) {
            InjuryOutcome outcome = InjuryOutcome.ofCode(code);
            if (outcome == null || !allowed.contains(outcome)) {
                problems.add(problem(catalog, file, sheet, crime, key, "罪名 " + crime.code() + " 的后果代码 '" + code
                        + "' 不在刑法第十七条允许的范围内，可用: " + allowed));
            }
        }
    }

    private static PolicyProblem problem(PolicyCatalog catalog, String file, String sheet, PolicyCatalog.Entry crime,
                                         String key, String message) {
        int column = catalog.column(sheet, key);
        return PolicyProblem.ofCell(file, sheet, column < 0 ? null : new CellReference(crime.row() - 1, column).formatAsString(), message);
    }

    private static Set<InjuryOutcome> outcomes(String text) {
        Set<InjuryOutcome> outcomes = EnumSet.noneOf(InjuryOutcome.class);
        split(text).forEach(code -> outcomes.add(InjuryOutcome.ofCode(code)));
        return Set.copyOf(outcomes);
    }

    private static List<String> split(String text) {
        return java.util.Arrays.stream(text.split("[,，、;；\\s]+")).filter(s -> !s.isBlank()).toList();
    }
}
