package com.lexrule.boundary;

import java.util.Locale;
import java.util.OptionalInt;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/** Checks {@link PlainText}: names the first character that is not text and where it stands. */
public class PlainTextValidator implements ConstraintValidator<PlainText, CharSequence> {

    private boolean multiline;

    @Override
    public void initialize(PlainText annotation) {
        multiline = annotation.multiline();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        if (value == null) return true;
        OptionalInt bad = firstRefused(value, multiline);
        if (bad.isEmpty()) return true;
        int index = bad.getAsInt();
        context.unwrap(HibernateConstraintValidatorContext.class)
                .addMessageParameter("character", describe(value, index))
                .addMessageParameter("position", value.toString().codePointCount(0, index) + 1);
        return false;
    }

    /** The index of the first refused char, if any. */
    public static OptionalInt firstRefused(CharSequence text, boolean multiline) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, text.charAt(i + 1));
                    if (refused(cp, multiline)) return OptionalInt.of(i);
                    i++;
                    continue;
                }
                return OptionalInt.of(i);
            }
            if (Character.isLowSurrogate(c) || refused(c, multiline)) return OptionalInt.of(i);
        }
        return OptionalInt.empty();
    }

    static boolean refused(int cp, boolean multiline) {
        if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) return true; // noncharacters
        return switch (Character.getType(cp)) {
            case Character.CONTROL -> !(multiline && (cp == '\n' || cp == '\t'));
            // bidi embeddings, overrides, isolates and marks, zero-width spaces, BOM; joiners stay in free text
            case Character.FORMAT -> !(multiline && (cp == 0x200C || cp == 0x200D));
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE -> true;
            default -> false;
        };
    }

    /** "U+202E" — never the character itself, which would do in the answer what it did in the request. */
    public static String describe(CharSequence text, int index) {
        char c = text.charAt(index);
        int cp = Character.isHighSurrogate(c) && index + 1 < text.length() && Character.isLowSurrogate(text.charAt(index + 1))
                ? Character.toCodePoint(c, text.charAt(index + 1)) : c;
        String name = Character.isSurrogate(c) && cp == c ? "LONE SURROGATE" : Character.getName(cp);
        return String.format(Locale.ROOT, "U+%04X", cp) + (name == null ? "" : " " + name);
    }
}
