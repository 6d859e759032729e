package dev.ordertracking;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the code, checked on every test run. A package depends only on packages below it
 * or beside it in its row, and never in a cycle:
 *
 * <pre>
 *   replay, devtools, localstack   development tooling
 *   tracking, console, support     what people use: the customer's page, the console, the support API
 *   publishing, notification,      the features; each hears of journey changes through its
 *   compensation, delay,           JourneyReaction, and a feature may use another one below it
 *   feedback, forecasting          (delay plans messages and coupons, forecasting opens delays)
 *   forecast                       the delivery forecast's model: learned durations, forecasts (pure)
 *   ingest                         Kafka in: stores events and journeys, calls the reactions
 *   journey                        the order's journey: facts, the fold, the types every feature shares
 *   outbox, platform               shared technical parts
 * </pre>
 *
 * A sub-package (notification.sms, notification.email, ...) counts as part of its feature. The
 * forecast's model ({@code forecast}) is domain like journey: no infrastructure, no feature; the
 * feature that stores, runs and shows it is {@code forecasting}.
 *
 * <p>A class's name ends in its role: {@code *Resource} or {@code *Webhook} (HTTP in), {@code *Consumer}
 * (Kafka in), {@code *Handler} (the ingest transaction), {@code *Reaction} (a feature hearing of a journey
 * change), {@code *Service} (a feature's use cases, called by the above), {@code *Store} (a table's SQL; the
 * only classes that run SQL), {@code *HealthCheck}, {@code *Settings} (configuration). Pure rules have no
 * suffix. The three background workers (NotificationDispatcher, DeadlineWatch, OutboxRelay) run on
 * platform.WorkerLoop.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.ordertracking";
    /** Every package above journey but ingest: the features, what people use, the tooling. */
    private static final String[] FEATURES = {
            ROOT + ".publishing..", ROOT + ".notification..", ROOT + ".compensation..", ROOT + ".delay..",
            ROOT + ".feedback..", ROOT + ".forecast..", ROOT + ".forecasting..", ROOT + ".support..",
            ROOT + ".tracking..",
            ROOT + ".console..", ROOT + ".replay..", ROOT + ".devtools..", ROOT + ".localstack.."};

    /** Development tooling, in src/dev/java and never packaged. */
    private static final String[] DEVELOPMENT_TOOLING = {
            ROOT + ".replay..", ROOT + ".devtools..", ROOT + ".localstack.."};

    /** Technical APIs a domain rule must not need: messaging, HTTP, SQL, ORM, the framework. */
    private static final String[] INFRASTRUCTURE = {
            "org.apache.kafka..", "io.smallrye.reactive.messaging..", "jakarta.ws.rs..", "java.sql..", "javax.sql..",
            "io.agroal..", "org.hibernate..", "jakarta.persistence..", "io.quarkus.."};

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void noCyclesBetweenTopLevelPackages() {
        check(slices().matching(ROOT + ".(*)..").should().beFreeOfCycles());
    }

    @Test
    void journeyDependsOnNoFeature() {
        check(noClasses().that().resideInAPackage(ROOT + ".journey..")
                .should().dependOnClassesThat(resideInAPackage(ROOT + "..")
                        .and(DescribedPredicate.not(resideInAnyPackage(ROOT + ".journey..", ROOT + ".platform.."))))
                .as("journey depends only on platform"));
    }

    @Test
    void theProductUsesNoDevelopmentTooling() {
        // The tooling (src/dev/java) is left out of the packaged application, so nothing may need it.
        check(noClasses().that().resideOutsideOfPackages(DEVELOPMENT_TOOLING)
                .should().dependOnClassesThat().resideInAnyPackage(DEVELOPMENT_TOOLING));
    }

    @Test
    void ingestKnowsNoFeature() {
        // Features hear of a change through dev.ordertracking.journey.JourneyReaction instead.
        check(noClasses().that().resideInAPackage(ROOT + ".ingest..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES));
    }

    @Test
    void notificationChannelsSitBelowItsCore() {
        // The core plans, dispatches and keeps the ledger, and sends through sms and email; its
        // sub-packages never call back into it (see notification/package-info.java).
        check(noClasses().that().resideInAPackage(ROOT + ".notification.*..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".notification"));
        check(slices().matching(ROOT + ".notification.(*)..").should().beFreeOfCycles());
    }

    /** The journey's own persistence and the reaction contract, whose methods write in SQL. */
    private static final Set<String> JOURNEY_PERSISTENCE = Set.of(
            "journey.JourneyStore", "journey.StoredJourneys", "journey.JourneyReaction");

    /** Pure rules inside the features. */
    private static final Set<String> PURE_RULES = Set.of(
            "delay.Deadlines", "delay.DelaySignals", "delay.OrderFacts", "delay.ForecastWarnings",
            "notification.MilestoneDetector", "notification.NotificationPlanner", "notification.QuietHours",
            "notification.RateLimiter", "compensation.CompensationPolicy",
            "notification.SendRules", "notification.SendDecision", "notification.SendFacts", "notification.Retries",
            "platform.WorkerLoop", "platform.WakeUp");

    @Test
    void domainRulesUseNoInfrastructure() {
        DescribedPredicate<JavaClass> domain = resideInAnyPackage(ROOT + ".journey..", ROOT + ".forecast..")
                .and(DescribedPredicate.not(oneOf(JOURNEY_PERSISTENCE)))
                .or(oneOf(PURE_RULES))
                .as("domain classes and pure rules");
        check(noClasses().that(domain).should().dependOnClassesThat().resideInAnyPackage(INFRASTRUCTURE));
    }

    @Test
    void namesSayTheRole() {
        check(classes().that().areAnnotatedWith("jakarta.ws.rs.Path").and().areTopLevelClasses()
                .should().haveSimpleNameEndingWith("Resource").orShould().haveSimpleNameEndingWith("Webhook"));
        check(classes().that().haveSimpleNameEndingWith("Resource").or().haveSimpleNameEndingWith("Webhook")
                .should().beAnnotatedWith("jakarta.ws.rs.Path"));
        check(methods().that().areAnnotatedWith("org.eclipse.microprofile.reactive.messaging.Incoming")
                .should().beDeclaredInClassesThat().haveSimpleNameEndingWith("Consumer"));
        check(classes().that().implement("dev.ordertracking.journey.JourneyReaction")
                .should().haveSimpleNameEndingWith("Reaction"));
        check(classes().that().haveSimpleNameEndingWith("Reaction").and().areNotInterfaces()
                .should().implement("dev.ordertracking.journey.JourneyReaction"));
        check(classes().that().implement("org.eclipse.microprofile.health.HealthCheck")
                .should().haveSimpleNameEndingWith("HealthCheck"));
        check(classes().that().areAnnotatedWith("io.smallrye.config.ConfigMapping")
                .should().haveSimpleNameEndingWith("Settings"));
    }

    @Test
    void servicesAndStoresKnowNothingOfHttp() {
        // They refuse with platform.Refusal; the one mapper in platform.ProblemMappers speaks HTTP.
        check(noClasses().that().haveSimpleNameEndingWith("Service").or().haveSimpleNameEndingWith("Store")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".platform.ProblemException"));
    }

    /** What running SQL takes: a connection, a statement, a data source, the entity manager, Panache. */
    private static final DescribedPredicate<JavaClass> DATABASE_ACCESS = DescribedPredicate.describe(
            "the database (JDBC connections and statements, data sources, EntityManager, Panache)",
            c -> Set.of("java.sql.Connection", "java.sql.Statement", "java.sql.PreparedStatement",
                    "java.sql.CallableStatement", "java.sql.ResultSet", "javax.sql.DataSource",
                    "io.agroal.api.AgroalDataSource", "jakarta.persistence.EntityManager",
                    "jakarta.persistence.Query", "org.hibernate.Session").contains(c.getName())
                    || c.getPackageName().startsWith("io.quarkus.hibernate.orm.panache"));

    @Test
    void onlyStoresRunSql() {
        // Every table has one store that writes it; resources, webhooks, pages and services call stores.
        DescribedPredicate<JavaClass> store = DescribedPredicate.describe("a *Store (or a class nested in one)",
                c -> topLevel(c).getSimpleName().endsWith("Store"));
        check(noClasses().that(DescribedPredicate.not(store).and(DescribedPredicate.not(oneOf(SQL_HELPERS))))
                .should().dependOnClassesThat(DATABASE_ACCESS)
                .as("only stores run SQL"));
    }

    @Test
    void everyTableHasOneStoreThatWritesIt() throws java.io.IOException {
        // Read from the sources: the SQL is in text blocks, which compiled classes keep only as constants.
        java.util.Map<String, Set<String>> writers = new java.util.TreeMap<>();
        java.util.regex.Pattern table = java.util.regex.Pattern.compile("(?i)create table (?:if not exists )?(\\w+)");
        try (var migrations = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            for (var migration : migrations.toList()) {
                table.matcher(java.nio.file.Files.readString(migration)).results()
                        .forEach(m -> writers.put(m.group(1).toLowerCase(), new java.util.TreeSet<>()));
            }
        }
        try (var sources = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
            for (var source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = java.nio.file.Files.readString(source).toLowerCase();
                for (String name : writers.keySet()) {
                    if (java.util.regex.Pattern.compile("(insert\\s+into|update|delete\\s+from)\\s+" + name + "\\b")
                            .matcher(text).find()) {
                        writers.get(name).add(source.getFileName().toString().replace(".java", ""));
                    }
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(writers.size() >= 15, "the tables were read: " + writers.keySet());
        java.util.Map<String, Set<String>> wrong = new java.util.TreeMap<>(writers);
        wrong.values().removeIf(w -> w.size() == 1 && w.iterator().next().endsWith("Store"));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Map.of(), wrong,
                "tables written by no store, by more than one class, or by a class that is not a *Store");
    }

    /** Helpers the stores share: reading and binding JDBC values. */
    private static final Set<String> SQL_HELPERS = Set.of("platform.SqlValues");

    private static JavaClass topLevel(JavaClass c) {
        JavaClass outer = c;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    @Test
    void theForecastModelDependsOnlyOnTheJourney() {
        check(noClasses().that().resideInAPackage(ROOT + ".forecast..")
                .should().dependOnClassesThat(resideInAPackage(ROOT + "..")
                        .and(DescribedPredicate.not(resideInAnyPackage(ROOT + ".forecast..", ROOT + ".journey.."))))
                .as("the forecast's model depends only on journey"));
    }

    /** The named classes (relative to dev.ordertracking) with their nested classes. */
    private static DescribedPredicate<JavaClass> oneOf(Set<String> names) {
        return DescribedPredicate.describe("one of " + names, c -> names.stream()
                .map(n -> ROOT + "." + n)
                .anyMatch(n -> c.getName().equals(n) || c.getName().startsWith(n + "$")));
    }

    private static void check(ArchRule rule) {
        rule.check(CLASSES);
    }
}
