package com.lexrule.bail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.poi.ss.util.CellReference;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;


import com.lexrule.sentencing.SentenceBand;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyCatalog;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.table.PolicyProblem;
import com.lexrule.policy.table.CellValue;
import com.lexrule.policy.table.DecisionTable;

/**
 * What the rule compiler cannot see in the bail tables: a value the law forbids. A base amount below the
 * statutory minimum deposit, a factor that would make a more dangerous or wealthier subject pay less, a
 * compensation multiplier below the assessed loss, a table that leaves a color, status or sentence band without
 * an amount. Each problem names the file, sheet and cell. Columns are found by the action or condition they
 * feed, so an officer may reorder them. The check reads the table model the compile reads (the typed values of the
 * data rows), never the workbook itself.
 */
final class DepositTableCheck {

    /**
     * The DRL function that states the statutory minimum deposit of an adult (BAIL-2022 art. 5). bail-deposit.drl
     * enforces it at evaluation; this check reads it from there, so that no table relies on that.
     */
    static final String ADULT_MINIMUM = "adultMinimum";

    private DepositTableCheck() {
    }

    /** One RuleTable of the table model: its column templates and its typed data rows. */
    private record Block(String file, String sheet, Map<Integer, String> templates, List<DecisionTable.DataRow> rows) {
        Integer column(String marker) {
            return templates.entrySet().stream().filter(t -> t.getValue().contains(marker)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
        }
    }

    static List<PolicyProblem> check(PolicyBundle bundle, PolicyCatalog catalog) {
        List<PolicyProblem> problems = new ArrayList<>();
        BigDecimal minimum = statutoryMinimum(bundle, problems);
        String catalogName = bundle.manifest().catalog();
        for (PolicyFile file : bundle.files()) {
            if (!file.isSpreadsheet() || file.simpleName().equals(catalogName)) continue;
            DecisionTable table = file.spreadsheet().decisionTable().table();
            if (table == null) continue; // a table that does not read is reported, cell by cell, by the compiler itself
            for (int t = 0; t < table.parts().size(); t++) {
                checkBlock(new Block(file.name(), table.template().sheetName(), table.template().tables().get(t).rows().get(3),
                        table.parts().get(t).rows()), catalog, minimum, problems);
            }
        }
        return problems;
    }

    /** The value of the bundle's DRL function adultMinimum(), read with Drools' parser; null (and a problem) if none. */
    static BigDecimal statutoryMinimum(PolicyBundle bundle, List<PolicyProblem> problems) {
        return drlAmount(bundle, ADULT_MINIMUM, problems);
    }

    /**
     * The amount a DRL function of the bundle returns ({@code new BigDecimal("…")}), e.g. adultMinimum() or
     * minorMinimum(), read with Drools' parser; null (and a problem) if none.
     */
    static BigDecimal drlAmount(PolicyBundle bundle, String name, List<PolicyProblem> problems) {
        for (PolicyFile file : bundle.files()) {
            if (!file.isDrl()) continue;
            DrlParser parser = new DrlParser();
            PackageDescr parsed;
            try {
                parsed = parser.parse(false, file.text());
            } catch (DroolsParserException e) {
                continue; // the compile reports a DRL that does not parse
            }
            if (parsed == null) continue;
            for (FunctionDescr function : parsed.getFunctions()) {
                if (!function.getName().equals(name)) continue;
                String body = function.getBody().strip();
                int open = body.indexOf('"');
                int close = body.indexOf('"', open + 1);
                try {
                    return new BigDecimal(body.substring(open + 1, close));
                } catch (RuntimeException e) {
                    problems.add(PolicyProblem.ofFile(file.name(), "函数 " + name + "() 须返回一个数额，如 new BigDecimal(\"1000\")"
                            + " (the statutory minimum must be a literal amount)"));
                    return null;
                }
            }
        }
        problems.add(PolicyProblem.ofFile(PolicyFile.RULES + "bail-deposit.drl", "缺少函数 " + name
                + "()：保证金的法定起点数额 (the statutory minimum deposit is not stated)"));
        return null;
    }

