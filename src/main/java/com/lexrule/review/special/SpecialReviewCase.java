package com.lexrule.review.special;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One re-assessed case of a special review (written in batches by {@link ReviewWorker}, read here). Its
 * outcome is AGREE or DISAGREE with the recognised value, INVALID when a cell could not be used, FAILED when the
 * evaluation itself failed.
 */
@Entity
@Table(name = "special_review_case")
public class SpecialReviewCase extends PanacheEntityBase {

    public enum Outcome { AGREE, DISAGREE, INVALID, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "review_id")
    public String reviewId;
    @Column(name = "sheet_row")
    public int sheetRow;
    @Column(name = "case_id")
    public String caseId;
    @Column(name = "subject_id")
    public String subjectId;
    @Column(name = "crime_type")
    public String crimeType;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Outcome outcome;
    public String recognised;
    @Column(name = "service_value")
    public String serviceValue;
    @Column(name = "deciding_rule")
    public String decidingRule;
    @Column(name = "request_json")
    public String requestJson;
    @Column(name = "answer_json")
    public String answerJson;
    @Column(name = "errors_json")
    public String errorsJson;
    @Column(name = "assessed_at")
    public Instant assessedAt;
}
