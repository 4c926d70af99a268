package com.lexrule.bail;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A bail request states the danger color or names the arrest decision to take it from, exactly one of the two:
 * with both, which one decided would be a guess.
 */
@Documented
@Constraint(validatedBy = ExactlyOneDangerSource.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ExactlyOneDangerSource {
    String message() default "须提供 dangerColor 或 arrestDecisionId 二者之一 (exactly one of dangerColor, arrestDecisionId)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ExactlyOneDangerSource, BailDepositRequest> {
        @Override
        public boolean isValid(BailDepositRequest request, ConstraintValidatorContext context) {
            if (request == null) {
                return true;
            }
            boolean color = request.dangerColor() != null;
            boolean decision = request.arrestDecisionId() != null && !request.arrestDecisionId().isBlank();
            if (color != decision) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            String message = color
                    ? "已提供 dangerColor，不得同时提供 arrestDecisionId (give dangerColor or arrestDecisionId, not both)"
                    : "须提供 dangerColor 或 arrestDecisionId 二者之一 (exactly one of dangerColor, arrestDecisionId)";
            context.buildConstraintViolationWithTemplate(message)
                    .addPropertyNode(color ? "arrestDecisionId" : "dangerColor").addConstraintViolation();
            return false;
        }
    }
}
