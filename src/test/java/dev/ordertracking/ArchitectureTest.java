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
 */
class ArchitectureTest {

    private static final String ROOT = "dev.ordertracking";
    /** Every package above journey but ingest: the features, what people use, the tooling. */
    private static final String[] FEATURES = {
            ROOT + ".publishing..", ROOT + ".notification..", ROOT + ".compensation..", ROOT + ".delay..",
            ROOT + ".feedback..", ROOT + ".forecast..", ROOT + ".forecasting..", ROOT + ".support..",
            ROOT + ".tracking..",
            ROOT + ".console..", ROOT + ".replay..", ROOT + ".devtools..", ROOT + ".localstack.."};

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
    void ingestKnowsNoFeature() {
        // Features hear of a change through dev.ordertracking.journey.JourneyReaction instead.
        check(noClasses().that().resideInAPackage(ROOT + ".ingest..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES));
    }

    /** The journey's own persistence and the reaction contract, whose methods write in SQL. */
    private static final Set<String> JOURNEY_PERSISTENCE = Set.of(
            "journey.JourneyStore", "journey.StoredJourneys", "journey.JourneyReaction");

    /** Pure rules inside the features. */
    private static final Set<String> PURE_RULES = Set.of(
            "delay.Deadlines", "delay.DelaySignals", "delay.OrderFacts", "delay.ForecastWarnings",
            "notification.MilestoneDetector", "notification.NotificationPlanner", "notification.QuietHours",
            "notification.RateLimiter", "compensation.CompensationPolicy");

    @Test
    void domainRulesUseNoInfrastructure() {
        DescribedPredicate<JavaClass> domain = resideInAnyPackage(ROOT + ".journey..", ROOT + ".forecast..")
                .and(DescribedPredicate.not(oneOf(JOURNEY_PERSISTENCE)))
                .or(oneOf(PURE_RULES))
                .as("domain classes and pure rules");
        check(noClasses().that(domain).should().dependOnClassesThat().resideInAnyPackage(INFRASTRUCTURE));
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
