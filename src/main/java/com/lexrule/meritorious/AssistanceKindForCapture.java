package com.lexrule.meritorious;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A claim of assisted capture must say how the subject helped: SPC-2010 part 五 counts some ways and not others
 * (only the accomplice's basic information), so the claim cannot be weighed without it. Reported on the field
 * {@code assistanceKind}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AssistanceKindForCapture.Check.class)
public @interface AssistanceKindForCapture {
    String message() default "协助抓捕（ASSISTED_CAPTURE）须写明协助方式 (required when claimType is ASSISTED_CAPTURE)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<AssistanceKindForCapture, MeritoriousRequest> {
        @Override
        public boolean isValid(MeritoriousRequest request, ConstraintValidatorContext context) {
            if (request == null || !MeritClaim.ASSISTED_CAPTURE.equals(request.claimType())
                    || (request.assistanceKind() != null && !request.assistanceKind().isBlank())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("assistanceKind").addConstraintViolation();
            return false;
        }
    }
}
