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
 * Bail is decided after the act, so the age when it is decided cannot be below the age at the act: one of the two
 * would be wrong, and they decide different things (the minor's floor, criminal responsibility).
 */
@Documented
@Constraint(validatedBy = AgeAtDecisionNotBeforeTheAct.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface AgeAtDecisionNotBeforeTheAct {
    String message() default "决定取保候审时的年龄不得小于行为时年龄 (ageAtDecision must not be below age)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<AgeAtDecisionNotBeforeTheAct, BailDepositRequest> {
        @Override
        public boolean isValid(BailDepositRequest request, ConstraintValidatorContext context) {
            if (request == null || request.age() == null || request.ageAtDecision() == null
                    || request.ageAtDecision() >= request.age()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("ageAtDecision").addConstraintViolation();
            return false;
        }
    }
}
