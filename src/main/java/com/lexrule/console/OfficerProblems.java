package com.lexrule.console;

import java.util.List;

import com.lexrule.policy.table.PolicyProblem;

import io.quarkus.qute.TemplateData;

/**
 * Problems as officers read them: the sheet, the cell (as a link into the grid where the file is a decision table)
 * and the rule of law or of the template broken, in Chinese. A rule compiler's message is never shown: a data value
 * that makes its row's generated rule fail to compile is reported at the row, as a value its columns do not take.
 */
final class OfficerProblems {

    private static final String COMPILER = "规则编译错误";

    @TemplateData
    record Shown(String file, String sheet, String cell, String message, String href) {
    }

    private OfficerProblems() {
    }

    static List<Shown> of(String family, List<PolicyProblem> problems) {
        return problems.stream().map(p -> new Shown(p.file(), p.sheet() == null ? "" : p.sheet(), p.cell() == null ? "" : p.cell(),
                message(p), p.cell() != null && p.file() != null && p.file().endsWith(".xlsx")
                        ? "/console/tables/" + family + "/" + simple(p.file()) + "#cell-" + p.cell() : null)).toList();
    }

    static String message(PolicyProblem p) {
        String m = p.message() == null ? "" : p.message();
        if (m.startsWith(COMPILER)) {
            return p.cell() == null
                    ? "此文件的规则无法生成，请联系管理员核对模板（原始编译信息已记录在服务日志中）"
                    : "此行的取值使该行规则无法生成：请核对本行各单元格是否符合所在列的要求（列的代码模板由服务维护，不可修改）";
        }
        return m;
    }

    /**
     * One of a problem's errors as a line of the page: a policy problem at its sheet and cell (or its file) with the
     * officers' message; anything else (a field's violation, a review's unusable cell) as it reads.
     */
    static String text(Object error) {
        if (!(error instanceof PolicyProblem p)) return String.valueOf(error);
        String where = p.sheet() != null ? p.sheet() + (p.cell() == null ? "" : "!" + p.cell())
                : p.file() == null ? "" : simple(p.file()) + (p.line() == null ? "" : " 第 " + p.line() + " 行");
        return (where.isEmpty() ? "" : where + "：") + message(p);
    }

    private static String simple(String file) {
        return file.substring(file.lastIndexOf('/') + 1);
    }
}
