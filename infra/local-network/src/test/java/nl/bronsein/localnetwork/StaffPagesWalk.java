package nl.bronsein.localnetwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import nl.bronsein.localnetwork.Participants.Participant;

/**
 * The staff pages in a real browser (headless Chromium) against a running local network, as {@code ./network} starts
 * it: the launcher's identity provider, broker and three node processes ({@link LocalNetworkLaunchIT} walks it on its
 * network, so the suite starts one network fewer). Each member of staff signs in at the identity provider with the
 * launcher's development user for their role, in a browser of their own. The GP's assistant records a referral (first
 * with mistakes, shown at the fields), the wijkteam member sees its case appear in the worklist and picks it up, the
 * intake officer decides and assigns, the provider's planner sees the assignment appear, accepts it and starts care —
 * while the assistant's referral page, never reloaded, shows each milestone arrive. A role without a task does not see
 * its action. axe-core checks every page against WCAG 2.1 AA (serious or critical violations fail the walk), and every
 * page's screenshot, on a laptop's screen and a tablet's, is written to {@code target/screenshots}. The browsers keep
 * nothing in their storage and see no personal data in any address. The network may hold other records (the demo's):
 * the walk follows its own referral's case.
 */
final class StaffPagesWalk {

    /**
     * What the walk finds its own rows by, in lists that may hold others: the municipality's case of a referral and the
     * provider's assignment of a case, each once it exists (read through the staff APIs).
     */
    interface Records {
        String caseOf(String referralId) throws Exception;

        String assignmentOf(String caseId) throws Exception;
    }

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path SCREENSHOTS = TARGET.resolve("screenshots");
    /** A notification's way: relay, broker, inbox, pull; the pages poll every 3 s. */
    private static final Duration LIVE = Duration.ofSeconds(30);
    private static final String BSN = "999993653";
    private static final String CITIZEN = "Fenna Brouwer";

    private final List<String> violations = new ArrayList<>();
    private final List<String> addresses = new ArrayList<>();

    private final IdentityProviderProcess.Credentials credentials;
    private final String gp;
    private final String municipality;
    private final String provider;
    private final Records records;

    StaffPagesWalk(IdentityProviderProcess.Credentials credentials, String gp, String municipality, String provider,
                   Records records) {
        this.credentials = credentials;
        this.gp = gp;
        this.municipality = municipality;
        this.provider = provider;
        this.records = records;
    }

