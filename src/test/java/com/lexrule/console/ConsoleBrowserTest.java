package com.lexrule.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.lexrule.events.Receiver;
import com.lexrule.support.Api;
import com.lexrule.support.Lifecycle;
import com.lexrule.support.Workbooks;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The console in a real browser (Debian's headless Chromium through Selenium), against the running service: an
 * officer edits a points cell, sees a wrong value refused at its cell, saves the draft, runs the scenarios and the
 * back-test and sees the chart; the officer cannot approve; an approver approves; the simulator then answers from
 * the new version. Every page is checked with axe-core (no serious or critical violation), its script weight is
 * measured, and a screenshot of it is saved to target/screenshots/.
 */
@QuarkusTest
@TestProfile(Lifecycle.Profile.class)
class ConsoleBrowserTest {

    private static final Path SHOTS = Path.of("target/screenshots");
    private static final long MAX_SCRIPT_BYTES = 300 * 1024;
    // A first view (a GET of the page) is parsed with its script within a second of the navigation's start.
    private static final long FIRST_VIEW_MS = 1000;
    // The result of a form's POST (a login, a save, a scenario run, an evaluation): the action's work is in the timing.
    private static final String AFTER_POST = "the page answers a POST";
    /** Each page's navigation timing: DOMContentLoaded and load end (ms from the navigation's start), the slowest seen. */
    private static final Map<String, long[]> VIEWS = new java.util.TreeMap<>();

    @TestHTTPResource("/")
    URL base;

    // One browser for every test of the class: starting Chromium costs seconds, a test's cookies are cleared instead.
    private static WebDriver browser;
    private static WebDriverWait wait;
    private static Path profile;

    @BeforeAll
    static void openBrowser() throws IOException {
        Files.createDirectories(SHOTS);
        profile = Files.createTempDirectory("lexrule-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,1000", "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @BeforeEach
    void signedOut() {
        browser.manage().deleteAllCookies();
    }

    @AfterAll
    static void closeBrowser() throws IOException {
        // the measured views, for docs/console.md's speed line
        StringBuilder report = new StringBuilder("page\tDOMContentLoaded ms\tload ms\n");
        VIEWS.forEach((name, t) -> report.append(name).append('\t').append(t[0]).append('\t').append(t[1]).append('\n'));
        Files.writeString(SHOTS.resolve("first-views.tsv"), report);
        System.out.println("Console views (navigation timing):\n" + report);
        if (browser != null) browser.quit();
        if (profile != null) {
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void an_officer_edits_a_points_cell_tests_the_draft_and_an_approver_publishes_it() {
        recordDecisions();

        login("officer");
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("officer");
        assertThat(browser.getPageSource()).contains("法务人员");
        page("01-my-roles", AFTER_POST);

        open("/console/policies");
        assertThat(browser.getPageSource()).contains("arrest", "现行");
        page("02-policies");
        open("/console/policies/arrest/versions/1");
        page("03-version-files");

        // E14: the points of LIVES_ON_CRIME_PROCEEDS (以犯罪所得为主要生活来源), 20 in the baseline.
        int before = Lifecycle.versionInForce();
        open("/console/tables/arrest/danger-points.xlsx");
        assertThat(browser.findElements(By.id("cell-B8"))).as("header rows are locked, not inputs").isEmpty();
        String was = browser.findElement(By.id("cell-E14")).getAttribute("value");
        String now = Integer.toString(Integer.parseInt(was) + 5);
        // by keyboard alone from a data cell: arrows and Enter move between cells, Tab and Shift+Tab through the inputs
        browser.findElement(By.id("cell-E13")).click();
        key(Keys.ARROW_DOWN, "cell-E14");
        key(Keys.ARROW_UP, "cell-E13");
        key(Keys.ENTER, "cell-E14");
        key(Keys.ARROW_LEFT, "cell-D14"); // the moved-to cell's text is selected: the caret is at its start
        key(Keys.ARROW_RIGHT, "cell-E14"); // D14 is empty: its caret is at its end
        key(Keys.chord(Keys.SHIFT, Keys.TAB), "cell-D14");
        key(Keys.TAB, "cell-E14");
        browser.switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, "a"), "二十五");
        WebElement points = browser.findElement(By.id("cell-E14"));
        assertThat(points.getAttribute("value")).as("typed into the focused cell").isEqualTo("二十五");
        wait.until(ExpectedConditions.attributeToBe(By.id("cell-E14"), "aria-invalid", "true"));
        assertThat(browser.findElement(By.id("err-E14")).getText()).contains("数值");
        assertThat(browser.findElement(By.name("save")).isEnabled()).isFalse();
        page("04-grid-refused");
        // The server checks again on save: the form posted anyway (as without the script) comes back with the
        // server's problem list, linked to the cell, and the refused value marked at its cell, nothing typed lost.
        ((JavascriptExecutor) browser).executeScript("document.querySelector('form[data-validate]').submit();");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("problems-title")));
        WebElement problems = browser.findElement(By.xpath("//section[h2[@id='problems-title']]"));
        assertThat(problems.findElement(By.cssSelector("a[href$='#cell-E14']")).getText()).endsWith("!E14");
        assertThat(problems.getText()).contains("数值");
        points = browser.findElement(By.id("cell-E14"));
        assertThat(points.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(points.getAttribute("value")).isEqualTo("二十五");
        assertThat(browser.findElement(By.id("err-E14")).getText()).contains("数值");
        page("04b-grid-refused-by-server", AFTER_POST);
        points.sendKeys(Keys.chord(Keys.CONTROL, "a"), now);
        wait.until(d -> d.findElement(By.id("cell-E14")).getAttribute("aria-invalid") == null);
        wait.until(ExpectedConditions.elementToBeClickable(By.name("save")));
        browser.findElement(By.id("note")).sendKeys("以犯罪所得为主要生活来源分值由" + was + "调整为" + now);
        page("05-grid-fixed", AFTER_POST); // the grid as the refused save returned it
        browser.findElement(By.name("save")).click();

        wait.until(ExpectedConditions.urlMatches("/console/drafts/arrest/\\d+$"));
        String draftUrl = browser.getCurrentUrl();
        long draftId = Long.parseLong(draftUrl.substring(draftUrl.lastIndexOf('/') + 1));
        assertThat(browser.findElement(By.id("draft-status")).getText()).isEqualTo("VALID");
        assertThat(browser.findElement(By.id("drafted-by")).getText()).isEqualTo("officer");
        assertThat(browser.getPageSource()).contains("ARR-SCORE-LIVES_ON_CRIME_PROCEEDS", was, now);
        page("06-draft", AFTER_POST);

        browser.findElement(By.id("run-scenarios")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("scenario-result")));
        assertThat(browser.findElement(By.id("scenario-result")).getText()).contains("通过").doesNotContain("未通过");
        page("07-scenarios", AFTER_POST);
        browser.findElement(By.id("run-backtest")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("backtest-result")));
        assertThat(browser.findElement(By.id("backtest-result")).getText()).contains("重放");
        WebElement chart = browser.findElement(By.cssSelector("#chart-grades svg"));
        assertThat(chart.findElements(By.tagName("rect"))).as("a bar per transition, unchanged ones included").isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#chart-rules svg")).getAttribute("aria-label")).contains("规则");
        page("08-backtest", AFTER_POST);

        open("/console/drafts");
        assertThat(browser.findElement(By.xpath("//tr[td/a[text()='#" + draftId + "']]")).getText())
                .contains("arrest", "v" + before, "可审批", "officer");
        page("08b-drafts");

        // The officer holds no approver role: no approval form, and the approvals are refused by the server.
        assertThat(browser.findElements(By.id("approve"))).isEmpty();
        open("/console/approvals");
        assertThat(browser.getPageSource()).contains("403");
        logout();

        login("approver");
        open("/console/approvals");
        assertThat(browser.getPageSource()).contains("#" + draftId);
        page("09-approvals");
        browser.findElement(By.linkText("#" + draftId)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("approve")));
        assertThat(browser.findElement(By.id("drafted-by")).getText()).isEqualTo("officer");
        assertThat(browser.findElements(By.id("scenario-result"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#chart-grades svg"))).isNotEmpty();
        // Its GET runs the scenarios and a back-test (DraftPages.approval); held to the first-view limit all the same,
        // which it meets over the few dozen audited decisions of the tests.
        page("10-approval");
        browser.findElement(By.id("approve")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.ok")));
        String published = browser.findElement(By.cssSelector("p.ok")).getText();
        assertThat(published).contains("已批准并发布为 v");
        int version = Integer.parseInt(published.replaceAll(".*发布为 v(\\d+).*", "$1"));
        assertThat(browser.findElement(By.id("draft-status")).getText()).isEqualTo("APPROVED");

        // the two versions compared in legal terms: file, table, row key, column, old → new, cell
        open("/console/policies/arrest/diff?from=" + before + "&to=" + version);
        List<String> change = browser.findElements(By.xpath("//section[h2[@id='changes-title']]//tr[td[8][text()='E14']]/td"))
                .stream().map(WebElement::getText).toList();
        assertThat(change).as("the change at E14").hasSize(8);
        assertThat(change.get(0)).contains("danger-points.xlsx");
        assertThat(change.get(1)).as("table").contains("社会危险性分值");
        assertThat(change.get(3)).as("row key").contains("LIVES_ON_CRIME_PROCEEDS");
        assertThat(change.get(4)).as("column").contains("分值");
        assertThat(change.subList(5, 7)).as("old → new").containsExactly(was, now);
        page("10b-policy-diff");

        open("/console/simulate");
        new Select(browser.findElement(By.id("f-evidenceOfCrime"))).selectByValue("true");
        new Select(browser.findElement(By.id("f-expectedSentence"))).selectByValue("UP_TO_3_YEARS");
        new Select(browser.findElement(By.id("f-crimeType"))).selectByValue("FRAUD");
        browser.findElement(By.id("dangerIndicators-LIVES_ON_CRIME_PROCEEDS")).click();
        new Select(browser.findElement(By.id("target"))).selectByValue("v:" + before);
        browser.findElement(By.id("simulate")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.answer")));
        List<WebElement> answers = browser.findElements(By.cssSelector("section.answer"));
        page("11-simulator", AFTER_POST);
        assertThat(answers).hasSize(2);
        assertThat(answers.get(0).findElements(By.xpath(".//tr[td/code[text()='ARR-SCORE-LIVES_ON_CRIME_PROCEEDS']]")))
                .as(answers.get(0).getText()).isNotEmpty();
        String row = ".//tr[td/code[text()='ARR-SCORE-LIVES_ON_CRIME_PROCEEDS']]/td[4]";
        assertThat(answers.get(0).getText()).contains("现行版本 v" + version);
        assertThat(answers.get(0).findElement(By.xpath(row)).getText()).isEqualTo(now);
        assertThat(answers.get(1).getText()).contains("版本 v" + before);
        assertThat(answers.get(1).findElement(By.xpath(row)).getText()).isEqualTo(was);
        // the approver may not open the grid (the legal officers'): the cell is named, not linked
        assertThat(answers.get(0).findElements(By.linkText("danger-points.xlsx!F14"))).isEmpty();
        assertThat(answers.get(0).getText()).contains("danger-points.xlsx!F14");
        logout();

        // for the officer the simulator's finding links its table cell, and the grid opens focused on it
        login("officer");
        open("/console/simulate");
        new Select(browser.findElement(By.id("f-evidenceOfCrime"))).selectByValue("true");
        new Select(browser.findElement(By.id("f-expectedSentence"))).selectByValue("UP_TO_3_YEARS");
        new Select(browser.findElement(By.id("f-crimeType"))).selectByValue("FRAUD");
        browser.findElement(By.id("dangerIndicators-LIVES_ON_CRIME_PROCEEDS")).click();
        browser.findElement(By.id("simulate")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.answer")));
        browser.findElement(By.cssSelector("section.answer")).findElement(By.linkText("danger-points.xlsx!F14")).click();
        wait.until(ExpectedConditions.urlContains("#cell-F14"));
        // the grid's script focuses the linked cell: the rule id's cell of the row, the edited points beside it
        wait.withMessage(() -> "focused: " + browser.switchTo().activeElement().getAttribute("outerHTML") + " F14: "
                + browser.findElements(By.id("cell-F14")).stream().map(e -> e.getAttribute("outerHTML")).toList())
                .until(d -> "cell-F14".equals(d.switchTo().activeElement().getAttribute("id")));
        assertThat(browser.switchTo().activeElement().getAttribute("value")).isEqualTo("ARR-SCORE-LIVES_ON_CRIME_PROCEEDS");
        assertThat(browser.findElement(By.id("cell-E14")).getAttribute("value")).isEqualTo(now);
        page("12-grid-linked-cell");
    }

    /**
     * An auditor searches the audited decisions, opens one (facts, findings with their legal bases, the officer's
     * decision, the objection), reads what would change its outcome, and exports the search as CSV; reads the
     * agreement chart; runs a special review from an upload, follows its progress and reads its summary.
     */
    @Test
    void an_auditor_opens_a_decision_exports_a_search_and_follows_a_special_review() throws IOException {
        List<String> ids = recordDecisions("AUDIT-", 4);
        String first = ids.get(0);
        Api.as("officer").contentType("application/json").body(Map.of("taken", "BAIL", "officer", "P-0231", "reason", "有固定住处，可取保候审"))
                .put("/api/v1/decisions/" + first + "/officer-decision").then().statusCode(201);
        String recommended = Api.as("auditor").get("/api/v1/decisions/" + ids.get(1)).then().statusCode(200)
                .extract().path("decision.recommendation");
        Api.as("officer").contentType("application/json").body(Map.of("taken", recommended, "officer", "P-0231"))
                .put("/api/v1/decisions/" + ids.get(1) + "/officer-decision").then().statusCode(201);
        Api.as("officer").contentType("application/json").body(Map.of("objector", "辩护人 L-1", "objectorRole", "COUNSEL",
                "grounds", "以犯罪所得为主要生活来源的情节不实")).post("/api/v1/decisions/" + first + "/objections").then().statusCode(201);

        login("auditor");
        open("/console/decisions");
        new Select(browser.findElement(By.id("family"))).selectByValue("arrest");
        browser.findElement(By.id("caseId")).sendKeys("AUDIT-0");
        browser.findElement(By.id("search")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("1");
        page("13-decisions");

        browser.findElement(By.cssSelector("#results a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("findings")));
        assertThat(browser.findElement(By.id("case-id")).getText()).isEqualTo("AUDIT-0");
        WebElement finding = browser.findElement(By.xpath("//table[@id='findings']//tr[td/code[text()='ARR-SCORE-LIVES_ON_CRIME_PROCEEDS']]"));
        assertThat(finding.findElement(By.xpath("td[3]")).getText()).as("the legal basis").isNotBlank();
        assertThat(browser.findElement(By.id("officer-decisions")).getText()).contains("BAIL", "P-0231", "有固定住处");
        assertThat(browser.getPageSource()).contains("以犯罪所得为主要生活来源的情节不实");
        assertThat(browser.findElements(By.id("officer-form"))).as("auditors read, legal officers record").isEmpty();
        page("14-decision");

        browser.findElement(By.id("counterfactuals")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cf-title")));
        assertThat(browser.getPageSource()).contains("反事实分析");
        assertThat(browser.findElements(By.cssSelector("#alternatives li"))).as("what would change the outcome").isNotEmpty();
        page("15-counterfactuals");

        // the export of the search the auditor made: the same decisions, as the browser downloads them
        open("/console/decisions?family=arrest&caseId=AUDIT-0");
        String href = browser.findElement(By.id("export")).getAttribute("href");
        assertThat(href).contains("/console/decisions/export?", "caseId=AUDIT-0", "family=arrest");
        @SuppressWarnings("unchecked")
        Map<String, Object> csv = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], { credentials: 'same-origin' }).then(r => r.text().then(t => done({ status: r.status,"
                        + " type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'), body: t })));", href);
        assertThat(csv.get("status")).isEqualTo(200L);
        assertThat((String) csv.get("type")).startsWith("text/csv");
        assertThat((String) csv.get("disposition")).contains("attachment", ".csv");
        String[] lines = ((String) csv.get("body")).replace("\uFEFF", "").strip().split("\r?\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains(first, "AUDIT-0");

        open("/console/agreement?family=arrest");
        assertThat(browser.findElements(By.cssSelector("#chart-overall svg circle"))).as("a point for this month").isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#chart-overall svg circle title")).getAttribute("textContent")).contains("1 / 2");
        assertThat(browser.findElement(By.id("agreement-rate")).getText()).isEqualTo("50.0%");
        assertThat(browser.findElements(By.cssSelector("#chart-by-version svg path"))).isNotEmpty();
        page("16-agreement");

        open("/console/reviews");
        assertThat(browser.findElement(By.id("template-arrest")).getAttribute("href")).endsWith("/console/reviews/templates/arrest.xlsx");
        page("17-reviews");
        Path cases = Files.createTempFile("lexrule-review-", ".csv");
        StringBuilder rows = new StringBuilder("caseId,subjectId,crimeType,evidenceOfCrime,expectedSentence,age,dangerIndicators,recognised\n");
        for (int i = 0; i < 40; i++) {
            rows.append("SR-BROWSER-").append(i).append(",S-").append(i).append(",FRAUD,是,UP_TO_3_YEARS,30,")
                    .append(i % 2 == 0 ? "\"LIVES_ON_CRIME_PROCEEDS, THREATENED_NEW_CRIME\"" : "").append(',')
                    .append(i % 3 == 0 ? "ARREST" : "BAIL").append('\n');
        }
        Files.writeString(cases, rows);
        try {
            new Select(browser.findElement(By.id("form"))).selectByValue("arrest");
            browser.findElement(By.id("file")).sendKeys(cases.toAbsolutePath().toString());
            browser.findElement(By.id("submit-review")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("review-progress")));
            assertThat(browser.findElement(By.id("review-progress")).getAttribute("max")).isEqualTo("40");
            // the script follows the progress and shows the summary once the review is done
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("by-rule")));
        } finally {
            Files.deleteIfExists(cases);
        }
        assertThat(browser.findElement(By.id("review-status")).getText()).isEqualTo("DONE");
        // what the page's script polls while a review runs
        @SuppressWarnings("unchecked")
        Map<String, Object> progress = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(location.pathname + '/progress', { credentials: 'same-origin', headers: { Accept: 'application/json' } })"
                        + ".then(r => r.json()).then(done);");
        assertThat(progress).containsEntry("status", "DONE").containsEntry("done", 40L).containsEntry("total", 40L);
        assertThat(browser.findElement(By.id("review-progress")).getAttribute("value")).isEqualTo("40");
        assertThat(browser.findElement(By.id("by-crime-type")).getText()).contains("FRAUD");
        assertThat(browser.findElement(By.id("by-rule")).findElements(By.tagName("tr"))).hasSizeGreaterThan(1);
        page("18-review");
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], { credentials: 'same-origin' }).then(r => r.arrayBuffer().then(b => done({ status: r.status,"
                        + " type: r.headers.get('content-type'), bytes: b.byteLength })));",
                browser.findElement(By.id("report")).getAttribute("href"));
        assertThat(report.get("status")).isEqualTo(200L);
        assertThat((String) report.get("type")).contains("spreadsheetml");
        assertThat((Long) report.get("bytes")).isGreaterThan(1000L);
        logout();

        // a legal officer opens the same decision to record on it: the officer's decision and the objection's outcome
        login("officer");
        open("/console/decisions/" + first);
        assertThat(browser.findElement(By.id("officer-form")).findElements(By.cssSelector("#taken option"))).hasSizeGreaterThan(1);
        WebElement objection = browser.findElement(By.cssSelector("article.objection"));
        assertThat(objection.getText()).contains("尚无处理结果");
        page("19-decision-officer");
        new Select(objection.findElement(By.cssSelector("select[name=outcome]"))).selectByValue("DISMISSED");
        objection.findElement(By.cssSelector("input[name=reason]")).sendKeys("经核实，以犯罪所得为主要生活来源的情节属实");
        objection.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.ok")));
        assertThat(browser.findElement(By.cssSelector("p.ok")).getText()).contains("已记录异议处理结果", "不成立");
        assertThat(browser.findElement(By.cssSelector("article.objection .objection-outcome")).getText()).isEqualTo("DISMISSED");
        assertThat(browser.findElements(By.cssSelector("article.objection form"))).as("a second outcome is not offered").isEmpty();
        page("20-decision-objection-decided", AFTER_POST);
    }

    /**
     * E2E 4: a table saved by openpyxl (which drops the empty covered cell C7 of the merged B7:C7), uploaded through
     * the console's upload form, compiles like the original workbook with the same edit.
     */
    @Test
    void an_officer_uploads_a_table_saved_by_openpyxl_and_it_compiles_like_the_original() throws Exception {
        byte[] published = Lifecycle.pointsInForce();
        double was = Lifecycle.pointsAt(published, "E14");
        String now = Integer.toString((int) was + 5);
        Path dir = Files.createTempDirectory("lexrule-browser-openpyxl-");
        try {
            Path upload = Files.write(dir.resolve("danger-points.xlsx"), SavedElsewhereTest.openpyxl(dir, published, now));
            assertThat(SavedElsewhereTest.coveredCellC7(Files.readAllBytes(upload))).as("openpyxl drops the covered cell").isFalse();
            // the original: the published workbook with the same edit, saved by POI as Excel keeps it, through the API
            byte[] original = Workbooks.edit(published, wb -> wb.getSheetAt(0).getRow(13).getCell(4).setCellValue(was + 5));
            long fromOriginal = SavedElsewhereTest.draft(Lifecycle.upload("officer", "danger-points.xlsx", original)
                    .statusCode(201).extract().jsonPath().getLong("id"));

            login("officer");
            open("/console/tables/arrest/danger-points.xlsx");
            browser.findElement(By.id("workbook")).sendKeys(upload.toAbsolutePath().toString());
            browser.findElement(By.id("upload-note")).sendKeys("openpyxl 保存的分值表");
            browser.findElement(By.cssSelector("form[action$='/upload'] button[type=submit]")).click();
            wait.until(ExpectedConditions.urlMatches("/console/drafts/arrest/\\d+$"));
            String url = browser.getCurrentUrl();
            long fromOpenpyxl = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
            assertThat(browser.findElement(By.id("draft-status")).getText()).isEqualTo("VALID");
            assertThat(browser.getPageSource()).contains("openpyxl 保存的分值表", "ARR-SCORE-LIVES_ON_CRIME_PROCEEDS", now);
            page("21-draft-uploaded-openpyxl", AFTER_POST);

            String drl = SavedElsewhereTest.rules(SavedElsewhereTest.draft(fromOpenpyxl));
            assertThat(drl).contains("setPoints(" + now + ")");
            assertThat(drl).as("compiled like the original").isEqualTo(SavedElsewhereTest.rules(fromOriginal));
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Two persons approve: an approver who drafted a draft (chief, legal officer and approver) is told so on the
     * approval page, offered no approval, and refused by the server when the approval is posted anyway.
     */
    @Test
    void an_approver_is_refused_the_approval_of_their_own_draft() {
        long id = Lifecycle.draftChangingPoints("chief", "DRUG_OR_GAMBLING_HABIT", 5);
        login("chief");
        open("/console/approvals");
        assertThat(browser.findElements(By.linkText("#" + id))).as("own drafts are not listed for approval").isEmpty();
        open("/console/approvals/arrest/" + id);
        assertThat(browser.findElement(By.id("drafted-by")).getText()).isEqualTo("chief");
        assertThat(browser.findElement(By.id("own-draft")).getText()).contains("本人起草", "另一名审批人");
        assertThat(browser.findElements(By.id("approve"))).isEmpty();
        assertThat(browser.findElements(By.id("reject"))).isEmpty();
        page("22-approval-own-draft");

        // the approval form the page withholds, posted as it would post it: refused by DraftApproval, not published
        ((JavascriptExecutor) browser).executeScript("const f = document.createElement('form');"
                + " f.method = 'post'; f.action = '/console/approvals/arrest/' + arguments[0] + '/approve';"
                + " const add = (n, v) => { const i = document.createElement('input'); i.type = 'hidden'; i.name = n; i.value = v; f.appendChild(i); };"
                + " add('csrf', document.querySelector('meta[name=\"csrf-token\"]').content); add('effectiveFrom', arguments[1]);"
                + " add('changeNote', '自己批准'); document.body.appendChild(f); f.submit();", id, Lifecycle.today().toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.error[role=alert]")));
        assertThat(browser.findElement(By.cssSelector("p.error[role=alert]")).getText()).contains("不得批准本人起草的草稿");
        page("23-approval-own-draft-refused", AFTER_POST);
        Lifecycle.as("approver").get(Lifecycle.POLICIES + "/drafts/" + id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("VALID"));
    }

    /** Audited arrest decisions for the back-test to replay, some with the edited factor. */
    @Test
    void an_admin_subscribes_a_case_system_sees_its_dead_letter_and_sends_it_again() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.answer.set(500);
            login("officer");
            assertThat(browser.findElements(By.linkText("结果推送"))).as("subscriptions are the admins'").isEmpty();
            logout();

            login("admin");
            open("/console/events");
            browser.findElement(By.id("name")).sendKeys("浏览器测试案管系统");
            browser.findElement(By.id("target")).sendKeys("not a url");
            browser.findElement(By.id("create-subscription")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.error")));
            assertThat(browser.findElement(By.cssSelector("p.error")).getText()).as("refused by the field").startsWith("target");
            assertThat(browser.findElement(By.id("name")).getAttribute("value")).as("nothing typed is lost").isEqualTo("浏览器测试案管系统");

            WebElement target = browser.findElement(By.id("target"));
            target.clear();
            target.sendKeys(receiver.url());
            browser.findElement(By.cssSelector("input[name=families][value=arrest]")).click();
            browser.findElement(By.id("create-subscription")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("secret")));
            assertThat(browser.findElement(By.id("secret")).getText()).as("the secret, shown this once").startsWith("whsec_");
            String subscription = browser.findElement(By.cssSelector("#subscription-title code")).getText();
            page("30-subscription-created", AFTER_POST);

            String decisionId = recordDecisions("EVENTS-", 1).get(0);
            // max-attempts is 3 in tests: three failures, then a dead letter the page shows
            receiver.await(r -> r.body().contains(decisionId), 3, Duration.ofSeconds(30));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            do {
                open("/console/events/" + subscription + "?status=DEAD");
            } while (browser.findElements(By.cssSelector("#deliveries tr[data-delivery]")).isEmpty() && System.nanoTime() < until
                    && sleep(200));
            WebElement dead = browser.findElement(By.cssSelector("#deliveries tr[data-delivery]"));
            assertThat(dead.findElement(By.cssSelector("td.status")).getText()).contains("DEAD");
            assertThat(dead.getText()).contains("500");
            assertThat(browser.findElement(By.id("count-dead")).getText()).isEqualTo("1");
            page("31-dead-letter");

            receiver.answer.set(204);
            dead.findElement(By.cssSelector("button.redeliver")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.ok")));
            assertThat(browser.findElement(By.cssSelector("p.ok")).getText()).contains("已重新排队投递");
            List<Receiver.Received> all = receiver.await(r -> r.body().contains(decisionId), 4, Duration.ofSeconds(30));
            assertThat(all).extracting(Receiver.Received::id).as("the same event, by its id").containsOnly(all.get(0).id());

            browser.findElement(By.id("toggle-active")).click();
            wait.until(ExpectedConditions.textToBe(By.id("state"), "已暂停"));

            open("/console/events");
            assertThat(browser.findElement(By.cssSelector("tr[data-subscription='" + subscription + "']")).getText())
                    .contains("浏览器测试案管系统", "已暂停");
            page("32-subscriptions");

            open("/console/events/" + subscription);
            browser.findElement(By.id("delete-subscription")).click();
            browser.switchTo().alert().accept();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.ok")));
            assertThat(browser.findElements(By.cssSelector("tr[data-subscription='" + subscription + "']"))).isEmpty();
            Api.as("admin").get("/api/v1/event-subscriptions/" + subscription).then().statusCode(404);
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void recordDecisions() {
        recordDecisions("CONSOLE-", 6);
    }

    private List<String> recordDecisions(String prefix, int n) {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> request = new java.util.HashMap<>(Map.of("caseId", prefix + i, "subjectId", "S" + i,
                    "stage", "ARREST_REVIEW", "crimeType", "FRAUD", "evidenceOfCrime", true, "expectedSentence", "UP_TO_3_YEARS",
                    "age", 30, "dangerIndicators", i % 2 == 0 ? List.of("LIVES_ON_CRIME_PROCEEDS", "THREATENED_NEW_CRIME")
                            : List.of("LIVES_ON_CRIME_PROCEEDS")));
            ids.add(Api.post("case-system", "/api/v1/assessments/arrest", request).statusCode(200).extract().path("decisionId"));
        }
        return ids;
    }

    private void login(String user) {
        open("/console/login");
        // the demo users are listed in the embedded profile only (lexrule.console.show-demo-users); tests run the test profile
        assertThat(browser.findElements(By.id("demo-title"))).as("no demo users outside the embedded profile").isEmpty();
        page("00-login");
        browser.findElement(By.id("j_username")).sendKeys(user);
        browser.findElement(By.id("j_password")).sendKeys(user);
        browser.findElement(By.cssSelector("form.login button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
    }

    private void logout() {
        open("/console");
        browser.findElement(By.cssSelector("form.logout button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("j_username")));
    }

    /** Presses a key in the focused element and checks where the focus went. */
    private void key(CharSequence key, String focused) {
        browser.switchTo().activeElement().sendKeys(key);
        new WebDriverWait(browser, Duration.ofSeconds(5)).withMessage(() -> key + " moved the focus to " + browser.switchTo().activeElement().getAttribute("id") + ", not " + focused)
                .until(d -> focused.equals(d.switchTo().activeElement().getAttribute("id")));
    }

    private void open(String path) {
        browser.get(base.toString().replaceAll("/$", "") + path);
    }

    /** A first view: the page as its GET shows it, held to the first-view limit. */
    private void page(String name) {
        page(name, null);
    }

    /**
     * Saves the page's screenshot, and checks it with axe-core, for its script weight and its navigation timing.
     * {@code notFirstView} says why a page is measured but not held to {@link #FIRST_VIEW_MS} (null: it is held).
     */
    private void page(String name, String notFirstView) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        // a click's navigation may still be loading when its element appears: wait for the load to end
        wait.until(d -> ((Number) js.executeScript("const n = performance.getEntriesByType('navigation')[0];"
                + " return n ? n.loadEventEnd : 0;")).doubleValue() > 0);
        @SuppressWarnings("unchecked")
        Map<String, Number> timing = (Map<String, Number>) js.executeScript("const n = performance.getEntriesByType('navigation')[0];"
                + " return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd };");
        long dcl = Math.round(timing.get("dcl").doubleValue());
        long load = Math.round(timing.get("load").doubleValue());
        VIEWS.merge(name + (notFirstView == null ? "" : " (after an action)"), new long[] {dcl, load},
                (a, b) -> a[0] >= b[0] ? a : b);
        if (notFirstView == null) {
            assertThat(dcl).as(name + ": first view's DOMContentLoaded after " + dcl + " ms (load " + load + " ms)")
                    .isLessThan(FIRST_VIEW_MS);
        }
        long scriptBytes = ((Number) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').filter(e => e.initiatorType === 'script')"
                        + ".reduce((n, e) => n + (e.decodedBodySize || 0), 0);")).longValue();
        assertThat(scriptBytes).as("script on " + name).isLessThan(MAX_SCRIPT_BYTES);
        Results results = new AxeBuilder().analyze(browser);
        List<Rule> serious = results.getViolations().stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact())).toList();
        assertThat(serious).as(name + ": " + serious.stream().map(v -> v.getId() + " " + v.getNodes().stream()
                .map(n -> String.valueOf(n.getTarget())).toList()).toList()).isEmpty();
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
