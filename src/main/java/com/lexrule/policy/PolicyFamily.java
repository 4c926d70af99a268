package com.lexrule.policy;

import java.util.List;
import com.lexrule.policy.table.PolicyProblem;

/**
 * What a policy family needs of its policy beyond compiling rules: the catalogs its intake checks codes against,
 * with the attributes its rules read. Checked when a version compiles, so a broken catalog never goes live.
 */
public interface PolicyFamily {

    String name();

    List<PolicyProblem> checkCatalog(PolicyCatalog catalog, String catalogFile);

    /**
     * Checks of the bundle's other files that rule compilation cannot make, e.g. a value in a table that the law
     * forbids, or one the catalog does not know. Each problem names its file and cell. None by default.
     *
     * @param catalog the bundle's catalog as read, or an empty one when it did not read (already reported)
     */
    default List<PolicyProblem> checkBundle(PolicyBundle bundle, PolicyCatalog catalog) {
        return List.of();
    }

    /** Problems for catalogs this family requires that the workbook lacks. */
    static List<PolicyProblem> requireSheets(PolicyCatalog catalog, String catalogFile, String... sheets) {
        return java.util.Arrays.stream(sheets).filter(sheet -> !catalog.has(sheet))
                .map(sheet -> PolicyProblem.ofFile(catalogFile, "代码目录缺少工作表 " + sheet + " (catalog sheet missing)"))
                .toList();
    }
}
