package com.lexrule.review.special;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One case of a review as read from the upload: the request it makes (null when a value could not be read), the
 * value the agency recognised, and every error found in its cells. A row with errors is kept and reported, never
 * dropped.
 */
record ParsedCase(int row, String caseId, String subjectId, String crimeType, String recognised, ObjectNode request,
                  List<RowError> errors, java.util.Map<String, Integer> columnIndex) {

    boolean valid() {
        return errors.isEmpty();
    }
}
