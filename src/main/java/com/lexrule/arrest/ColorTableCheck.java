package com.lexrule.arrest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.util.CellReference;

import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.table.CellValue;
import com.lexrule.policy.table.DecisionTable;
import com.lexrule.policy.table.PolicyProblem;

/**
 * What the rule compiler cannot see in the arrest tables: a legal category the law does not know. The
 * color-thresholds table writes one per color band, and a string compiles whatever it says; CPL art. 81 knows only
 * the {@link LegalCategory} codes. The column is found by the action it feeds, so an officer may reorder columns;
 * each problem names its file, sheet and cell.
 */
final class ColorTableCheck {

    /** The action of a column that writes the legal category of its row. */
    static final String LEGAL_CATEGORY_ACTION = "setLegalCategory(";

    private ColorTableCheck() {
    }

    static List<PolicyProblem> check(PolicyBundle bundle) {
        List<PolicyProblem> problems = new ArrayList<>();
        String catalogName = bundle.manifest().catalog();
        for (PolicyFile file : bundle.files()) {
            if (!file.isSpreadsheet() || file.simpleName().equals(catalogName)) continue;
            DecisionTable table = file.spreadsheet().decisionTable().table();
            if (table == null) continue; // a table that does not read is reported, cell by cell, by the compiler itself
            for (int t = 0; t < table.parts().size(); t++) {
                Map<Integer, String> templates = table.template().tables().get(t).rows().get(3);
                Integer column = templates.entrySet().stream().filter(e -> e.getValue().contains(LEGAL_CATEGORY_ACTION))
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                if (column == null) continue;
                for (DecisionTable.DataRow row : table.parts().get(t).rows()) {
                    CellValue value = row.cells().get(column);
                    String code = value == null ? "" : value.canonical();
                    if (LegalCategory.ofCode(code) == null) {
                        problems.add(PolicyProblem.ofCell(file.name(), table.template().sheetName(),
                                new CellReference(row.row(), column).formatAsString(), "逮捕条件须为《刑事诉讼法》第八十一条的 "
                                        + LegalCategory.codes() + " 之一，实际为 '" + code + "' (not a legal category of CPL 81)"));
                    }
                }
            }
        }
        return problems;
    }
}
