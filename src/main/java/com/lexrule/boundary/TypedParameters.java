package com.lexrule.boundary;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Reads every typed parameter of every resource (numbers, flags, dates, texts), so that a value that is not of its
 * type is a 400 problem naming the parameter ({@link InvalidParameterException}), a number too large for its type
 * included, and a text parameter holds only {@link PlainText} characters (a NUL in a path segment would otherwise
 * reach the database). Dates must lie within {@link LegalDates}.
 */
@Provider
public class TypedParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = nameOf(annotations);
        boolean form = isForm(annotations);
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) converter(name, "整数 (an integer)", Integer::valueOf);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) converter(name, "整数 (an integer)", Long::valueOf);
        }
        if (rawType == Boolean.class || rawType == boolean.class) {
            return (ParamConverter<T>) converter(name, "true 或 false (true or false)", TypedParameters::flag);
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>) converter(name, "日期 YYYY-MM-DD，" + LegalDates.RANGE + " (an ISO date in range)",
                    TypedParameters::date);
        }
        if (rawType == String.class) {
            return (ParamConverter<T>) new ParamConverter<String>() {
                @Override
                public String fromString(String value) {
                    if (value != null && PlainTextValidator.firstRefused(value, form).isPresent()) {
                        int index = PlainTextValidator.firstRefused(value, form).getAsInt();
                        throw new InvalidParameterException(name, "含有不允许的字符 " + PlainTextValidator.describe(value, index)
                                + " (character not allowed)", null);
                    }
                    return value;
                }

                @Override
                public String toString(String value) {
                    return value;
                }
            };
        }
        return null;
    }

    private static <V> ParamConverter<V> converter(String name, String expected, Function<String, V> parse) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String value) {
                if (value == null) return null;
                try {
                    return parse.apply(value.trim());
                } catch (RuntimeException e) {
                    throw new InvalidParameterException(name, "应为" + expected, shown(value));
                }
            }

            @Override
            public String toString(V value) {
                return String.valueOf(value);
            }
        };
    }

    private static Boolean flag(String value) {
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(value);
        };
    }

    private static LocalDate date(String value) {
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(value, e);
        }
        if (!LegalDates.contains(date)) throw new IllegalArgumentException(value);
        return date;
    }

    private static String shown(String value) {
        String safe = PlainTextValidator.firstRefused(value, false).isPresent() ? null : value;
        return safe == null || safe.length() <= 80 ? safe : safe.substring(0, 80) + "…";
    }

    private static boolean isForm(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof FormParam || a instanceof RestForm) return true;
        }
        return false;
    }

    private static String nameOf(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) return q.value();
            if (a instanceof PathParam p) return p.value();
            if (a instanceof HeaderParam h) return h.value();
            if (a instanceof FormParam f) return f.value();
            if (a instanceof RestQuery q && !q.value().isEmpty()) return q.value();
            if (a instanceof RestPath p && !p.value().isEmpty()) return p.value();
            if (a instanceof RestHeader h && !h.value().isEmpty()) return h.value();
            if (a instanceof RestForm f && !f.value().isEmpty()) return f.value();
        }
        return "parameter";
    }
}
