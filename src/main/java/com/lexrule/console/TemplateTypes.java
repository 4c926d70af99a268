package com.lexrule.console;

import io.quarkus.qute.TemplateData;

/**
 * The services' own records that the console's templates read, made readable to Qute (which resolves properties
 * by generated code, not reflection). The pages show the services' answers as they are, not copies of them.
 */
@TemplateData(target = com.lexrule.policy.PolicyVersion.class)
@TemplateData(target = com.lexrule.policy.table.PolicyProblem.class)
@TemplateData(target = com.lexrule.policy.lifecycle.PolicyDiff.Change.class)
@TemplateData(target = com.lexrule.policy.lifecycle.DraftService.DraftView.class)
@TemplateData(target = com.lexrule.policy.lifecycle.DraftService.Publication.class)
@TemplateData(target = com.lexrule.policy.lifecycle.ScenarioRunner.ScenarioReport.class)
@TemplateData(target = com.lexrule.policy.lifecycle.ScenarioRunner.ScenarioResult.class)
@TemplateData(target = com.lexrule.policy.lifecycle.ScenarioRunner.Difference.class)
@TemplateData(target = com.lexrule.policy.lifecycle.ScenarioRemoval.class)
@TemplateData(target = com.lexrule.policy.lifecycle.Backtester.Report.class)
@TemplateData(target = com.lexrule.policy.lifecycle.Backtester.RuleShift.class)
@TemplateData(target = com.lexrule.policy.lifecycle.Backtester.Example.class)
@TemplateData(target = com.lexrule.policy.lifecycle.Backtester.NotEvaluated.class)
@TemplateData(target = com.lexrule.policy.PolicyRef.class)
final class TemplateTypes {
    private TemplateTypes() {
    }
}
