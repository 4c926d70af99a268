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

import org.junit.jupiter.api.AfterEach;
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
import com.lexrule.support.Api;
import com.lexrule.support.Lifecycle;

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

    @TestHTTPResource("/")
    URL base;

    private WebDriver browser;
    private WebDriverWait wait;
    private Path profile;

    @BeforeEach
    void openBrowser() throws IOException {
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

    @AfterEach
    void closeBrowser() throws IOException {
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
        page("01-my-roles");

        open("/console/policies");
        assertThat(browser.getPageSource()).contains("arrest", "现行");
        page("02-policies");
        open("/console/policies/arrest/versions/1");
        page("03-version-files");

        // E14: the points of LIVES_ON_CRIME_PROCEEDS (以犯罪所得为主要生活来源), 20 in the baseline.
        int before = Lifecycle.versionInForce();
        open("/console/tables/arrest/danger-points.xlsx");
        assertThat(browser.findElements(By.id("cell-B8"))).as("header rows are locked, not inputs").isEmpty();
        WebElement points = browser.findElement(By.id("cell-E14"));
        String was = points.getAttribute("value");
        String now = Integer.toString(Integer.parseInt(was) + 5);
        points.click();
        points.sendKeys(Keys.chord(Keys.CONTROL, "a"), "二十五");
        wait.until(ExpectedConditions.attributeToBe(By.id("cell-E14"), "aria-invalid", "true"));
        assertThat(browser.findElement(By.id("err-E14")).getText()).contains("数值");
        assertThat(browser.findElement(By.name("save")).isEnabled()).isFalse();
        page("04-grid-refused");
        points.sendKeys(Keys.chord(Keys.CONTROL, "a"), now);
        wait.until(d -> d.findElement(By.id("cell-E14")).getAttribute("aria-invalid") == null);
        wait.until(ExpectedConditions.elementToBeClickable(By.name("save")));
        browser.findElement(By.id("note")).sendKeys("以犯罪所得为主要生活来源分值由" + was + "调整为" + now);
        page("05-grid-fixed");
        browser.findElement(By.name("save")).click();

        wait.until(ExpectedConditions.urlMatches("/console/drafts/arrest/\\d+$"));
        String draftUrl = browser.getCurrentUrl();
        long draftId = Long.parseLong(draftUrl.substring(draftUrl.lastIndexOf('/') + 1));
        assertThat(browser.findElement(By.id("draft-status")).getText()).isEqualTo("VALID");
        assertThat(browser.findElement(By.id("drafted-by")).getText()).isEqualTo("officer");
        assertThat(browser.getPageSource()).contains("ARR-SCORE-LIVES_ON_CRIME_PROCEEDS", was, now);
        page("06-draft");

        browser.findElement(By.id("run-scenarios")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("scenario-result")));
        assertThat(browser.findElement(By.id("scenario-result")).getText()).contains("通过").doesNotContain("未通过");
        page("07-scenarios");
        browser.findElement(By.id("run-backtest")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("backtest-result")));
        assertThat(browser.findElement(By.id("backtest-result")).getText()).contains("重放");
        WebElement chart = browser.findElement(By.cssSelector("#chart-grades svg"));
        assertThat(chart.findElements(By.tagName("rect"))).as("a bar per transition, unchanged ones included").isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#chart-rules svg")).getAttribute("aria-label")).contains("规则");
        page("08-backtest");

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
        page("10-approval");
        browser.findElement(By.id("approve")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.ok")));
        String published = browser.findElement(By.cssSelector("p.ok")).getText();
        assertThat(published).contains("已批准并发布为 v");
        int version = Integer.parseInt(published.replaceAll(".*发布为 v(\\d+).*", "$1"));
        assertThat(browser.findElement(By.id("draft-status")).getText()).isEqualTo("APPROVED");

        open("/console/simulate");
        new Select(browser.findElement(By.id("f-evidenceOfCrime"))).selectByValue("true");
        new Select(browser.findElement(By.id("f-expectedSentence"))).selectByValue("UP_TO_3_YEARS");
        new Select(browser.findElement(By.id("f-crimeType"))).selectByValue("FRAUD");
        browser.findElement(By.id("dangerIndicators-LIVES_ON_CRIME_PROCEEDS")).click();
        new Select(browser.findElement(By.id("target"))).selectByValue("v:" + before);
        browser.findElement(By.id("simulate")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.answer")));
        List<WebElement> answers = browser.findElements(By.cssSelector("section.answer"));
        page("11-simulator");
        assertThat(answers).hasSize(2);
        assertThat(answers.get(0).findElements(By.xpath(".//tr[td/code[text()='ARR-SCORE-LIVES_ON_CRIME_PROCEEDS']]")))
                .as(answers.get(0).getText()).isNotEmpty();
        String row = ".//tr[td/code[text()='ARR-SCORE-LIVES_ON_CRIME_PROCEEDS']]/td[4]";
        assertThat(answers.get(0).getText()).contains("现行版本 v" + version);
        assertThat(answers.get(0).findElement(By.xpath(row)).getText()).isEqualTo(now);
        assertThat(answers.get(1).getText()).contains("版本 v" + before);
        assertThat(answers.get(1).findElement(By.xpath(row)).getText()).isEqualTo(was);
        WebElement cell = answers.get(0).findElement(By.linkText("danger-points.xlsx!F14"));
        cell.click();
        wait.until(ExpectedConditions.urlContains("#cell-F14"));
        // the link leads to the grid at the cell's anchor; that the grid then shows and focuses the cell is not
        // checked (docs/console.md, known gap)
    }

    /** Audited arrest decisions for the back-test to replay, some with the edited factor. */
    private void recordDecisions() {
        for (int i = 0; i < 6; i++) {
            Map<String, Object> request = new java.util.HashMap<>(Map.of("caseId", "CONSOLE-" + i, "subjectId", "S" + i,
                    "stage", "ARREST_REVIEW", "crimeType", "FRAUD", "evidenceOfCrime", true, "expectedSentence", "UP_TO_3_YEARS",
                    "age", 30, "dangerIndicators", i % 2 == 0 ? List.of("LIVES_ON_CRIME_PROCEEDS", "THREATENED_NEW_CRIME")
                            : List.of("LIVES_ON_CRIME_PROCEEDS")));
            Api.post("case-system", "/api/v1/assessments/arrest", request).statusCode(200);
        }
    }

    private void login(String user) {
        open("/console/login");
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

    private void open(String path) {
        browser.get(base.toString().replaceAll("/$", "") + path);
    }

    /** Saves the page's screenshot, and checks it with axe-core and for its script weight. */
    private void page(String name) {
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
