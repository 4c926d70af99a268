package com.lexrule.review.special;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Workbook;

/** The look the special review's workbooks share, so that the template an officer fills and the results read alike. */
final class ReviewStyles {

    private ReviewStyles() {
    }

    /** A heading cell: bold on light blue. */
    static CellStyle heading(Workbook wb) {
        CellStyle heading = wb.createCellStyle();
        Font bold = wb.createFont();
        bold.setBold(true);
        heading.setFont(bold);
        heading.setFillForegroundColor(IndexedColors.LIGHT_CORNFLOWER_BLUE.getIndex());
        heading.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        return heading;
    }
}
