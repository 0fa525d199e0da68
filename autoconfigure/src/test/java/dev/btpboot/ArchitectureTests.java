package dev.btpboot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package layering of ARCHITECTURE.md as a test: data flows from bindings to tokens to
 * security to connectivity to destinations to tenancy to data, observability sits beside tenancy
 * and fills hooks the lower layers offer, and nothing points back up; servlet and reactive
 * classes never reach each other; and what is public is either the API docs/api.md names or needed
 * by the starter's own packages.
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
			.layer("tenancy").definedBy("dev.btpboot.tenancy..")
			.layer("data").definedBy("dev.btpboot.data..")
			.layer("observability").definedBy("dev.btpboot.observability..")
			.whereLayer("observability").mayNotBeAccessedByAnyLayer()
			.whereLayer("data").mayNotBeAccessedByAnyLayer()
			.whereLayer("tenancy").mayOnlyBeAccessedByLayers("data")
			.whereLayer("destination").mayOnlyBeAccessedByLayers("tenancy", "data", "observability")
			.whereLayer("connectivity").mayOnlyBeAccessedByLayers("destination", "tenancy", "data", "observability")
			.whereLayer("security")
			.mayOnlyBeAccessedByLayers("connectivity", "destination", "tenancy", "data", "observability")
			.whereLayer("token")
			.mayOnlyBeAccessedByLayers("security", "connectivity", "destination", "tenancy", "data", "observability")
			.whereLayer("binding")
			.mayOnlyBeAccessedByLayers("token", "security", "connectivity", "destination", "tenancy", "data",
					"observability")
			.allowEmptyShould(true)
			.check(classes);
	}

	@Test
	void packagesHaveNoCycles() {
		slices().matching("dev.btpboot.(**)").should().beFreeOfCycles().check(classes);
	}


	@Test
	void servletClassesNeverReachReactiveOnes() {
		noClasses().that()
			.resideInAPackage("dev.btpboot..servlet..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.btpboot..reactive..")
			.check(classes);
	}

	@Test
	void reactiveClassesNeverReachServletOnes() {
		noClasses().that()
			.resideInAPackage("dev.btpboot..reactive..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.btpboot..servlet..")
			.check(classes);
	}

	@Test
	void theTypesDocsApiNamesArePublic() {
		PublicApi api = PublicApi.read();
		assertThat(api.all()).isNotEmpty().allSatisfy((name) -> {
			assertThat(classes.contain(name)).as("docs/api.md names %s, which does not exist", name).isTrue();
			assertThat(classes.get(name).getModifiers()).as("%s is named in docs/api.md", name)
				.contains(JavaModifier.PUBLIC);
		});
	}

	/**
	 * A public type outside the documented API is public only because another package of its own
	 * feature uses it (as {@code security.servlet} uses {@code security}), or because docs/api.md
	 * names it as shared between features (or it is the superclass of such a type): applications
	 * never need it.
	 */
	@Test
	void everyOtherPublicTypeIsPublicOnlyForTheStartersOwnPackages() {
		PublicApi api = PublicApi.read();
		List<String> problems = new ArrayList<>();
		for (JavaClass type : classes) {
			if (!type.isTopLevelClass() || !type.getModifiers().contains(JavaModifier.PUBLIC)
					|| api.isApi(type.getName()) || type.getSimpleName().endsWith("AutoConfiguration")
					|| type.getSimpleName().endsWith("Properties")) {
				continue;
			}
			Set<String> users = type.getDirectDependenciesToSelf()
				.stream()
				.map((dependency) -> dependency.getOriginClass().getPackageName())
				.filter((user) -> !user.equals(type.getPackageName()))
				.collect(Collectors.toCollection(TreeSet::new));
			boolean superclassOfAPublicType = classes.stream()
				.anyMatch((other) -> other.getModifiers().contains(JavaModifier.PUBLIC)
						&& other.getRawSuperclass().filter(type::equals).isPresent());
			if (users.isEmpty() && !superclassOfAPublicType) {
				problems.add(type.getName() + " is public, but no other package uses it: make it package-private");
			}
			else if (!api.isShared(type.getName())) {
				users.stream()
					.filter((user) -> !feature(user).equals(feature(type.getPackageName())))
					.forEach((user) -> problems.add(type.getName() + " is used by " + user
							+ ", another feature: name it in docs/api.md (public API, or shared between features)"));
			}
		}
		assertThat(problems).isEmpty();
	}

	/** @return e.g. {@code dev.btpboot.security} for {@code dev.btpboot.security.jwt.servlet} */
	private static String feature(String packageName) {
		String[] parts = packageName.split("\\.");
		return (parts.length < 3) ? packageName : parts[0] + "." + parts[1] + "." + parts[2];
	}

	/** The type names of docs/api.md: its public API and the types shared between features. */
	private record PublicApi(Set<String> api, Set<String> shared) {

		private static final Pattern SECTION_PACKAGE = Pattern.compile("^### .*\\(`(dev\\.btpboot\\.[a-z.]+)`\\)");

		private static final Pattern TYPE = Pattern.compile("`((?:[a-z]+\\.)*[A-Z]\\w*)`");

		static PublicApi read() {
			List<String> lines;
			try {
				lines = Files.readAllLines(Path.of("..", "docs", "api.md"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Set<String> api = new TreeSet<>();
			Set<String> shared = new TreeSet<>();
			Set<String> current = null;
			String base = "dev.btpboot";
			for (String line : lines) {
				if (line.startsWith("## ")) {
					current = line.equals("## Public API") ? api
							: line.startsWith("## Shared between") ? shared : null;
					base = "dev.btpboot";
					continue;
				}
				Matcher section = SECTION_PACKAGE.matcher(line);
				if (section.find()) {
					base = section.group(1);
					continue;
				}
				if (current != null && line.startsWith("- ") || current != null && line.startsWith("  ")) {
					Matcher type = TYPE.matcher(line.substring(0, line.contains(":") ? line.indexOf(':') : line.length()));
					while (type.find()) {
						current.add(base + "." + type.group(1));
					}
				}
			}
			return new PublicApi(api, shared);
		}

		boolean isApi(String name) {
			return this.api.contains(name);
		}

		boolean isShared(String name) {
			return this.shared.contains(name);
		}

		Set<String> all() {
			Set<String> all = new TreeSet<>(this.api);
			all.addAll(this.shared);
			return all;
		}

	}

}
