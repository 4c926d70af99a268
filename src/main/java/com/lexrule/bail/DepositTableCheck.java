package com.lexrule.bail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.poi.ss.util.CellReference;


import com.lexrule.sentencing.SentenceBand;
import com.lexrule.policy.PolicyBundle;
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
     * BAIL-2022 art. 5, SPP-RULES-2019 art. 92, MPS-PROC-2020 art. 87: a deposit starts at 1,000 yuan. The law, not
     * the policy, fixes it; bail-deposit.drl enforces it at evaluation (and 500 for a minor), this check keeps a
     * table from relying on that.
     */
    static final BigDecimal STATUTORY_MINIMUM = new BigDecimal("1000");

    private DepositTableCheck() {
    }

    /** One RuleTable of the table model: its column templates and its typed data rows. */
    private record Block(String file, String sheet, Map<Integer, String> templates, List<DecisionTable.DataRow> rows) {
        Integer column(String marker) {
            return templates.entrySet().stream().filter(t -> t.getValue().contains(marker)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
        }
    }

    static List<PolicyProblem> check(PolicyBundle bundle) {
        List<PolicyProblem> problems = new ArrayList<>();
        String catalog = bundle.manifest().catalog();
        for (PolicyFile file : bundle.files()) {
            if (!file.isSpreadsheet() || file.simpleName().equals(catalog)) continue;
            DecisionTable table = file.spreadsheet().decisionTable().table();
            if (table == null) continue; // a table that does not read is reported, cell by cell, by the compiler itself
            for (int t = 0; t < table.parts().size(); t++) {
                checkBlock(new Block(file.name(), table.template().sheetName(), table.template().tables().get(t).rows().get(3),
                        table.parts().get(t).rows()), problems);
            }
        }
        return problems;
    }

    private static void checkBlock(Block b, List<PolicyProblem> problems) {
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
        Map<DangerColor, Factor> colors = new EnumMap<>(DangerColor.class);
        Map<EconomicStatus, Factor> statuses = new EnumMap<>(EconomicStatus.class);
        for (DecisionTable.DataRow row : b.rows()) {
            BigDecimal min = null;
            if (baseMin != null) {
                min = amount(b, row, baseMin, problems);
                if (min != null && min.compareTo(STATUTORY_MINIMUM) < 0) {
                    problems.add(at(b, row, baseMin, "保证金基数下限 " + min.toPlainString() + " 元低于保证金起点数额一千元"
                            + "（《关于取保候审若干问题的规定》第五条；《人民检察院刑事诉讼规则》第九十二条；《公安机关办理刑事案件程序规定》第八十七条）"
                            + " (below the statutory minimum deposit of 1,000 yuan)"));
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
                factor(b, row, colorCode, colorFactor, DangerColor.class, colors, problems);
            }
            if (statusCode != null && statusFactor != null) {
                factor(b, row, statusCode, statusFactor, EconomicStatus.class, statuses, problems);
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
            ordered(b, colors, DangerColor.class, "社会危险性等级", problems);
        }
        if (statusCode != null && statusFactor != null) {
            ordered(b, statuses, EconomicStatus.class, "经济状况", problems);
        }
    }

    private record Factor(BigDecimal value, String cell) {
    }

    private static <E extends Enum<E>> void factor(Block b, DecisionTable.DataRow row, int codeColumn, int factorColumn,
                                                   Class<E> codes, Map<E, Factor> into, List<PolicyProblem> problems) {
        String code = text(row.cells().get(codeColumn));
        E value;
        try {
            value = Enum.valueOf(codes, code);
        } catch (IllegalArgumentException e) {
            problems.add(at(b, row, codeColumn, "未知代码 '" + code + "' (unknown code)"));
            return;
        }
        BigDecimal factor = amount(b, row, factorColumn, problems);
        if (factor == null) return;
        if (factor.signum() <= 0) {
            problems.add(at(b, row, factorColumn, "系数须大于0，实际为 " + factor.toPlainString()));
        }
        into.put(value, new Factor(factor, cellName(row, factorColumn)));
    }

    /** Along the enum's order (more danger, more wealth) a factor never falls, so neither does the deposit. */
    private static <E extends Enum<E>> void ordered(Block b, Map<E, Factor> factors, Class<E> codes, String what,
                                                    List<PolicyProblem> problems) {
        E previous = null;
        for (Map.Entry<E, Factor> entry : factors.entrySet()) {
            if (previous != null && entry.getValue().value().compareTo(factors.get(previous).value()) < 0) {
                problems.add(PolicyProblem.ofCell(b.file(), b.sheet(), entry.getValue().cell(), what + " " + entry.getKey().name()
                        + " 的系数低于 " + previous.name() + "：社会危险性更大或经济状况更好者保证金不得更低 (factor falls along the scale)"));
            }
            previous = entry.getKey();
        }
        if (factors.size() < codes.getEnumConstants().length) {
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
