package com.lexrule.boundary;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The characters a text field of a request may hold: any script (Chinese names, case numbers, legal reasons), but
 * nothing that is not text. Refused are control characters (C0, DEL, C1; free text keeps line feed and tab), format
 * characters (the bidi overrides and isolates U+202A–202E, U+2066–2069 that make a stored reason read differently
 * from what it says, zero-width characters, the BOM), line and paragraph separators, lone surrogates and
 * noncharacters. PostgreSQL cannot store NUL at all, and a record answered one way and stored another is no audit.
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface PlainText {

    /** Free text (grounds, reasons, notes) may span lines: line feed and tab are allowed, nothing else of C0. */
    boolean multiline() default false;

    String message() default "含有不允许的字符 {character}，位于第 {position} 个字符 (character not allowed in text)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
