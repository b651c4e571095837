package io.learnergraph;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Dependencies point one way, checked on the bytecode (so a fully qualified name in the middle of
 * a method counts as much as an import):
 * <pre>
 *   cli → api → service → (ingest) → store → (analysis, model, config)
 * </pre>
 * Controllers reach the database only through services; the analysis core depends on nothing
 * but itself, the model and plain libraries (no driver, no HTTP, no Micronaut, no files).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureTest {

    private static final String ROOT = "io.learnergraph";
    private JavaClasses classes;

    @BeforeAll
    void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    private static String[] layers(String... names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = names[i].contains(".") && !names[i].startsWith(ROOT) ? names[i] : ROOT + "." + names[i] + "..";
        }
        return out;
    }

    private void check(String layer, String... forbidden) {
        ArchRule rule = noClasses().that().resideInAPackage(ROOT + "." + layer + "..").should()
                .dependOnClassesThat().resideInAnyPackage(layers(forbidden))
                .because("dependencies point one way (see ArchitectureTest)");
        rule.check(classes);
    }

    @Test
    void theAnalysisCoreIsPure() {
        check("analysis", "store", "api", "ingest", "service", "cli", "config", "org.neo4j..", "io.micronaut..",
                "java.nio.file..");
        noClasses().that().resideInAPackage(ROOT + ".analysis..").should().dependOnClassesThat()
                .belongToAnyOf(java.io.File.class, java.io.FileInputStream.class, java.io.FileOutputStream.class,
                        java.io.RandomAccessFile.class)
                .because("the analysis core does no file I/O").check(classes);
    }

    @Test
    void theModelDependsOnNothingOfOurs() {
        check("model", "store", "api", "ingest", "service", "cli", "analysis", "org.neo4j..", "io.micronaut..");
    }

    @Test
    void theStoreKnowsNothingAboveIt() {
        check("store", "api", "ingest", "service", "cli");
    }

    @Test
    void ingestAndServicesDoNotReachUp() {
        check("ingest", "api", "cli");
        check("service", "api", "cli");
    }

    @Test
    void controllersGoThroughServices() {
        check("api", "store", "cli", "org.neo4j..");
    }

    @Test
    void theDemoGeneratorOnlyWritesFiles() {
        check("demo", "store", "api", "service", "org.neo4j..", "io.micronaut..");
    }

    @Test
    void configurationIsBelowEverythingThatUsesIt() {
        check("config", "store", "api", "ingest", "service", "cli");
    }
}