    /** Staff follow a referral from the GP to care started, each in their own browser. */
    void walk() throws Exception {
        try (StaffBrowser admin = signIn("gemeente-beheer", municipality, user(credentials, Participants.MUNICIPALITY, "NODE_ADMIN"), 1366, 768);
             StaffBrowser assistant = signIn("assistent", gp, user(credentials, Participants.GP, "PRACTICE_ASSISTANT"), 1366, 768);
             StaffBrowser wijkteam = signIn("wijkteam", municipality, user(credentials, Participants.MUNICIPALITY, "WIJKTEAM_MEMBER"), 1366, 768);
             StaffBrowser intake = signIn("intake", municipality, user(credentials, Participants.MUNICIPALITY, "INTAKE_OFFICER"), 768, 1024);
             StaffBrowser planner = signIn("planner", provider, user(credentials, Participants.PROVIDER, "PROVIDER_PLANNER"), 768, 1024)) {

            // the municipality's wijkteam publishes the contact point a GP will be given to call
            admin.open(municipality + "/app/contactpunten");
            check(admin, "contactpunten");
            admin.find(By.id("cp-name")).sendKeys("Wijkteam Zwolle-Zuid");
            admin.find(By.id("cp-phone")).sendKeys("038-4981234");
            admin.find(By.cssSelector("form[action$='/app/contactpunten'] button[type=submit]")).click();
            assertThat(admin.find(By.cssSelector(".notice")).getText()).contains("gepubliceerd");

            // the GP's assistant: the referral form, first with mistakes, then right
            assistant.open(gp + "/app/verwijzingen");
            check(assistant, "verwijzingen");
            assistant.find(By.id("nieuwe-verwijzing")).click();
            check(assistant, "verwijzing-nieuw");
            assistant.find(By.id("verwijzing-opslaan")).click();
            // waited for: the click returns before the answer to the post is on screen (a failure, 2026-12-06)
            assistant.find(By.cssSelector(".field-error"));
            assertThat(assistant.all(By.cssSelector(".field-error"))).as("errors shown at the fields").isNotEmpty();
            assertThat(assistant.find(By.name("citizen.bsn")).getAttribute("aria-invalid")).isEqualTo("true");
            check(assistant, "verwijzing-fouten");
            fillReferral(assistant);
            assistant.find(By.id("verwijzing-opslaan")).click();
            assistant.find(By.id("tijdlijn"));
            check(assistant, "verwijzing");
            assertThat(assistant.all(By.id("intrekken"))).as("only a GP withdraws a referral").isEmpty();
            // this page stays open and is never reloaded: a marker in the window would not survive a reload
            ((JavascriptExecutor) assistant.driver()).executeScript("window.bronseinNotReloaded = true;");
            String referralPage = assistant.driver().getCurrentUrl();
            String referralId = referralPage.substring(referralPage.lastIndexOf('/') + 1);

            // the wijkteam member sees this referral's case appear in the open worklist (beside the demo's), and picks it up
            wijkteam.open(municipality + "/app/werklijst");
            String caseId = records.caseOf(referralId);
            WebElement row = wijkteam.await(By.cssSelector("#werklijst tr[data-case='" + caseId + "']"), LIVE);
            check(wijkteam, "werklijst");
            row.findElement(By.cssSelector("a")).click();
            check(wijkteam, "casus-nieuw");
            assertThat(wijkteam.all(By.id("besluit-form"))).as("deciding is the intake officer's task").isEmpty();
            assertThat(wijkteam.all(By.id("toewijzen-form"))).isEmpty();
            new Select(wijkteam.find(By.id("contactpunt"))).selectByVisibleText("Wijkteam Zwolle-Zuid");
            wijkteam.find(By.id("oppakken")).click();
            String caseUrl = wijkteam.driver().getCurrentUrl();
            milestone(assistant, "PICKED_UP");

            // the intake officer decides and assigns the provider
            intake.open(caseUrl);
            assertThat(intake.all(By.id("oppakken"))).isEmpty();
            check(intake, "casus-opgepakt");
            decide(intake);
            milestone(assistant, "INDICATION_GRANTED");
            new Select(intake.find(By.id("aanbieder"))).selectByVisibleText(Participants.PROVIDER.name());
            intake.find(By.id("toewijzen-opslaan")).click();
            check(intake, "casus-toegewezen");
            milestone(assistant, "PROVIDER_ASSIGNED");

            // the provider's planner sees the assignment appear, accepts it and starts care
            planner.open(provider + "/app/opdrachten");
            WebElement offered = planner.await(By.cssSelector("#opdrachten tr[data-assignment='"
                    + records.assignmentOf(caseId) + "']"), LIVE);
            check(planner, "opdrachten");
            offered.findElement(By.cssSelector("a")).click();
            check(planner, "opdracht-aangeboden");
            assertThat(planner.all(By.id("zorg-starten"))).as("care starts after acceptance").isEmpty();
            planner.find(By.id("accepteren")).click();
            milestone(assistant, "ACCEPTED_BY_PROVIDER");
            planner.find(By.id("zorg-starten")).click();
            check(planner, "opdracht-zorg-gestart");
            milestone(assistant, "CARE_STARTED");

            assertThat(((JavascriptExecutor) assistant.driver()).executeScript("return window.bronseinNotReloaded === true;"))
                    .as("every milestone arrived on the open page without a reload").isEqualTo(true);
            check(assistant, "verwijzing-zorg-gestart");

            for (StaffBrowser browser : List.of(admin, assistant, wijkteam, intake, planner)) {
                nothingKept(browser);
            }

            // signing out ends the session at the identity provider too: the desk's next person is asked for a password
            assistant.find(By.cssSelector("form.signout button[type=submit]")).click();
            assistant.find(By.id("password"));
            assistant.open(gp + "/app/verwijzingen");
            assertThat(assistant.find(By.id("username")).isDisplayed()).as("signed out, asked to sign in again").isTrue();
        }
        everyRoleSignsInAndSeesItsOwnTasks(credentials, gp, municipality, provider);
        assertThat(violations).as("serious or critical accessibility violations").isEmpty();
        assertThat(addresses).as("every address a browser was on").isNotEmpty()
                .noneMatch(address -> address.contains(BSN) || address.contains("Brouwer") || address.contains("Fenna"));
    }

