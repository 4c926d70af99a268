package com.lexrule.policy.table;

import java.math.BigDecimal;

import org.apache.poi.ss.usermodel.Cell;

/**
 * One spreadsheet cell as the service reads it: the stored value, never the text Excel would display. A number
 * format, a rich-text run, a comment or a hyperlink can make a cell look like anything; only the value a cell holds
 * is read, and only its canonical rendering reaches the rule compiler.
 */
public sealed interface CellValue {

    /** The text the generated rule source receives for this value. */
    String canonical();

    record Number(BigDecimal value) implements CellValue {
        @Override
        public String canonical() {
            BigDecimal plain = value.stripTrailingZeros();
            return (plain.scale() < 0 ? plain.setScale(0) : plain).toPlainString();
        }
    }

    record Bool(boolean value) implements CellValue {
        @Override
        public String canonical() {
            return Boolean.toString(value);
        }
    }

    record Text(String value) implements CellValue {
        @Override
        public String canonical() {
            return value;
        }
    }

    /** Thrown for a cell whose stored content is not a plain value (a formula, an error). */
    final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** The value a cell stores, or null for a blank cell. */
    static CellValue of(Cell cell) throws Refused {
        if (cell == null) return null;
        switch (cell.getCellType()) {
            case NUMERIC -> {
                double number = cell.getNumericCellValue();
                if (!Double.isFinite(number)) throw new Refused("数值无效 (not a finite number)");
                return new Number(BigDecimal.valueOf(number));
            }
            case STRING -> {
                String text = cell.getStringCellValue().strip();
                return text.isEmpty() ? null : new Text(text);
            }
            case BOOLEAN -> {
                return new Bool(cell.getBooleanCellValue());
            }
            case BLANK -> {
                return null;
            }
            case FORMULA -> throw new Refused("不接受公式，请填写数值 (formulas are not accepted; enter the value): ="
                    + cell.getCellFormula());
            default -> throw new Refused("单元格内容无效 (the cell holds an error or an unknown type)");
        }
    }
}
