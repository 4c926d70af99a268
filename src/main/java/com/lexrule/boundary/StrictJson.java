package com.lexrule.boundary;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Every JSON the service reads (request bodies, special-review bodies, stored requests it replays) is read
 * literally. A legal fact that arrives in the wrong shape is refused, never guessed: {@code "expectedSentence": 4}
 * is not the fifth sentence band, {@code "age": "17"} is not a number, a misspelt field is not an absent one, and
 * {@code {...}{...}} is not one request. The limits bound what a parser holds before validation sees anything.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** Longer than any legal amount (13 digits, 2 decimals), far shorter than a number that costs CPU to parse. */
    static final int MAX_NUMBER_LENGTH = 40;
    /** A request is a flat record with lists of codes; a review body a list of such records. */
    static final int MAX_NESTING_DEPTH = 16;
    /** The largest body the service accepts (a special review, 11 MiB) bounds each string as well. */
    static final int MAX_STRING_LENGTH = 11 * 1024 * 1024;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .build());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                DeserializationFeature.FAIL_ON_INVALID_SUBTYPE);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
                DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT,
                DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
                DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);

        // No shape stands in for another: not a string for a number, flag or code, not a number for a text, not
        // an empty string for an absent value.
        mapper.coercionConfigDefaults()
                .setAcceptBlankAsEmpty(false)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
                LogicalType.Enum, LogicalType.DateTime, LogicalType.Textual, LogicalType.Array, LogicalType.Collection,
                LogicalType.POJO, LogicalType.Map}) {
            mapper.coercionConfigFor(type)
                    .setAcceptBlankAsEmpty(false)
                    .setCoercion(CoercionInputShape.String, type == LogicalType.Textual || type == LogicalType.Enum
                            || type == LogicalType.DateTime ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer || type == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
    }

    /** Applied after Quarkus's own customizer, so that no {@code quarkus.jackson.*} default loosens these. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }
}