    /**
     * Every development user of every node signs in (one browser, its cookies cleared between them, as a shared desk's
     * browser after signing out) and sees the menu entries of their role's tasks and no other; a page outside them is
     * refused with a page that says so.
     */
    private void everyRoleSignsInAndSeesItsOwnTasks(IdentityProviderProcess.Credentials credentials, String gp,
                                                    String municipality, String provider) {
        java.util.Map<Participant, String> nodes = java.util.Map.of(Participants.GP, gp, Participants.MUNICIPALITY,
                municipality, Participants.PROVIDER, provider);
        // a user holds only their own node's roles, so the desk's roles per node read as one list
        java.util.Map<String, List<String>> tasks = java.util.Map.of("Verwijzingen", List.of("GP", "PRACTICE_ASSISTANT"),
                "Werklijst", List.of("INTAKE_OFFICER", "WIJKTEAM_MEMBER"), "Opdrachten", List.of("PROVIDER_PLANNER"),
                "Verwerkingslog", List.of("PRIVACY_OFFICER"),
                "Inzage voor een burger", List.of("GP", "PRACTICE_ASSISTANT", "INTAKE_OFFICER"));
        try (StaffBrowser browser = new StaffBrowser("rollen", SCREENSHOTS, 1366, 768)) {
            for (Participant participant : Participants.ALL) {
                for (IdentityProviderProcess.User user : credentials.users(participant)) {
                    browser.open(nodes.get(participant) + "/app/afgemeld");
                    browser.driver().manage().deleteAllCookies();
                    // the start page is the same page for each of them: checked once per node, when the main flow signed in
                    signInWith(browser, nodes.get(participant), user, null);
                    List<String> menu = browser.all(By.cssSelector("nav[aria-label='Hoofdmenu'] a")).stream()
                            .map(WebElement::getText).toList();
                    tasks.forEach((entry, roles) -> assertThat(menu.contains(entry)).as("%s sees %s", user.username(), entry)
                            .isEqualTo(user.roles().stream().anyMatch(roles::contains)));
                    assertThat(menu).as(user.username()).contains("Contactpunten en deelnemers");
                }
            }
            // a privacy officer reads the processing log, not referrals
            browser.open(gp + "/app/afgemeld");
            browser.driver().manage().deleteAllCookies();
            signInWith(browser, gp, user(credentials, Participants.GP, "PRIVACY_OFFICER"), null);
            browser.open(gp + "/app/verwijzingen");
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Geen toegang");
            check(browser, "geen-toegang");
            // ... and finds the practice's processing of the citizen, by the BSN posted, not put in the address
            browser.open(gp + "/app/verwerkingslog");
            type(browser, "bsn", BSN);
            browser.find(By.id("log-zoeken")).click();
            // the answer's heading first: read at once, the rows were the form's, before the answer was on screen (a CI run)
            browser.find(By.id("gevonden"));
            assertThat(browser.all(By.cssSelector("#log-records tbody tr"))).as("the practice's records of the citizen")
                    .isNotEmpty();
            check(browser, "verwerkingslog");

            // the municipality's desk shows the citizen who accessed their data across the network
            browser.open(municipality + "/app/afgemeld");
            browser.driver().manage().deleteAllCookies();
            signInWith(browser, municipality, user(credentials, Participants.MUNICIPALITY, "INTAKE_OFFICER"), null);
            browser.open(municipality + "/app/inzage");
            type(browser, "bsn", BSN);
            browser.find(By.id("inzage-opvragen")).click();
            String report = browser.find(By.id("inzage-overzicht")).getText();
            assertThat(report).as("the municipality's pull of the GP's referral, in words")
                    .contains("Gemeente", "uw verwijzing door de huisarts", "ingezien");
            check(browser, "inzage");
        }
    }

    private StaffBrowser signIn(String who, String node, IdentityProviderProcess.User user, int width, int height) {
        StaffBrowser browser = new StaffBrowser(who, SCREENSHOTS, width, height);
        signInWith(browser, node, user, "start");
        return browser;
    }

    private void signInWith(StaffBrowser browser, String node, IdentityProviderProcess.User user, String page) {
        browser.open(node + "/app/");
        browser.find(By.id("username")).sendKeys(user.username());
        browser.find(By.id("password")).sendKeys(user.password());
        browser.find(By.cssSelector("button[type=submit]")).click();
        // back at the node, signed in: the start page greets them by name
        assertThat(browser.find(By.tagName("h1")).getText()).contains("Welkom");
        assertThat(browser.driver().getCurrentUrl()).startsWith(node + "/app/");
        if (page != null) {
            check(browser, page);
        }
    }