    private static void checkBlock(Block b, PolicyCatalog catalog, BigDecimal minimum, List<PolicyProblem> problems) {
        Integer baseMin = b.column("setBaseMin(");
        Integer baseMax = b.column("setBaseMax(");
        Integer sentence = b.column("sentence == \"$param\"");
        Integer sentenceLimit = b.column("sentenceAtMost(");
        Integer crimeType = b.column("crimeType == \"$param\"");
        Integer colorCode = b.column("dangerColor == \"$param\"");
        Integer colorFactor = b.column("setColorFactor(");
        Integer statusCode = b.column("economicStatus == \"$param\"");
        Integer statusFactor = b.column("setEconomicFactor(");
        Integer share = b.column("setInvolvedShare(");
        Integer unit = b.column("setRoundingUnit(");
        Integer mode = b.column("RoundingMode.$param");
        Integer multiplier = b.column("setLossMultiplier(");

        Set<SentenceBand> generalBands = new TreeSet<>();
        Map<String, Factor> colors = new HashMap<>();
        Map<String, Factor> statuses = new HashMap<>();
        for (DecisionTable.DataRow row : b.rows()) {
            BigDecimal min = null;
            if (baseMin != null) {
                min = amount(b, row, baseMin, problems);
                if (min != null && minimum != null && min.compareTo(minimum) < 0) {
                    problems.add(at(b, row, baseMin, "保证金基数下限 " + min.toPlainString() + " 元低于保证金起点数额 "
                            + minimum.toPlainString() + " 元（规则 BAIL-MIN-1，见 bail-deposit.drl）"
                            + " (below the statutory minimum deposit of " + minimum.toPlainString() + " yuan)"));
                }
            }
            if (baseMax != null) {
                BigDecimal max = amount(b, row, baseMax, problems);
                if (max != null && min != null && max.compareTo(min) < 0) {
                    problems.add(at(b, row, baseMax, "保证金基数上限 " + max.toPlainString() + " 元低于下限 " + min.toPlainString()
                            + " 元 (maximum below minimum)"));
                }
            }
            for (Integer bandColumn : new Integer[] {sentence, sentenceLimit}) {
                String band = bandColumn == null ? "" : text(row.cells().get(bandColumn));
                if (!band.isEmpty() && SentenceBand.ofCode(band) == null) {
                    problems.add(at(b, row, bandColumn, "刑罚档须为 " + SentenceBand.codes() + " 之一，实际为 '" + band + "'"));
                }
            }
            if (sentence != null && baseMin != null && (crimeType == null || text(row.cells().get(crimeType)).isEmpty())) {
                SentenceBand band = SentenceBand.ofCode(text(row.cells().get(sentence)));
                if (band != null) generalBands.add(band);
            }
            if (colorCode != null && colorFactor != null) {
                factor(b, row, colorCode, colorFactor, catalog, BailFamily.DANGER_COLORS, colors, problems);
            }
            if (statusCode != null && statusFactor != null) {
                factor(b, row, statusCode, statusFactor, catalog, BailFamily.ECONOMIC_STATUSES, statuses, problems);
            }
            if (share != null) {
                BigDecimal value = amount(b, row, share, problems);
                if (value != null && (value.signum() <= 0 || value.compareTo(BigDecimal.ONE) > 0)) {
                    problems.add(at(b, row, share, "涉案金额比例须大于0且不大于1，实际为 " + value.toPlainString()));
                }
            }
            if (unit != null) {
                BigDecimal value = amount(b, row, unit, problems);
                if (value != null && value.signum() <= 0) {
                    problems.add(at(b, row, unit, "取整单位须大于0，实际为 " + value.toPlainString()));
                }
            }
            if (mode != null) {
                String name = text(row.cells().get(mode));
                try {
                    java.math.RoundingMode.valueOf(name);
                } catch (IllegalArgumentException e) {
                    problems.add(at(b, row, mode, "取整方式须为 UP、CEILING、HALF_UP 等之一，实际为 '" + name + "' (unknown rounding mode)"));
                }
            }
            if (multiplier != null) {
                BigDecimal value = amount(b, row, multiplier, problems);
                if (value != null && value.compareTo(BigDecimal.ONE) < 0) {
                    problems.add(at(b, row, multiplier, "赔偿保证金倍数 " + value.toPlainString()
                            + " 小于1：赔偿保证金不得低于经评估的损失 (the deposit may not be below the assessed loss)"));
                }
            }
        }
        if (sentence != null && baseMin != null) {
            for (SentenceBand band : SentenceBand.values()) {
                if (!generalBands.contains(band)) {
                    problems.add(PolicyProblem.ofCell(b.file(), b.sheet(), null,
                            "保证金基数表缺少刑罚档 " + band.code() + " 适用于所有罪名（罪名留空）的行 (no general row for this sentence band)"));
                }
            }
        }
        if (colorCode != null && colorFactor != null) {
            ordered(b, colors, BailFamily.ranked(catalog, BailFamily.DANGER_COLORS), "社会危险性等级", problems);
        }
        if (statusCode != null && statusFactor != null) {
            ordered(b, statuses, BailFamily.ranked(catalog, BailFamily.ECONOMIC_STATUSES), "经济状况", problems);
        }
    }

