package com.lexrule.support;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The officers' workflow as REST calls: download what is in force, upload a draft, approve it. */
public final class Lifecycle {

    public static final String FAMILY = "arrest";
    public static final String POLICIES = "/api/v1/policies/" + FAMILY;
    public static final String POINTS = "decision-tables/danger-points.xlsx";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Lifecycle() {
    }

    /** One application for every lifecycle test: they publish versions, which the baseline tests must not see. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lexrule.policy.poll-interval", "1s");
        }
    }

    public static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user);
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    public static int versionInForce() {
        List<Map<String, Object>> versions = as("officer").get("/api/v1/policies").then().statusCode(200)
                .extract().jsonPath().getList("find { it.family == 'arrest' }.versions");
        return versions.stream().filter(v -> Boolean.TRUE.equals(v.get("inForce")))
                .map(v -> (Integer) v.get("version")).findFirst().orElseThrow();
    }

    public static byte[] download(int version, String name) {
        return as("officer").get(POLICIES + "/versions/" + version + "/files/" + name).then().statusCode(200)
                .extract().asByteArray();
    }

    public static byte[] pointsInForce() {
        return download(versionInForce(), POINTS);
    }

    /** Uploads files (name, bytes, name, bytes...) as a new draft. */
    public static ValidatableResponse upload(String user, Object... nameAndContent) {
        RequestSpecification request = as(user).contentType("multipart/form-data");
        for (int i = 0; i < nameAndContent.length; i += 2) {
            String name = (String) nameAndContent[i];
            request = request.multiPart("file", name, (byte[]) nameAndContent[i + 1],
                    name.endsWith(".xlsx") ? XLSX : name.endsWith(".json") ? "application/json" : "text/plain");
        }
        return request.post(POLICIES + "/drafts").then();
    }

    public static ValidatableResponse approve(String user, long draft, String note) {
        return as(user).contentType(ContentType.JSON)
                .body(Map.of("effectiveFrom", today().toString(), "changeNote", note))
                .post(POLICIES + "/drafts/" + draft + "/approve").then();
    }

    /** A draft that changes the points of one generic row of the points table by {@code delta}; returns its id. */
    public static long draftChangingPoints(String user, String code, int delta) {
        byte[] points = pointsInForce();
        String cell = "E" + rowOf(points, code);
        double now = pointsAt(points, cell);
        byte[] changed = Workbooks.setNumber(points, 0, cell, now + delta);
        return upload(user, "danger-points.xlsx", changed).statusCode(201).extract().jsonPath().getLong("id");
    }

    public static double pointsAt(byte[] points, String cell) {
        double[] value = {0};
        Workbooks.edit(points, wb -> {
            var ref = new org.apache.poi.ss.util.CellReference(cell);
            value[0] = wb.getSheetAt(0).getRow(ref.getRow()).getCell(ref.getCol()).getNumericCellValue();
        });
        return value[0];
    }

    /** The one-based row of a factor's generic row (no crime type) in the points table. */
    public static int rowOf(byte[] points, String code) {
        int[] found = {-1};
        Workbooks.edit(points, wb -> {
            DataFormatter f = new DataFormatter();
            for (Row row : wb.getSheetAt(0)) {
                if (row.getCell(1) != null && code.equals(f.formatCellValue(row.getCell(1)))
                        && (row.getCell(2) == null || f.formatCellValue(row.getCell(2)).isEmpty())) {
                    found[0] = row.getRowNum() + 1;
                    return;
                }
            }
        });
        if (found[0] < 0) throw new IllegalArgumentException(code);
        return found[0];
    }
}