    private static IdentityProviderProcess.User user(IdentityProviderProcess.Credentials credentials,
                                                     Participant participant, String role) {
        return credentials.users(participant).stream().filter(u -> u.roles().contains(role)).findFirst()
                .orElseThrow(() -> new AssertionError("no development user for " + role + " at " + participant.stem()));
    }

    private void fillReferral(StaffBrowser browser) {
        type(browser, "citizen.bsn", BSN);
        type(browser, "citizen.name", CITIZEN);
        type(browser, "citizen.birthDate", "1948-03-12");
        type(browser, "citizen.address.street", "Thorbeckegracht");
        type(browser, "citizen.address.houseNumber", "12");
        type(browser, "citizen.address.postalCode", "8011 VM");
        type(browser, "citizen.address.city", "Zwolle");
        type(browser, "requestedSupport", "Hulp bij het huishouden en begeleiding na ziekenhuisopname");
        type(browser, "problemAnalysis", "Woont alleen, redt het huishouden niet meer, netwerk klein.");
        // consent given an hour ago, as the practice's clock reads it
        type(browser, "consent.givenAt", java.time.LocalDateTime.now(java.time.ZoneId.of("Europe/Amsterdam")).minusHours(1)
                .withSecond(0).withNano(0).toString());
        new Select(browser.find(By.name("consent.form"))).selectByVisibleText("mondeling");
        type(browser, "contactPoint.name", "Huisartsenpraktijk De Linde, assistentie");
        type(browser, "contactPoint.phone", "038-4212121");
        for (WebElement purpose : browser.all(By.cssSelector("input[type=checkbox][name^='consent']"))) {
            if (!purpose.isSelected()) {
                purpose.click();
            }
        }
        new Select(browser.find(By.id("adressaat"))).selectByVisibleText(Participants.MUNICIPALITY.name());
    }

    private static void type(StaffBrowser browser, String name, String value) {
        WebElement field = browser.find(By.name(name));
        field.clear();
        if (List.of("date", "datetime-local").contains(field.getAttribute("type"))) {
            // a date input takes what the keyboard types in the browser's locale; set the ISO value it submits
            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];", field, value);
        } else {
            field.sendKeys(value);
        }
    }

    private void decide(StaffBrowser intake) {
        intake.find(By.id("uitkomst-toegekend")).click();
        intake.find(By.id("productcategorie")).sendKeys("Hulp bij het huishouden");
        intake.find(By.id("besluit-opslaan")).click();
    }

    /** The milestone arrives on the assistant's open page, which polls; nothing reloads it. */
    private void milestone(StaffBrowser assistant, String milestone) {
        assistant.await(By.cssSelector("#tijdlijn li[data-milestone='" + milestone + "'].reached"), LIVE);
    }

    private void check(StaffBrowser browser, String page) {
        addresses.add(browser.driver().getCurrentUrl());
        violations.addAll(browser.check(page));
    }

    /**
     * The session cookie is all a browser keeps: HttpOnly, nothing in the page's storage (htmx's history cache kept whole
     * pages, the citizen's data with them, in localStorage until it was switched off).
     */
    private static void nothingKept(StaffBrowser browser) {
        JavascriptExecutor script = (JavascriptExecutor) browser.driver();
        assertThat(script.executeScript("return Object.keys(window.localStorage);"))
                .as("what the browser keeps beyond the session").asList().isEmpty();
        // htmx keeps the page's path for the tab's history (ids only), and nothing else
        assertThat(script.executeScript("return Object.keys(window.sessionStorage);")).asList()
                .isSubsetOf("htmx-current-path-for-history");
        Object path = script.executeScript("return window.sessionStorage.getItem('htmx-current-path-for-history');");
        assertThat(String.valueOf(path)).doesNotContain(BSN, "Brouwer", "Fenna");
        for (Cookie cookie : browser.driver().manage().getCookies()) {
            assertThat(cookie.isHttpOnly()).as(cookie.getName()).isTrue();
            if (cookie.getName().startsWith("BRONSEIN_STAFF_")) {
                assertThat(cookie.getSameSite()).as(cookie.getName()).isEqualTo("Lax");
            }
        }
    }
}
