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
@TemplateData(target = com.lexrule.audit.DecisionView.class)
@TemplateData(target = com.lexrule.review.OfficerDecision.class)
@TemplateData(target = com.lexrule.review.ObjectionOutcome.class)
@TemplateData(target = com.lexrule.assessment.Counterfactuals.Report.class)
@TemplateData(target = com.lexrule.assessment.Counterfactuals.Alternative.class)
@TemplateData(target = com.lexrule.assessment.Counterfactuals.Change.class)
@TemplateData(target = com.lexrule.review.AgreementStatistics.Rate.class)
@TemplateData(target = com.lexrule.review.AgreementStatistics.Reason.class)
@TemplateData(target = com.lexrule.review.AgreementStatistics.Agreement.class)
@TemplateData(target = com.lexrule.review.special.ReviewViews.Review.class)
@TemplateData(target = com.lexrule.review.special.ReviewViews.Progress.class)
@TemplateData(target = com.lexrule.review.special.ReviewViews.Source.class)
@TemplateData(target = com.lexrule.review.special.ReviewSummary.class)
@TemplateData(target = com.lexrule.review.special.ReviewSummary.Pair.class)
@TemplateData(target = com.lexrule.review.special.ReviewSummary.Group.class)
@TemplateData(target = com.lexrule.review.special.RowError.class)
@TemplateData(target = com.lexrule.review.special.ReviewForm.class)
final class TemplateTypes {
    private TemplateTypes() {
    }
}
