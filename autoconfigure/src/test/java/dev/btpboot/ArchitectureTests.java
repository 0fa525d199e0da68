package dev.btpboot;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layering of ARCHITECTURE.md as a test: data flows from bindings to tokens to
 * security to connectivity to destinations, and nothing points back up.
 */
class ArchitectureTests {

	private static JavaClasses classes;

	@BeforeAll
	static void importMainClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.btpboot");
	}

	@Test
	void featurePackagesOnlyDependOnTheLayersBelowThem() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("binding").definedBy("dev.btpboot.binding..")
			.layer("token").definedBy("dev.btpboot.token..")
			.layer("security").definedBy("dev.btpboot.security..")
			.layer("connectivity").definedBy("dev.btpboot.connectivity..")
			.layer("destination").definedBy("dev.btpboot.destination..")
			.whereLayer("destination").mayNotBeAccessedByAnyLayer()
			.whereLayer("connectivity").mayOnlyBeAccessedByLayers("destination")
			.whereLayer("security").mayOnlyBeAccessedByLayers("connectivity", "destination")
			.whereLayer("token").mayOnlyBeAccessedByLayers("security", "connectivity", "destination")
			.whereLayer("binding").mayOnlyBeAccessedByLayers("token", "security", "connectivity", "destination")
			.allowEmptyShould(true)
			.check(classes);
	}

	@Test
	void packagesHaveNoCycles() {
		slices().matching("dev.btpboot.(**)").should().beFreeOfCycles().check(classes);
	}

}
