package com.lexrule.console;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.Validator;

/** A console form's fields as the API would take them: blanks as absent, and the API record's own constraints. */
final class FormInput {

    private FormInput() {
    }

    /** The request record's constraint violations as "field: message", sorted; a list the caller may add to. */
    static List<String> violations(Validator validator, Object request) {
        return validator.validate(request).stream().map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted()
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /** A field left empty is absent, as in a JSON body that leaves it out. */
    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
