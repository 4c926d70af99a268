package com.lexrule.boundary;

import jakarta.ws.rs.BadRequestException;

/**
 * A query, path, header or form parameter that is not of its declared type. JAX-RS would answer a bad query or path
 * parameter with 404, as if the resource did not exist; the caller is told which parameter was wrong instead.
 */
public class InvalidParameterException extends BadRequestException {

    private final String parameter;
    private final String expected;
    private final String value;

    public InvalidParameterException(String parameter, String expected, String value) {
        super(parameter + ": " + expected);
        this.parameter = parameter;
        this.expected = expected;
        this.value = value;
    }

    public String parameter() { return parameter; }
    public String expected() { return expected; }
    public String value() { return value; }
}
