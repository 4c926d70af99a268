package com.lexrule.review.special;

import java.util.LinkedHashMap;
import java.util.Map;

import com.lexrule.boundary.LawTerm;

/**
 * One column of a review upload: the JSON field it fills (the assessment request's own name, so that a row is the
 * request a case system would have sent), its Chinese heading, how a cell is read, and whether it is required.
 * Codes come either from a sheet of the deciding policy's catalog ({@code catalog}) or, for the request's fixed
 * enumerations, from {@code values}; never from a list kept here that the policy could contradict.
 */
public record ReviewColumn(String key, String label, Type type, String catalog, Map<String, String> values,
                           boolean required, boolean inRequest) {

    public enum Type {
        TEXT("文本 text"), CODE("代码 code"), CODES("多个代码，用逗号或分号分隔 codes, comma- or semicolon-separated"),
        BOOLEAN("是/否 yes/no"), INTEGER("整数 integer"), DECIMAL("数字 number");

        final String description;

        Type(String description) {
            this.description = description;
        }
    }

    static ReviewColumn text(String key, String label, boolean required) {
        return new ReviewColumn(key, label, Type.TEXT, null, Map.of(), required, true);
    }

    static ReviewColumn code(String key, String label, String catalog, boolean required) {
        return new ReviewColumn(key, label, Type.CODE, catalog, Map.of(), required, true);
    }

    static ReviewColumn codes(String key, String label, String catalog) {
        return new ReviewColumn(key, label, Type.CODES, catalog, Map.of(), false, true);
    }

    /** A value of one of the law's enumerations, with the statute's words for each. */
    static ReviewColumn choice(String key, String label, boolean required, LawTerm... terms) {
        Map<String, String> values = new LinkedHashMap<>();
        for (LawTerm term : terms) {
            values.put(term.code(), term.label());
        }
        return new ReviewColumn(key, label, Type.CODE, null, values, required, true);
    }

    static ReviewColumn bool(String key, String label, boolean required) {
        return new ReviewColumn(key, label, Type.BOOLEAN, null, Map.of(), required, true);
    }

    static ReviewColumn integer(String key, String label, boolean required) {
        return new ReviewColumn(key, label, Type.INTEGER, null, Map.of(), required, true);
    }

    static ReviewColumn decimal(String key, String label, boolean required) {
        return new ReviewColumn(key, label, Type.DECIMAL, null, Map.of(), required, true);
    }

    /** A column the review reads but the assessment request does not carry (the recognised value, a crime type). */
    ReviewColumn reviewOnly() {
        return new ReviewColumn(key, label, type, catalog, values, required, false);
    }

    /** The heading as the template prints it: Chinese, with * for a required column. */
    String heading() {
        return required ? label + " *" : label;
    }

    boolean hasCodes() {
        return catalog != null || !values.isEmpty();
    }
}