    private record Factor(BigDecimal value, String cell) {
    }

    private static void factor(Block b, DecisionTable.DataRow row, int codeColumn, int factorColumn, PolicyCatalog catalog,
                               String sheet, Map<String, Factor> into, List<PolicyProblem> problems) {
        String code = text(row.cells().get(codeColumn));
        if (catalog.entry(sheet, code).isEmpty()) {
            problems.add(at(b, row, codeColumn, "未知代码 '" + code + "'，代码目录 " + sheet + " 中没有 (unknown code)"));
            return;
        }
        BigDecimal factor = amount(b, row, factorColumn, problems);
        if (factor == null) return;
        if (factor.signum() <= 0) {
            problems.add(at(b, row, factorColumn, "系数须大于0，实际为 " + factor.toPlainString()));
        }
        into.put(code, new Factor(factor, cellName(row, factorColumn)));
    }

    /** Along the catalog's ranks (more danger, more wealth) a factor never falls, so neither does the deposit. */
    private static void ordered(Block b, Map<String, Factor> factors, List<String> ranked, String what,
                                List<PolicyProblem> problems) {
        String previous = null;
        for (String code : ranked) {
            Factor factor = factors.get(code);
            if (factor == null) continue;
            if (previous != null && factor.value().compareTo(factors.get(previous).value()) < 0) {
                problems.add(PolicyProblem.ofCell(b.file(), b.sheet(), factor.cell(), what + " " + code
                        + " 的系数低于 " + previous + "：社会危险性更大或经济状况更好者保证金不得更低 (factor falls along the scale)"));
            }
            previous = code;
        }
        if (!factors.keySet().containsAll(ranked)) {
            problems.add(PolicyProblem.ofCell(b.file(), b.sheet(), null, what + "系数表须覆盖全部代码，现有 " + factors.keySet()));
        }
    }

    private static BigDecimal amount(Block b, DecisionTable.DataRow row, int column, List<PolicyProblem> problems) {
        CellValue value = row.cells().get(column);
        if (value == null) {
            problems.add(at(b, row, column, "数额不得为空 (value missing)"));
            return null;
        }
        try {
            return new BigDecimal(value.canonical());
        } catch (NumberFormatException e) {
            problems.add(at(b, row, column, "不是数字: '" + value.canonical() + "' (not a number)"));
            return null;
        }
    }

    private static PolicyProblem at(Block b, DecisionTable.DataRow row, int column, String message) {
        return PolicyProblem.ofCell(b.file(), b.sheet(), cellName(row, column), message);
    }

    private static String cellName(DecisionTable.DataRow row, int column) {
        return new CellReference(row.row(), column).formatAsString();
    }

    private static String text(CellValue value) {
        return value == null ? "" : value.canonical();
    }
}
